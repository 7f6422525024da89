/**
 * Snapshots and their metric counts, each read once per build. The current
 * and prior periods' snapshots are loaded whole (the diff needs every record);
 * earlier periods only contribute counts to the trend, which come from the
 * count cache when their file has not changed.
 */
import { inputLimits, readInputFile } from './input-file.js';
import { periodOf, type Period } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { CountCache } from './metrics/count-cache.js';
import { countMetrics, type Count } from './metrics/metrics.js';
import { locateSnapshotFile, readSnapshot, snapshotFilesThere, type SnapshotOrigin, type SourcedSnapshot } from './snapshots/sources/index.js';
import type { Snapshot } from './snapshots/types.js';

export class SnapshotStore {
  private readonly snapshots = new Map<string, Promise<SourcedSnapshot>>();
  private readonly counts = new Map<string, Promise<Map<string, Count>>>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cwd: string,
    private readonly cache: CountCache | null = null,
  ) {}

  snapshot(period: string): Promise<Snapshot> {
    return this.sourced(period).then((sourced) => sourced.snapshot);
  }

  /** Where a period's snapshot comes from: its file, or the query and the digest of its rows. */
  async origin(period: string): Promise<SnapshotOrigin> {
    if (this.config.snapshots.sql || this.snapshots.has(period)) return (await this.sourced(period)).origin;
    return { kind: 'file', file: this.file(period) };
  }

  private sourced(period: string): Promise<SourcedSnapshot> {
    let sourced = this.snapshots.get(period);
    if (!sourced) {
      sourced = readSnapshot(this.config.snapshots, period, { displayBase: this.cwd });
      this.snapshots.set(period, sourced);
    }
    return sourced;
  }

  /** Path of a period's snapshot file (file sources only). */
  private file(period: string): string {
    return locateSnapshotFile(this.config.snapshots, period, this.cwd);
  }

  metricCounts(period: string): Promise<Map<string, Count>> {
    let counts = this.counts.get(period);
    if (!counts) {
      counts = this.count(period);
      this.counts.set(period, counts);
    }
    return counts;
  }

  period(id: string): Period {
    return periodOf(id, this.config.periods);
  }

  private async count(period: string): Promise<Map<string, Count>> {
    const fromSnapshot = async () =>
      countMetrics(await this.snapshot(period), this.config.metrics, this.period(period), this.config.output.maskVisible);
    // A snapshot loaded anyway is counted; so is any file the cache cannot speak for, and every query.
    if (!this.cache || this.snapshots.has(period) || this.config.snapshots.sql) return fromSnapshot();
    // Bounded, and only a regular file: the loader words what is wrong with anything else (a missing file too).
    // Only a period with exactly one file is counted from the cache: none, or two, the loader words.
    const found = snapshotFilesThere(this.config.snapshots, period);
    const file = found.length === 1 ? found[0] : undefined;
    const bytes = file === undefined ? null : await readInputFile({ path: file, shown: file, what: 'snapshot', maxBytes: inputLimits.snapshot }).catch(() => null);
    if (!bytes) return fromSnapshot();
    const key = this.cache.key(period, bytes);
    const cached = this.cache.read(key);
    if (cached) return cached;
    const counts = await fromSnapshot();
    this.cache.write(key, counts);
    return counts;
  }
}
