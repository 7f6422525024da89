/**
 * What the diff's counts share: configured events compiled to matchers of a
 * value's change, the order of transitions, and the orders of keys and values.
 */
import type { EventSpec } from '../config/types.js';
import { compileFilter, type RecordPredicate } from '../metrics/filter.js';
import type { FieldSpec, Value } from '../snapshots/types.js';
import type { Transition } from './types.js';

/** The fields and period that events are compiled against. */
export interface TallyContext {
  fields: readonly FieldSpec[];
  periodStart: string;
  periodEnd: string;
}

/** A configured event, compiled. */
export interface EventMatcher {
  id: string;
  /** Position of the field it watches. */
  index: number;
  change: EventSpec['change'];
  /** Whether the event names the values before (from) or after (to) the change. */
  namesValues: boolean;
  matches: (before: Value, after: Value) => boolean;
  /** The event's `where`, tested on the current record's values; null when it has none. */
  where: RecordPredicate | null;
}

const CHANGE_KINDS: Record<EventSpec['change'], (a: Value, b: Value) => boolean> = {
  set: (a, b) => a === null && b !== null,
  cleared: (a, b) => a !== null && b === null,
  moved: (a, b) => a !== null && b !== null && a !== b,
  changed: (a, b) => a !== b,
};

export function eventMatcher(event: EventSpec, context: TallyContext): EventMatcher {
  const { fields } = context;
  const index = fields.findIndex((f) => f.name === event.field);
  if (index < 0) throw new Error(`event ${event.id} names unknown field ${event.field}`);
  const fromSet = event.from === undefined ? null : new Set<Value>(Array.isArray(event.from) ? event.from : [event.from]);
  const toSet = event.to === undefined ? null : new Set<Value>(Array.isArray(event.to) ? event.to : [event.to]);
  const change = CHANGE_KINDS[event.change];
  return {
    id: event.id,
    index,
    change: event.change,
    namesValues: fromSet !== null || toSet !== null,
    matches: (a, b) => change(a, b) && (!fromSet || fromSet.has(a)) && (!toSet || toSet.has(b)),
    where: event.where ? compileFilter(event.where, { fields, periodStart: context.periodStart, periodEnd: context.periodEnd }) : null,
  };
}

/** The order of diff.json's transitions: largest first, then by from and to value. */
export function sortTransitions(list: Transition[]): Transition[] {
  return list.sort((a, b) => b.count - a.count || compareValues(a.from, b.from) || compareValues(a.to, b.to));
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order on values that does not depend on locale: null first, then by type, then by value. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}
