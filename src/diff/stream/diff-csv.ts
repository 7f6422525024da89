/**
 * The period diff of two snapshot files, as `court-report diff` runs it: both
 * snapshots load at once (large CSV files on worker threads, typed straight
 * into columns), then diffSnapshots joins them on their keys. One engine for
 * the build and the diff command, whatever the row order of either file.
 */
import type { EventSpec, SnapshotSource } from '../../config/types.js';
import { loadSnapshot } from '../../snapshots/load.js';
import { diffSnapshotsPausing } from '../diff.js';
import type { PeriodDiff } from '../types.js';
import { debuglog } from 'node:util';

/** NODE_DEBUG=court-report-diff says when each snapshot was loaded (ms since the process started). */
const debug = debuglog('court-report-diff');

export interface CsvDiffInput {
  source: SnapshotSource;
  /** Path of the current period's snapshot. */
  currentFile: string;
  /** Path of the prior period's snapshot; null for the first period. */
  priorFile: string | null;
  period: string;
  /** Null exactly when priorFile is. */
  priorPeriod: string | null;
  events: readonly EventSpec[];
  /** The current period's first and last day, for event filters with withinPeriod. */
  periodStart: string;
  periodEnd: string;
  /** Folder that paths in messages are shown relative to. Default: the working directory. */
  displayBase?: string;
  /** Load the two snapshots at once (default) or one after the other. */
  parallel?: boolean;
}

export async function diffCsvFiles(input: CsvDiffInput): Promise<PeriodDiff> {
  if ((input.priorFile === null) !== (input.priorPeriod === null)) throw new Error('priorFile and priorPeriod must both be given or both be null');
  const load = async (file: string, period: string) => {
    const snapshot = await loadSnapshot({ ...input.source, pathPatterns: [file] }, period, { displayBase: input.displayBase ?? process.cwd() });
    debug('%s loaded by %d ms', period, Math.round(performance.now()));
    return snapshot;
  };
  const parallel = input.parallel ?? true;
  const current = load(input.currentFile, input.period);
  const prior = input.priorFile === null ? null : parallel ? load(input.priorFile, input.priorPeriod!) : null;
  // The current snapshot's problems are reported first; the prior's only if it has none.
  prior?.catch(() => {});
  const currentSnapshot = await current;
  const priorSnapshot = input.priorFile === null ? null : await (prior ?? load(input.priorFile, input.priorPeriod!));
  // Pausing now and then, so that Ctrl-C is handled at once however large the snapshots.
  return diffSnapshotsPausing({ current: currentSnapshot, prior: priorSnapshot, events: input.events, periodStart: input.periodStart, periodEnd: input.periodEnd });
}
