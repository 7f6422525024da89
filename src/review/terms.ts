/**
 * The loops of the review's scan, one field or metric at a time over the
 * records joined across the two snapshots: typed arrays in, counts and the
 * rows behind them out. Records are visited in one order everywhere (prior
 * records in file order, then those added in the current snapshot), so every
 * list of keys comes out in that order whichever loop made it. A listed
 * record is named by its pair: its prior row, or -1 - its current row when it
 * is new; the scan decodes keys only for what is listed.
 */
import type { RowMask } from '../metrics/row-mask.js';
import { countMask } from '../metrics/row-mask.js';
import { isoToDay, NO_DAY } from '../snapshots/days.js';
import type { FieldExpectation } from '../config/schema.js';
import type { Snapshot, Value } from '../snapshots/types.js';
import { ABSENT, dayAfter, fieldPair, groupCounter, groupValue } from './records.js';
import type { Bridge, BridgeTerm } from './types.js';

/** The records of both snapshots, matched on their keys. */
export interface RecordJoin {
  /** Per prior row, the current row with the same key, or ABSENT (empty without a prior snapshot). */
  currentRows: Int32Array;
  /** Current rows no prior record has, in file order. */
  addedRows: Int32Array;
  /** Prior rows gone from the current snapshot, in file order. */
  removedRows: number[];
}

export type TermPairs = Record<BridgeTerm, number[]>;

export interface Terms {
  bridge: Bridge | null;
  groups: Map<Value, Bridge> | null;
  keys: TermPairs;
}

const emptyBridge = (): Bridge => ({ prior: 0, removed: 0, added: 0, entered: 0, left: 0, value: 0 });
const noPairs = (): TermPairs => ({ removed: [], added: [], entered: [], left: [] });

export function joinRows(prior: Snapshot | null, current: Snapshot): RecordJoin {
  const currentRows = prior ? current.rowsMatching(prior) : new Int32Array(0);
  const matched = new Uint8Array(current.size);
  const removedRows: number[] = [];
  for (let row = 0; row < currentRows.length; row++) {
    const currentRow = currentRows[row]!;
    if (currentRow === ABSENT) removedRows.push(row);
    else matched[currentRow] = 1;
  }
  let added = 0;
  for (let row = 0; row < matched.length; row++) added += 1 - matched[row]!;
  const addedRows = new Int32Array(added);
  for (let row = 0, at = 0; row < matched.length; row++) if (matched[row] === 0) addedRows[at++] = row;
  return { currentRows, addedRows, removedRows };
}

/** An ungrouped metric's bridge: `was` over the prior rows (null without a prior snapshot), `is` over the current ones. */
export function bridgeTerms(join: RecordJoin, was: RowMask | null, is: RowMask): Terms {
  const bridge = emptyBridge();
  const keys = noPairs();
  bridge.value = countMask(is);
  if (was) {
    bridge.prior = countMask(was);
    const { currentRows } = join;
    for (let row = 0; row < currentRows.length; row++) {
      const currentRow = currentRows[row]!;
      const counted = was[row]!;
      if (currentRow === ABSENT) {
        if (counted === 1) keys.removed.push(row);
        continue;
      }
      const counts = is[currentRow]!;
      if (counted === counts) continue;
      (counts === 1 ? keys.entered : keys.left).push(row);
    }
  }
  for (const row of join.addedRows) if (is[row] === 1) keys.added.push(-1 - row);
  bridge.removed = keys.removed.length;
  bridge.added = keys.added.length;
  bridge.entered = keys.entered.length;
  bridge.left = keys.left.length;
  return { bridge, groups: null, keys };
}

/**
 * A grouped metric's bridge per raw group value. A record in both snapshots that
 * counts in both but moved from one group to another leaves the one and enters the other.
 */
export function groupTerms(join: RecordJoin, prior: Snapshot | null, current: Snapshot, groupIndex: number, was: RowMask | null, is: RowMask): Terms {
  const groups = new Map<Value, Bridge>();
  const group = (raw: Value): Bridge => {
    let bridge = groups.get(raw);
    if (!bridge) groups.set(raw, (bridge = emptyBridge()));
    return bridge;
  };
  const keys = noPairs();
  const priorGroups = prior && was ? groupCounter(prior, groupIndex) : null;
  const currentGroups = groupCounter(current, groupIndex);
  if (prior && was && priorGroups) {
    const same = fieldPair(prior, current, groupIndex).same;
    const { currentRows } = join;
    for (let row = 0; row < currentRows.length; row++) {
      const currentRow = currentRows[row]!;
      const counted = was[row] === 1;
      const counts = currentRow !== ABSENT && is[currentRow] === 1;
      if (!counted && !counts) continue;
      if (counted) priorGroups.add(row);
      if (counts) currentGroups.add(currentRow);
      if (currentRow === ABSENT) {
        group(groupValue(prior, row, groupIndex)).removed++;
        keys.removed.push(row);
      } else if (!(counted && counts && same(row, currentRow))) {
        if (counted) group(groupValue(prior, row, groupIndex)).left++;
        if (counts) group(groupValue(current, currentRow, groupIndex)).entered++;
        (counts ? keys.entered : keys.left).push(row);
        if (counted && counts) keys.left.push(row);
      }
    }
  }
  for (const row of join.addedRows) {
    if (is[row] !== 1) continue;
    currentGroups.add(row);
    group(groupValue(current, row, groupIndex)).added++;
    keys.added.push(-1 - row);
  }
  for (const [value, count] of priorGroups?.entries() ?? []) group(value).prior += count;
  for (const [value, count] of currentGroups.entries()) group(value).value += count;
  return { bridge: null, groups, keys };
}

/**
 * Records in both snapshots whose field broke its declared expectation: `cleared` (had a value,
 * now empty) and `changed` (another value; for a fixed field, also a value filled in later).
 */
export function expectationBreaches(join: RecordJoin, prior: Snapshot, current: Snapshot, index: number, expect: FieldExpectation): { changed: number[]; cleared: number[] } {
  const changed: number[] = [];
  const cleared: number[] = [];
  const { currentRows } = join;
  const before = prior.column(index);
  const now = current.column(index);
  // Each column kind gets its own loop over plain integers; other kinds compare through FieldPair.
  let codesBefore: Int32Array;
  let codesNow: Int32Array;
  let empty: number;
  if (before.kind === 'day' && now.kind === 'day') {
    codesBefore = before.days;
    codesNow = now.days;
    empty = NO_DAY;
  } else if (before.kind === 'text' && now.kind === 'text') {
    // Each snapshot has its own dictionary: prior codes are translated to the current one's (-2: a value it lacks).
    const translate = Int32Array.from(before.dictionary, (value) => {
      const code = now.codeOf(value);
      return code >= 0 ? code : -2;
    });
    const codes = before.codes;
    codesBefore = new Int32Array(codes.length);
    for (let row = 0; row < codes.length; row++) codesBefore[row] = codes[row]! >= 0 ? translate[codes[row]!]! : -1;
    codesNow = now.codes;
    empty = -1;
  } else {
    const pair = fieldPair(prior, current, index);
    for (let row = 0; row < currentRows.length; row++) {
      const currentRow = currentRows[row]!;
      if (currentRow === ABSENT || pair.same(row, currentRow)) continue;
      const wasEmpty = pair.isEmpty('prior', row);
      if (!wasEmpty && pair.isEmpty('current', currentRow)) cleared.push(row);
      else if (!wasEmpty || expect === 'fixed') changed.push(row);
    }
    return { changed, cleared };
  }
  for (let row = 0; row < currentRows.length; row++) {
    const currentRow = currentRows[row]!;
    if (currentRow === ABSENT) continue;
    const value = codesBefore[row]!;
    const next = codesNow[currentRow]!;
    if (value === next) continue;
    const wasEmpty = value === empty;
    if (!wasEmpty && next === empty) cleared.push(row);
    // A fixed field may not be filled in later either; a setOnce field may.
    else if (!wasEmpty || expect === 'fixed') changed.push(row);
  }
  return { changed, cleared };
}

/** Records in the current snapshot with a date after its snapshot day, in visiting order. */
export function futureDates(join: RecordJoin, current: Snapshot, index: number, snapshotDate: string): number[] {
  const pairs: number[] = [];
  const column = current.column(index);
  if (column.kind !== 'day') {
    // dayAfter words the bug: a date field the loader did not type as days.
    dayAfter(current, index, snapshotDate);
    return pairs;
  }
  const limit = isoToDay(snapshotDate);
  const { days } = column;
  const { currentRows } = join;
  // An empty date is the smallest int: never after.
  for (let row = 0; row < currentRows.length; row++) {
    const currentRow = currentRows[row]!;
    if (currentRow !== ABSENT && days[currentRow]! > limit) pairs.push(row);
  }
  for (const row of join.addedRows) if (days[row]! > limit) pairs.push(-1 - row);
  return pairs;
}
