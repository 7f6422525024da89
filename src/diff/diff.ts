/**
 * The period diff: a pure function of two snapshots of the same source.
 * Records are matched by key; events are counted on records present in both.
 */
import type { EventSpec } from '../config/types.js';
import type { Snapshot } from '../snapshots/types.js';
import { ROWS_PER_STEP, runSteps, runStepsPausing, type Steps } from '../steps.js';
import { SnapshotPair } from './snapshot-pair.js';
import { ChangeTally, compareKeys } from './tally.js';
import type { PeriodDiff } from './types.js';

export { compareValues } from './tally.js';

export interface DiffInput {
  current: Snapshot;
  /** null for the first period. */
  prior: Snapshot | null;
  events: readonly EventSpec[];
  /** The current period's first and last day, for event filters with withinPeriod. */
  periodStart: string;
  periodEnd: string;
}

export function diffSnapshots(input: DiffInput): PeriodDiff {
  return runSteps(diffSteps(input));
}

/** The same diff, pausing now and then so that Ctrl-C is handled at once even at millions of records. */
export function diffSnapshotsPausing(input: DiffInput): Promise<PeriodDiff> {
  return runStepsPausing(diffSteps(input));
}

function* diffSteps(input: DiffInput): Steps<PeriodDiff> {
  const { current, prior } = input;
  const tally = new ChangeTally({ fields: current.fields, events: input.events, periodStart: input.periodStart, periodEnd: input.periodEnd });
  const added: string[] = [];
  const removed: string[] = [];
  // A hash join on the key: neither snapshot's row order matters.
  if (prior) {
    const pair = new SnapshotPair(prior, current);
    const matched = new Uint8Array(prior.size);
    const priorRows = prior.rowsMatching(current);
    yield;
    const differences = yield* pair.differenceSteps(priorRows);
    // The loops over every record are plain functions called a step at a time, not loops in this
    // generator: V8 does not optimise a generator while it runs (no on-stack replacement), and it
    // runs once, so a loop of a million rows in it ran unoptimised.
    for (let first = 0; first < current.size; first += ROWS_PER_STEP) {
      yield;
      const rows = { first, end: Math.min(current.size, first + ROWS_PER_STEP) };
      pairRecords(rows, current, priorRows, differences, matched, pair, tally, added);
    }
    unmatchedKeys(prior, matched, removed);
  } else {
    unmatchedKeys(current, new Uint8Array(current.size), added);
  }
  const { changed, fields, events } = tally.finish();
  return {
    period: current.period,
    priorPeriod: prior?.period ?? null,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged: tally.unchanged },
    added: added.sort(compareKeys),
    removed: removed.sort(compareKeys),
    changed,
    fields,
    events,
  };
}

/** Tallies the current rows [first, end) present in both months; adds the others' keys to `added`. */
function pairRecords(
  rows: { first: number; end: number },
  current: Snapshot,
  priorRows: Int32Array,
  differences: Uint32Array,
  matched: Uint8Array,
  pair: SnapshotPair,
  tally: ChangeTally,
  added: string[],
): void {
  for (let row = rows.first; row < rows.end; row++) {
    const priorRow = priorRows[row]!;
    if (priorRow < 0) {
      added.push(current.keyAt(row));
      continue;
    }
    matched[priorRow] = 1;
    const mask = differences[row]!;
    if (mask === 0) tally.unchanged++;
    else tally.add(() => current.keyAt(row), pair.at(priorRow, row, mask));
  }
}

/** Adds to `keys` the key of each row of the snapshot not marked in `matched`. */
function unmatchedKeys(snapshot: Snapshot, matched: Uint8Array, keys: string[]): void {
  for (let row = 0; row < snapshot.size; row++) if (matched[row] === 0) keys.push(snapshot.keyAt(row));
}
