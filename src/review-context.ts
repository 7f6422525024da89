/**
 * Gathers what review needs beyond one period's snapshots: the earlier filed
 * reports and the figures the current data gives for them. Used by build (to
 * warn of restatements and to gate --final) and by the review command.
 */
import { periodRange, previousMonth } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { compareMetrics } from './metrics/metrics.js';
import { filedMetrics, filedReports, snapshotsChanged, type FiledReport } from './review/filed.js';
import { restatedFigures } from './review/restatements.js';
import type { Restatement } from './review/types.js';
import type { SnapshotStore } from './snapshot-store.js';

/** The final reports of the periods before `period` in outDir, oldest first. */
export async function earlierFiled(config: ResolvedConfig, period: string, outDir: string): Promise<FiledReport[]> {
  if (period <= config.periods.first) return [];
  return filedReports(outDir, periodRange(config.periods.first, previousMonth(period)));
}

/** Every figure an earlier final report filed that its period's data, as it stands, no longer gives. */
export async function earlierRestatements(config: ResolvedConfig, filed: readonly FiledReport[], store: SnapshotStore): Promise<Restatement[]> {
  const found: Restatement[] = [];
  for (const report of filed) {
    if (!(await snapshotsChanged(report, config.dir))) continue;
    const then = await filedMetrics(report);
    if (!then) continue;
    // Only the period's own figures are compared: its prior's are the prior report's to restate.
    const now = compareMetrics(config.metrics, { period: report.period, counts: await store.metricCounts(report.period) }, null);
    found.push(...restatedFigures(report.period, then, now));
  }
  return found;
}
