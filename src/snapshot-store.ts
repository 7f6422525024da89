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
import { loadSnapshot, snapshotPath } from './snapshots/load.js';
import type { Snapshot } from './snapshots/types.js';

export class SnapshotStore {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  private readonly counts = new Map<string, Promise<Map<string, Count>>>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cwd: string,
    private readonly cache: CountCache | null = null,
  ) {}

  snapshot(period: string): Promise<Snapshot> {
    let snapshot = this.snapshots.get(period);
    if (!snapshot) {
      snapshot = loadSnapshot(this.config.snapshots, period, { displayBase: this.cwd });
      this.snapshots.set(period, snapshot);
    }
    return snapshot;
  }

  /** Path of a period's snapshot file. */
  file(period: string): string {
    return snapshotPath(this.config.snapshots, period);
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
    // A snapshot loaded anyway is counted; so is any file the cache cannot speak for.
    if (!this.cache || this.snapshots.has(period)) return fromSnapshot();
    // Bounded, and only a regular file: the loader words what is wrong with anything else.
    const bytes = await readInputFile({ path: this.file(period), shown: this.file(period), what: 'snapshot', maxBytes: inputLimits.snapshot }).catch(() => null);
    if (!bytes) return fromSnapshot();
    const key = this.cache.key(period, bytes);
    const cached = this.cache.read(key);
    if (cached) return cached;
    const counts = await fromSnapshot();
    this.cache.write(key, counts);
    return counts;
  }
}
