/**
 * The period diff: a pure function of two snapshots of the same source.
 * Records are matched by key; events are counted on records present in both.
 */
import type { EventSpec } from '../config/types.js';
import { compileFilter, type RecordPredicate } from '../metrics/filter.js';
import type { Snapshot, Value } from '../snapshots/types.js';
import type { FieldChanges, PeriodDiff, Transition } from './types.js';

export interface DiffInput {
  current: Snapshot;
  /** null for the first period. */
  prior: Snapshot | null;
  events: readonly EventSpec[];
  /** The current period's first and last day, for event filters with withinPeriod. */
  periodStart: string;
  periodEnd: string;
}

interface EventMatcher {
  id: string;
  index: number;
  matches: (before: Value, after: Value) => boolean;
  where: RecordPredicate;
}

export function diffSnapshots(input: DiffInput): PeriodDiff {
  const { current, prior } = input;
  const fields = current.fields;
  const fieldChanges = fields.map(() => 0);
  const dateChanges = fields.map(() => ({ set: 0, cleared: 0, moved: 0 }));
  const transitions = fields.map(() => new Map<Value, Map<Value, number>>());
  const tracksTransitions = fields.map((f) => f.type === 'enum' || f.type === 'string' || f.type === 'boolean');
  const matchers = input.events.map((event) => eventMatcher(event, input));
  const eventCounts = matchers.map(() => 0);

  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;

  for (const [key, after] of current.records) {
    const before = prior?.records.get(key);
    if (!before) {
      added.push(key);
      continue;
    }
    let differs = false;
    for (let i = 0; i < fields.length; i++) {
      const from = before[i] ?? null;
      const to = after[i] ?? null;
      if (from === to) continue;
      differs = true;
      fieldChanges[i]!++;
      if (tracksTransitions[i]) {
        const byFrom = transitions[i]!;
        let byTo = byFrom.get(from);
        if (!byTo) byFrom.set(from, (byTo = new Map()));
        byTo.set(to, (byTo.get(to) ?? 0) + 1);
      } else if (fields[i]!.type === 'date') {
        const counts = dateChanges[i]!;
        if (from === null) counts.set++;
        else if (to === null) counts.cleared++;
        else counts.moved++;
      }
    }
    if (differs) changed.push(key);
    else unchanged++;
    for (let e = 0; e < matchers.length; e++) {
      const m = matchers[e]!;
      if (m.matches(before[m.index] ?? null, after[m.index] ?? null) && m.where(after)) eventCounts[e]!++;
    }
  }

  const removed: string[] = [];
  if (prior) for (const key of prior.records.keys()) if (!current.records.has(key)) removed.push(key);

  const fieldReport: Record<string, FieldChanges> = {};
  fields.forEach((field, i) => {
    const entry: FieldChanges = { changed: fieldChanges[i]! };
    if (tracksTransitions[i]) entry.transitions = sortTransitions(transitions[i]!);
    if (field.type === 'date') Object.assign(entry, dateChanges[i]);
    fieldReport[field.name] = entry;
  });

  const events: Record<string, number> = {};
  matchers.forEach((m, e) => (events[m.id] = eventCounts[e]!));

  return {
    period: current.period,
    priorPeriod: prior?.period ?? null,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    added: added.sort(compareKeys),
    removed: removed.sort(compareKeys),
    changed: changed.sort(compareKeys),
    fields: fieldReport,
    events,
  };
}

function eventMatcher(event: EventSpec, input: DiffInput): EventMatcher {
  const fields = input.current.fields;
  const index = fields.findIndex((f) => f.name === event.field);
  if (index < 0) throw new Error(`event ${event.id} names unknown field ${event.field}`);
  const fromSet = event.from === undefined ? null : new Set<Value>(Array.isArray(event.from) ? event.from : [event.from]);
  const toSet = event.to === undefined ? null : new Set<Value>(Array.isArray(event.to) ? event.to : [event.to]);
  const kind: Record<EventSpec['change'], (a: Value, b: Value) => boolean> = {
    set: (a, b) => a === null && b !== null,
    cleared: (a, b) => a !== null && b === null,
    moved: (a, b) => a !== null && b !== null && a !== b,
    changed: (a, b) => a !== b,
  };
  const change = kind[event.change];
  return {
    id: event.id,
    index,
    matches: (a, b) => change(a, b) && (!fromSet || fromSet.has(a)) && (!toSet || toSet.has(b)),
    where: compileFilter(event.where, { fields, periodStart: input.periodStart, periodEnd: input.periodEnd }),
  };
}

function sortTransitions(byFrom: Map<Value, Map<Value, number>>): Transition[] {
  const list: Transition[] = [];
  for (const [from, byTo] of byFrom) for (const [to, count] of byTo) list.push({ from, to, count });
  return list.sort((a, b) => b.count - a.count || compareValues(a.from, b.from) || compareValues(a.to, b.to));
}

/** A total order on values that does not depend on locale: null first, then by type, then by value. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
