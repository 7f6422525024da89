/**
 * The period diff: a pure function of two snapshots of the same source.
 * Records are matched by key; events are counted on records present in both.
 */
import type { EventSpec } from '../config/types.js';
import type { Snapshot } from '../snapshots/types.js';
import { ROWS_PER_STEP, runSteps, runStepsPausing, type Steps } from '../steps.js';
import { tallySteps, unchangedTally, type MaybeChanged } from './column-tally.js';
import { differenceSteps } from './snapshot-pair.js';
import { compareKeys } from './tally.js';
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
  if (!prior) {
    const added = keysOf(current, Int32Array.from({ length: current.size }, (_, row) => row));
    return { period: current.period, priorPeriod: null, counts: { added: added.length, removed: 0, changed: 0, unchanged: 0 }, added, removed: [], changed: [], ...unchangedTally(current.fields, input.events) };
  }
  // A hash join on the key: neither snapshot's row order matters.
  const priorRows = prior.rowsMatching(current);
  yield;
  const masks = yield* differenceSteps(prior, current, priorRows);
  const matched = new Uint8Array(prior.size);
  const addedRows = new RowList();
  const maybe = new PairList();
  // The loops over every record are plain functions called a step at a time, not loops in this
  // generator: V8 does not optimise a generator while it runs (no on-stack replacement), and it
  // runs once, so a loop of a million rows in it ran unoptimised.
  for (let first = 0; first < current.size; first += ROWS_PER_STEP) {
    yield;
    pairRecords(first, Math.min(current.size, first + ROWS_PER_STEP), priorRows, masks, matched, addedRows, maybe);
  }
  const pairs = maybe.pairs();
  const tally = yield* tallySteps({ prior, current, pairs, masks, events: input.events, periodStart: input.periodStart, periodEnd: input.periodEnd });
  const changedRows = new RowList();
  for (let at = 0; at < pairs.count; at++) if (tally.changed[at] === 1) changedRows.push(pairs.current[at]!);
  const added = keysOf(current, addedRows.rows());
  const changed = keysOf(current, changedRows.rows());
  const removed = unmatchedKeys(prior, matched);
  return {
    period: current.period,
    priorPeriod: prior.period,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged: current.size - added.length - changed.length },
    added,
    removed,
    changed,
    fields: tally.fields,
    events: tally.events,
  };
}

/**
 * Of the current rows [first, end): those with no prior row go to `added`; those whose fields may
 * differ go to `maybe` with their prior row; every prior row paired is marked in `matched`.
 */
function pairRecords(first: number, end: number, priorRows: Int32Array, masks: Uint32Array, matched: Uint8Array, added: RowList, maybe: PairList): void {
  for (let row = first; row < end; row++) {
    const priorRow = priorRows[row]!;
    if (priorRow < 0) {
      added.push(row);
      continue;
    }
    matched[priorRow] = 1;
    if (masks[row] !== 0) maybe.push(row, priorRow);
  }
}

/** The keys of the snapshot's rows not marked in `matched`, sorted. */
function unmatchedKeys(snapshot: Snapshot, matched: Uint8Array): string[] {
  const rows = new RowList();
  for (let row = 0; row < snapshot.size; row++) if (matched[row] === 0) rows.push(row);
  return keysOf(snapshot, rows.rows());
}

/** The keys of the rows, sorted. */
function keysOf(snapshot: Snapshot, rows: Int32Array): string[] {
  return Array.from(rows, (row) => snapshot.keyAt(row)).sort(compareKeys);
}

/** A growing list of rows: a few per cent of a million records, so not an array sized for all of them. */
class RowList {
  private list: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count = 0;
  push(row: number): void {
    if (this.count === this.list.length) this.list = grown(this.list);
    this.list[this.count++] = row;
  }
  rows(): Int32Array {
    return this.list.subarray(0, this.count);
  }
}

/** Current rows with their prior rows, as MaybeChanged. */
class PairList {
  private current: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private prior: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private count = 0;
  push(row: number, priorRow: number): void {
    if (this.count === this.current.length) {
      this.current = grown(this.current);
      this.prior = grown(this.prior);
    }
    this.current[this.count] = row;
    this.prior[this.count++] = priorRow;
  }
  pairs(): MaybeChanged {
    return { current: this.current, prior: this.prior, count: this.count };
  }
}

function grown(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(list.length * 2);
  next.set(list);
  return next;
}
