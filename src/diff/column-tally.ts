/**
 * Adds up the changes of the records present in both snapshots from their
 * typed columns: per-field change counts, value transitions, date
 * set/cleared/moved, and configured events. One field at a time over the
 * pairs whose fields may differ (SnapshotPair's masks), counting codes, day
 * numbers and flags: a Value is made per distinct transition, not per record,
 * and per record only for an event that needs one (a `where` filter, or
 * from/to on a field without transitions). At 1,000,000 records ~50,000
 * records change, and a record at a time, with its values made, was a fifth
 * of the diff's time and most of its garbage.
 */
import type { EventSpec } from '../config/types.js';
import type { Column, FieldSpec, Snapshot, Value } from '../snapshots/types.js';
import { NO_DAY } from '../snapshots/types.js';
import type { Steps } from '../steps.js';
import { bitIsShared, bitOf } from './snapshot-pair.js';
import { eventMatcher, sortTransitions, type EventMatcher } from './tally.js';
import type { FieldChanges, PeriodDiff } from './types.js';

/** Current rows present in both snapshots whose values may differ, each with its prior row. */
export interface MaybeChanged {
  current: Int32Array;
  prior: Int32Array;
  count: number;
}

export interface ColumnTallyInput {
  prior: Snapshot;
  current: Snapshot;
  pairs: MaybeChanged;
  /** The fields that may differ, by current row (SnapshotPair.differenceSteps). */
  masks: Uint32Array;
  events: readonly EventSpec[];
  periodStart: string;
  periodEnd: string;
}

/** What the pairs add up to; `changed` marks the pairs (by position in `pairs`) with a field that differs. */
export interface ColumnTally extends Pick<PeriodDiff, 'fields' | 'events'> {
  changed: Uint8Array;
}

/** The tally, a field a step. */
export function* tallySteps(input: ColumnTallyInput): Steps<ColumnTally> {
  const { prior, current, pairs, masks } = input;
  const fields = current.fields;
  const changed = new Uint8Array(pairs.count);
  const matchers = input.events.map((event) => eventMatcher(event, { fields, periodStart: input.periodStart, periodEnd: input.periodEnd }));
  const eventCounts = matchers.map(() => 0);
  const fieldChanges: Record<string, FieldChanges> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    // Pairs are matched by key: the key field never differs (and its column's dictionary is every key).
    const counted = i === current.keyIndex ? unchangedField(field) : null;
    const differing = counted ? new Int32Array(0) : differingPairs(prior.column(i), current.column(i), pairs, masks, i);
    for (const at of differing) changed[at] = 1;
    const { changes, eventCount } = counted ?? countField(field, prior.column(i), current.column(i), pairs, differing);
    fieldChanges[field.name] = changes;
    matchers.forEach((m, e) => {
      if (m.index === i) eventCounts[e] = eventCount(m) ?? countEventByRecord(m, i, prior, current, pairs, differing);
    });
    yield;
  }
  const events: Record<string, number> = {};
  matchers.forEach((m, e) => (events[m.id] = eventCounts[e]!));
  return { changed, fields: fieldChanges, events };
}

/** The field changes and events of a diff with no records in both snapshots (the first period's): all zero. */
export function unchangedTally(fields: readonly FieldSpec[], events: readonly EventSpec[]): Pick<PeriodDiff, 'fields' | 'events'> {
  return { fields: Object.fromEntries(fields.map((field) => [field.name, unchangedField(field).changes])), events: Object.fromEntries(events.map((event) => [event.id, 0])) };
}

/** Positions in `pairs` whose values of one field differ (its bit set in the mask, and for a shared bit the values not equal). */
function differingPairs(before: Column, after: Column, pairs: MaybeChanged, masks: Uint32Array, fieldIndex: number): Int32Array {
  const found = new Int32Array(pairs.count);
  let count = 0;
  const bit = bitOf(fieldIndex);
  if (!bitIsShared(fieldIndex)) {
    for (let at = 0; at < pairs.count; at++) if ((masks[pairs.current[at]!]! & bit) !== 0) found[count++] = at;
    return found.subarray(0, count);
  }
  const equal = equalityOf(before, after);
  for (let at = 0; at < pairs.count; at++) {
    const row = pairs.current[at]!;
    if ((masks[row]! & bit) !== 0 && !equal(pairs.prior[at]!, row)) found[count++] = at;
  }
  return found.subarray(0, count);
}

/** Whether a prior row's value of one field equals a current row's. */
function equalityOf(before: Column, after: Column): (priorRow: number, row: number) => boolean {
  if (before.kind === 'text' && after.kind === 'text') {
    return (p, r) => {
      const a = before.codes[p]!;
      const b = after.codes[r]!;
      return a < 0 || b < 0 ? a === b : before.dictionary[a] === after.dictionary[b];
    };
  }
  if (before.kind === 'day' && after.kind === 'day') return (p, r) => before.days[p] === after.days[r];
  if (before.kind === 'number' && after.kind === 'number') {
    // NaN is the empty cell: two empties are the same value.
    return (p, r) => {
      const a = before.numbers[p]!;
      const b = after.numbers[r]!;
      return a === b || (a !== a && b !== b);
    };
  }
  if (before.kind === 'boolean' && after.kind === 'boolean') return (p, r) => before.flags[p] === after.flags[r];
  throw new Error(`a field is ${before.kind} in the prior snapshot and ${after.kind} in the current one`);
}

interface CountedField {
  changes: FieldChanges;
  /** An event's count from the field's counts alone, or null when it needs each record. */
  eventCount(matcher: EventMatcher): number | null;
}

function countField(field: FieldSpec, before: Column, after: Column, pairs: MaybeChanged, differing: Int32Array): CountedField {
  if (before.kind === 'day' && after.kind === 'day') return countDates(before.days, after.days, pairs, differing);
  if (before.kind === 'text' && after.kind === 'text') {
    const width = after.dictionary.length + 1;
    const counts = new Map<number, number>();
    for (const at of differing) {
      const pair = (before.codes[pairs.prior[at]!]! + 1) * width + after.codes[pairs.current[at]!]! + 1;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    const value = (dictionary: readonly string[], code: number): Value => (code < 0 ? null : dictionary[code]!);
    const list = [...counts].map(([pair, count]) => ({ from: value(before.dictionary, Math.floor(pair / width) - 1), to: value(after.dictionary, (pair % width) - 1), count }));
    return byTransitions(field, differing.length, list);
  }
  if (before.kind === 'boolean' && after.kind === 'boolean') {
    const counts = new Int32Array(9);
    for (const at of differing) counts[(before.flags[pairs.prior[at]!]! + 1) * 3 + after.flags[pairs.current[at]!]! + 1]!++;
    const value = (flag: number): Value => (flag < 0 ? null : flag === 1);
    const list = [...counts].flatMap((count, pair) => (count === 0 ? [] : [{ from: value(Math.floor(pair / 3) - 1), to: value((pair % 3) - 1), count }]));
    return byTransitions(field, differing.length, list);
  }
  return { changes: { changed: differing.length }, eventCount: () => null };
}

/** The counts of a field no pair differs in. */
function unchangedField(field: FieldSpec): CountedField {
  const changes: FieldChanges = { changed: 0 };
  if (field.type === 'enum' || field.type === 'string' || field.type === 'boolean') changes.transitions = [];
  if (field.type === 'date') Object.assign(changes, { set: 0, cleared: 0, moved: 0 });
  return { changes, eventCount: () => 0 };
}

/** A field whose changes are listed as transitions (enum, string, boolean): events without `where` are counted from them. */
function byTransitions(field: FieldSpec, changed: number, list: Array<{ from: Value; to: Value; count: number }>): CountedField {
  const tracked = field.type === 'enum' || field.type === 'string' || field.type === 'boolean';
  return {
    changes: tracked ? { changed, transitions: sortTransitions(list) } : { changed },
    eventCount: (m) => (m.where === null ? list.reduce((sum, t) => (m.matches(t.from, t.to) ? sum + t.count : sum), 0) : null),
  };
}

function countDates(before: Int32Array, after: Int32Array, pairs: MaybeChanged, differing: Int32Array): CountedField {
  let set = 0;
  let cleared = 0;
  for (const at of differing) {
    if (before[pairs.prior[at]!] === NO_DAY) set++;
    else if (after[pairs.current[at]!] === NO_DAY) cleared++;
  }
  const moved = differing.length - set - cleared;
  const byKind: Record<EventSpec['change'], number> = { set, cleared, moved, changed: differing.length };
  return {
    changes: { changed: differing.length, set, cleared, moved },
    eventCount: (m) => (m.where === null && !m.namesValues ? byKind[m.change] : null),
  };
}

/** An event counted record by record, with the values it tests made for each record whose field differs. */
function countEventByRecord(m: EventMatcher, i: number, prior: Snapshot, current: Snapshot, pairs: MaybeChanged, differing: Int32Array): number {
  let count = 0;
  for (const at of differing) {
    const row = pairs.current[at]!;
    if (m.matches(prior.valueAt(pairs.prior[at]!, i), current.valueAt(row, i)) && (m.where === null || m.where(current.recordAt(row)))) count++;
  }
  return count;
}
