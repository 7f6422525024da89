/**
 * What a batch prints: each period's line in period order whatever finished
 * first, a progress line on a terminal (period n of N, elapsed), a summary
 * line at the end; or, with --json, one document of every result.
 */
import { writeJson } from './output.js';

export interface BatchOptions {
  json: boolean;
  quiet: boolean;
  /** A terminal to draw the progress line on; undefined for plain lines only. */
  progress?: NodeJS.WriteStream;
  /** Milliseconds since some start: the clock is the caller's. */
  now: () => number;
}

interface Entry {
  key: string;
  line?: string;
  record?: Record<string, unknown>;
}

export class BatchReport {
  private readonly queue: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly records: Record<string, unknown>[] = [];
  private finished = 0;
  private progressShown = false;
  private built = 0;
  private skipped = 0;
  private readonly started: number;

  constructor(private readonly options: BatchOptions) {
    this.started = options.now();
  }

  /** The periods of one case that will be reported, in the order they are printed. */
  expect(caseId: string, periods: readonly string[]): void {
    for (const period of periods) {
      const entry: Entry = { key: `${caseId}\u0000${period}` };
      this.queue.push(entry);
      this.byKey.set(entry.key, entry);
    }
  }

  done(caseId: string, period: string, line: string, record: Record<string, unknown>): void {
    this.built++;
    this.settle(caseId, period, line, { status: 'built', ...record });
  }

  skip(caseId: string, period: string, line: string, record: Record<string, unknown>): void {
    this.skipped++;
    this.settle(caseId, period, line, { status: 'skipped', ...record });
  }

  /** Prints the summary (or the JSON document); a failed batch prints what finished. */
  finish(): void {
    this.clearProgress();
    const seconds = ((this.options.now() - this.started) / 1000).toFixed(1);
    if (this.options.json) {
      writeJson({ ok: true, reports: this.records });
      return;
    }
    if (this.options.quiet || this.queue.length < 2) return;
    const skipped = this.skipped > 0 ? `, skipped ${this.skipped} filed` : '';
    process.stdout.write(`built ${this.built} of ${this.queue.length} reports${skipped} in ${seconds} s\n`);
  }

  /**
   * A batch that failed: the periods that did finish (their files are kept) are still listed,
   * and returned in period order for the JSON document of the failure.
   */
  abandon(): Record<string, unknown>[] {
    this.clearProgress();
    const finished = this.queue.flatMap((entry) => (entry.record ? [entry.record] : []));
    if (this.options.json || this.options.quiet) return finished;
    for (const entry of this.queue.slice(this.records.length)) if (entry.line !== undefined) process.stdout.write(entry.line + '\n');
    return finished;
  }

  private settle(caseId: string, period: string, line: string, record: Record<string, unknown>): void {
    const entry = this.byKey.get(`${caseId}\u0000${period}`);
    if (!entry) throw new Error(`a result for ${caseId} ${period}, which the batch did not expect`);
    entry.line = line;
    entry.record = { case: caseId, period, ...record };
    this.finished++;
    // Lines go out in period order: hold a finished period until every earlier one is out.
    while (this.queue[this.records.length]?.record) {
      const next = this.queue[this.records.length]!;
      this.records.push(next.record!);
      if (!this.options.json && !this.options.quiet) {
        this.clearProgress();
        process.stdout.write(next.line + '\n');
      }
    }
    this.drawProgress(period);
  }

  private drawProgress(period: string): void {
    const stream = this.options.progress;
    if (!stream || this.options.json || this.options.quiet || this.queue.length < 2 || this.finished === this.queue.length) return;
    const seconds = ((this.options.now() - this.started) / 1000).toFixed(1);
    this.progressShown = true;
    stream.write(`\r\u001b[2K${this.finished} of ${this.queue.length} reports (${period} done), ${seconds} s`);
  }

  private clearProgress(): void {
    if (!this.progressShown) return;
    this.progressShown = false;
    this.options.progress?.write('\r\u001b[2K');
  }
}
