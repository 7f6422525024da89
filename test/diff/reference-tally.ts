/**
 * The diff's tally as it was computed a record at a time on Values, kept as
 * the reference the columnar tally (src/diff/column-tally.ts) is checked against.
 */
import type { EventSpec } from '../../src/config/types.js';
import { compareValues } from '../../src/diff/tally.js';
import type { FieldChanges, PeriodDiff, Transition } from '../../src/diff/types.js';
import { compileFilter, type RecordPredicate } from '../../src/metrics/filter.js';
import type { FieldSpec, Value } from '../../src/snapshots/types.js';

/** A prior and a current record with the same key. */
export interface RecordPair {
  /** False only when the field's value is sure to be the same in both. */
  mayDiffer(fieldIndex: number): boolean;
  before(fieldIndex: number): Value;
  after(fieldIndex: number): Value;
  /** Every value of the current record, in field order. */
  afterValues(): Value[];
}

export interface TallyContext {
  fields: readonly FieldSpec[];
  events: readonly EventSpec[];
  periodStart: string;
  periodEnd: string;
}

interface EventMatcher {
  id: string;
  index: number;
  matches: (before: Value, after: Value) => boolean;
  where: RecordPredicate | null;
}

const CHANGE_KINDS: Record<EventSpec['change'], (a: Value, b: Value) => boolean> = {
  set: (a, b) => a === null && b !== null,
  cleared: (a, b) => a !== null && b === null,
  moved: (a, b) => a !== null && b !== null && a !== b,
  changed: (a, b) => a !== b,
};

export class ChangeTally {
  unchanged = 0;
  private readonly changed: string[] = [];
  private readonly fieldChanges: number[];
  private readonly dateChanges: Array<{ set: number; cleared: number; moved: number }>;
  private readonly transitions: Array<Map<Value, Map<Value, number>>>;
  private readonly tracksTransitions: boolean[];
  private readonly matchers: EventMatcher[];
  private readonly eventCounts: number[];
  /** Matchers by the field they watch. */
  private readonly matchersOf: EventMatcher[][];

  constructor(private readonly context: TallyContext) {
    const { fields } = context;
    this.fieldChanges = fields.map(() => 0);
    this.dateChanges = fields.map(() => ({ set: 0, cleared: 0, moved: 0 }));
    this.transitions = fields.map(() => new Map());
    this.tracksTransitions = fields.map((f) => f.type === 'enum' || f.type === 'string' || f.type === 'boolean');
    this.matchers = context.events.map((event) => eventMatcher(event, context));
    this.eventCounts = this.matchers.map(() => 0);
    this.matchersOf = fields.map((_, i) => this.matchers.filter((m) => m.index === i));
  }

  /** Records present in both snapshots so far. */
  get size(): number {
    return this.changed.length + this.unchanged;
  }

  /** Adds a pair; `key` is asked for only if the record changed. */
  add(key: () => string, pair: RecordPair): void {
    const fields = this.context.fields;
    let differs = false;
    for (let i = 0; i < fields.length; i++) {
      if (!pair.mayDiffer(i)) continue;
      const from = pair.before(i);
      const to = pair.after(i);
      if (from === to) continue;
      differs = true;
      this.fieldChanges[i]!++;
      if (this.tracksTransitions[i]) {
        const byFrom = this.transitions[i]!;
        let byTo = byFrom.get(from);
        if (!byTo) byFrom.set(from, (byTo = new Map()));
        byTo.set(to, (byTo.get(to) ?? 0) + 1);
      } else if (fields[i]!.type === 'date') {
        const counts = this.dateChanges[i]!;
        if (from === null) counts.set++;
        else if (to === null) counts.cleared++;
        else counts.moved++;
      }
      // Every kind of event needs the value to differ, so only fields that differ can have one.
      for (const m of this.matchersOf[i]!) {
        if (m.matches(from, to) && (m.where === null || m.where(pair.afterValues()))) this.eventCounts[this.matchers.indexOf(m)]!++;
      }
    }
    if (differs) this.changed.push(key());
    else this.unchanged++;
  }

  /** Changed keys (sorted), field changes and events, shaped as diffSnapshots shapes them. */
  finish(): Pick<PeriodDiff, 'changed' | 'fields' | 'events'> {
    const fields: Record<string, FieldChanges> = {};
    this.context.fields.forEach((field, i) => {
      const entry: FieldChanges = { changed: this.fieldChanges[i]! };
      if (this.tracksTransitions[i]) entry.transitions = sortTransitions(this.transitions[i]!);
      if (field.type === 'date') Object.assign(entry, this.dateChanges[i]);
      fields[field.name] = entry;
    });
    const events: Record<string, number> = {};
    this.matchers.forEach((m, e) => (events[m.id] = this.eventCounts[e]!));
    return { changed: this.changed.sort(), fields, events };
  }
}

function eventMatcher(event: EventSpec, context: TallyContext): EventMatcher {
  const { fields } = context;
  const index = fields.findIndex((f) => f.name === event.field);
  if (index < 0) throw new Error(`event ${event.id} names unknown field ${event.field}`);
  const fromSet = event.from === undefined ? null : new Set<Value>(Array.isArray(event.from) ? event.from : [event.from]);
  const toSet = event.to === undefined ? null : new Set<Value>(Array.isArray(event.to) ? event.to : [event.to]);
  const change = CHANGE_KINDS[event.change];
  return {
    id: event.id,
    index,
    matches: (a, b) => change(a, b) && (!fromSet || fromSet.has(a)) && (!toSet || toSet.has(b)),
    where: event.where ? compileFilter(event.where, { fields, periodStart: context.periodStart, periodEnd: context.periodEnd }) : null,
  };
}

/** The order of diffSnapshots: largest first, then by from and to value. */
function sortTransitions(byFrom: Map<Value, Map<Value, number>>): Transition[] {
  const list: Transition[] = [];
  for (const [from, byTo] of byFrom) for (const [to, count] of byTo) list.push({ from, to, count });
  return list.sort((a, b) => b.count - a.count || compareValues(a.from, b.from) || compareValues(a.to, b.to));
}
