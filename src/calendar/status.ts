/**
 * `status`: where each period through the as-of date stands — its snapshot,
 * whether a report was built (draft) or filed (final, with its as-of), when
 * it is due, and whether it is overdue.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { readManifest } from '../output/manifest.js';
import { findSnapshotFile, snapshotCandidates } from '../snapshots/load.js';
import { fixedDueDateWarnings, periodsThrough } from './due-dates.js';

export interface PeriodStatus {
  period: string;
  /** The snapshot file, relative to the config's folder. */
  snapshot: string;
  /** Null for a database source: the query is not run to tell. */
  snapshotPresent: boolean | null;
  /** none: nothing built; draft: outputs without a final manifest; final: filed; damaged: a manifest that is no record. */
  report: 'none' | 'draft' | 'final' | 'damaged';
  /** The as-of (filing) date of a final report. */
  filedAsOf: string | null;
  dueDate: string | null;
  /** Why a damaged manifest is no record. */
  problem?: string;
  /** Past its due date and not final. */
  overdue: boolean;
}

export interface CaseStatus {
  case: string;
  asOf: string;
  periods: PeriodStatus[];
  warnings: string[];
}

export async function caseStatus(config: ResolvedConfig, options: { asOf: string; outDir?: string }): Promise<CaseStatus> {
  const outDir = options.outDir ?? config.output.dir;
  const periods = periodsThrough(config.periods, options.asOf);
  const rows = await Promise.all(
    periods.map(async (period): Promise<PeriodStatus> => {
      const sql = config.snapshots.sql;
      const found = findSnapshotFile(config.snapshots, period.id);
      const snapshot = found ?? snapshotCandidates(config.snapshots, period.id)[0] ?? '';
      const report = await reportState(path.join(outDir, period.id));
      return {
        period: period.id,
        snapshot: sql ? `${sql.driver} query (snapshots.sql)` : path.relative(config.dir, snapshot).split(path.sep).join('/'),
        snapshotPresent: sql ? null : found !== undefined,
        report: report.state,
        filedAsOf: report.asOf,
        ...(report.problem ? { problem: report.problem } : {}),
        dueDate: period.dueDate,
        overdue: report.state !== 'final' && period.dueDate !== null && period.dueDate < options.asOf,
      };
    }),
  );
  return { case: config.id, asOf: options.asOf, periods: rows, warnings: fixedDueDateWarnings(config.periods, periods) };
}

/** A period folder's state: the one place status reads what build wrote. */
async function reportState(periodDir: string): Promise<{ state: PeriodStatus['report']; asOf: string | null; problem?: string }> {
  const filed = await readManifest(periodDir);
  if (filed.state === 'filed') return { state: 'final', asOf: filed.manifest.asOf };
  if (filed.state === 'damaged') return { state: 'damaged', asOf: null, problem: `${filed.file}: ${filed.reason}` };
  const built = (await exists(path.join(periodDir, 'report.html'))) || (await exists(path.join(periodDir, 'report.pdf')));
  return { state: built ? 'draft' : 'none', asOf: null };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
