/**
 * The pipeline: config → snapshots → diff → metrics → render → pdf, for one
 * period or a batch. Files are read through the snapshot store and written
 * only at the end of each period, atomically.
 */
import path from 'node:path';
import { periodOf, periodRange, previousMonth, type Period } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { diffSnapshots } from './diff/diff.js';
import type { PeriodDiff } from './diff/types.js';
import { UserError } from './errors.js';
import { compareMetrics, countMetrics, type Count } from './metrics/metrics.js';
import type { PeriodMetrics } from './metrics/types.js';
import { writeOutputs } from './output/atomic.js';
import type { Printer } from './pdf/printer.js';
import { stampPdf } from './pdf/metadata.js';
import { compileTemplates, type CompiledReport } from './render/engine.js';
import { buildReportView } from './render/report-view.js';
import type { ReportView } from './render/types.js';
import { loadSnapshot } from './snapshots/load.js';
import type { Snapshot } from './snapshots/types.js';
import { VERSION } from './version.js';

export interface BuildOptions {
  config: ResolvedConfig;
  /** Periods to build, YYYY-MM, in order. */
  periods: string[];
  /** The filing date, YYYY-MM-DD: the only "now" the pipeline knows. */
  asOf: string;
  /** Final reports carry no DRAFT watermark. */
  final: boolean;
  /** Output folder; default config.output.dir. */
  outDir?: string;
  /** Skip the PDF. */
  htmlOnly?: boolean;
  /** Prints PDFs; launched by the caller, who also closes it. Required unless htmlOnly. */
  printer?: Promise<Printer> | Printer;
  /** Base for paths in messages. */
  cwd?: string;
  /** Called after each period's outputs are written. */
  onPeriod?: (result: PeriodResult) => void;
}

export interface PeriodResult {
  period: string;
  dir: string;
  files: string[];
  diff: PeriodDiff;
  metrics: PeriodMetrics;
}

/** Loads each period's snapshot and its metric counts once per batch. */
export class SnapshotStore {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  private readonly counts = new Map<string, Promise<Map<string, Count>>>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cwd: string,
  ) {}

  snapshot(period: string): Promise<Snapshot> {
    let snapshot = this.snapshots.get(period);
    if (!snapshot) {
      snapshot = loadSnapshot(this.config.snapshots, period, { displayBase: this.cwd });
      this.snapshots.set(period, snapshot);
    }
    return snapshot;
  }

  metricCounts(period: string): Promise<Map<string, Count>> {
    let counts = this.counts.get(period);
    if (!counts) {
      const bounds = this.period(period);
      counts = this.snapshot(period).then((s) => countMetrics(s, this.config.metrics, bounds));
      this.counts.set(period, counts);
    }
    return counts;
  }

  period(id: string): Period {
    return periodOf(id, this.config.periods);
  }
}

/** Checks that a period can be reported on as of a date: configured, and its snapshot day has passed. */
export function checkPeriod(config: ResolvedConfig, period: string, asOf: string): void {
  const { first, last } = config.periods;
  if (period < first) {
    throw new UserError({ message: `period ${period} comes before the first period of this report`, value: period, expected: `${first} or later` });
  }
  if (last !== undefined && period > last) {
    throw new UserError({ message: `period ${period} comes after the last period of this report`, value: period, expected: `${last} or earlier` });
  }
  const { snapshotDate } = periodOf(period, config.periods);
  if (snapshotDate > asOf) {
    throw new UserError({
      message: `period ${period} is in the future: its snapshot is taken as of ${snapshotDate}, after the as-of date ${asOf}`,
      hint: 'pick an earlier period, or pass --as-of',
    });
  }
}

export async function buildReports(options: BuildOptions): Promise<PeriodResult[]> {
  const { config } = options;
  const cwd = options.cwd ?? process.cwd();
  for (const period of options.periods) checkPeriod(config, period, options.asOf);
  const store = new SnapshotStore(config, cwd);
  const templates = await compileTemplates(config.template);
  const results: PeriodResult[] = [];
  for (const period of options.periods) {
    try {
      const result = await buildPeriod(period, options, store, templates);
      results.push(result);
      options.onPeriod?.(result);
    } catch (error) {
      if (error instanceof UserError) throw error.withContext(`while building ${period}`);
      throw error;
    }
  }
  return results;
}

export interface RenderedPeriod {
  period: Period;
  html: string;
  diff: PeriodDiff;
  metrics: PeriodMetrics;
  view: ReportView;
}

/** Everything but the PDF and the files: snapshots, diff, metrics and the HTML. */
export async function renderPeriod(
  id: string,
  options: Pick<BuildOptions, 'config' | 'asOf' | 'final'>,
  store: SnapshotStore,
  templates: CompiledReport,
): Promise<RenderedPeriod> {
  const { config } = options;
  const period = store.period(id);
  const priorId = id > config.periods.first ? previousMonth(id) : null;
  const priorPeriod = priorId ? store.period(priorId) : null;
  const historyIds = periodRange(config.periods.first, id);

  const [current, prior, historyCounts] = await Promise.all([
    store.snapshot(id),
    priorId ? store.snapshot(priorId) : null,
    Promise.all(historyIds.map((h) => store.metricCounts(h))),
  ]);

  const diff = diffSnapshots({ current, prior, events: config.events, periodStart: period.start, periodEnd: period.end });
  const currentCounts = historyCounts[historyCounts.length - 1]!;
  const priorCounts = priorId ? historyCounts[historyCounts.length - 2]! : null;
  const metrics = compareMetrics(
    config.metrics,
    { period: id, counts: currentCounts },
    priorId && priorCounts ? { period: priorId, counts: priorCounts } : null,
  );
  const history = historyIds.map((h, i) => ({ period: store.period(h), values: headlineValues(historyCounts[i]!) }));

  const watermark = config.output.watermark ?? (options.final ? null : 'DRAFT');
  const view = buildReportView({ config, period, priorPeriod, metrics, diff, history, asOf: options.asOf, watermark, final: options.final });
  const html = templates.render(view);
  return { period, html, diff, metrics, view };
}

async function buildPeriod(id: string, options: BuildOptions, store: SnapshotStore, templates: CompiledReport): Promise<PeriodResult> {
  const { config } = options;
  const { html, diff, metrics, view } = await renderPeriod(id, options, store, templates);
  const files: Record<string, string | Uint8Array> = {
    'report.html': html,
    'diff.json': json(diff),
    'metrics.json': json(metrics),
  };
  if (!options.htmlOnly && config.output.pdf) {
    if (!options.printer) throw new Error('buildReports needs a printer unless htmlOnly');
    const printer = await options.printer;
    const printed = await printer.print(html, { paper: config.output.format.paper, name: `${config.id} ${id}` });
    files['report.pdf'] = await stampPdf(printed, {
      title: `${config.template.title} — ${view.period.label}`,
      author: config.filer.name,
      subject: `${partiesShort(config)}, No. ${config.caseNumber} (${config.case.district}): status report for ${view.period.label}`,
      keywords: ['status report', config.caseNumber, id],
      creator: `court-report ${VERSION}`,
      date: options.asOf,
    });
  }
  const dir = path.join(options.outDir ?? config.output.dir, id);
  const written = await writeOutputs(dir, files);
  return { period: id, dir, files: written, diff, metrics };
}

function headlineValues(counts: Map<string, Count>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [id, count] of counts) {
    values[id] = typeof count === 'number' ? count : [...count.values()].reduce((a, b) => a + b, 0);
  }
  return values;
}

function partiesShort(config: ResolvedConfig): string {
  const { plaintiffs, defendants } = config.case;
  return `${plaintiffs.names[0]} v. ${defendants.names[0]}${defendants.etAl || defendants.names.length > 1 ? ', et al.' : ''}`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
