/**
 * Diffs the records whose bytes differ between the two snapshots, in
 * batches, with the in-memory diffSnapshots itself, and adds the batches up.
 * Records with equal bytes have equal values and count only as unchanged, so
 * field changes, transitions and events come from these batches alone.
 */
import type { EventSpec } from '../../config/types.js';
import type { FieldSpec, Value } from '../../snapshots/types.js';
import { compareValues, diffSnapshots } from '../diff.js';
import type { FieldChanges, PeriodDiff, Transition } from '../types.js';

const BATCH_SIZE = 65_536;

export interface BatchContext {
  fields: readonly FieldSpec[];
  keyIndex: number;
  events: readonly EventSpec[];
  periodStart: string;
  periodEnd: string;
}

interface FieldTotals {
  changed: number;
  dates?: { set: number; cleared: number; moved: number };
  transitions?: Map<Value, Map<Value, number>>;
}

export class ChangedRecords {
  private priorBatch = new Map<string, Value[]>();
  private currentBatch = new Map<string, Value[]>();
  private readonly changed: string[] = [];
  private unchanged = 0;
  private readonly fieldTotals = new Map<string, FieldTotals>();
  private readonly eventTotals = new Map<string, number>();

  constructor(private readonly context: BatchContext) {}

  /** Records added so far. */
  size = 0;

  add(key: string, before: Value[], after: Value[]): void {
    this.size++;
    this.priorBatch.set(key, before);
    this.currentBatch.set(key, after);
    if (this.currentBatch.size >= BATCH_SIZE) this.flush();
  }

  /** Totals over every record added: changed keys (sorted), unchanged count, field changes and events. */
  finish(): Pick<PeriodDiff, 'changed' | 'fields' | 'events'> & { unchanged: number } {
    // One diff even when nothing was added gives the report its shape (every field, every event).
    if (this.currentBatch.size > 0 || this.fieldTotals.size === 0) this.flush();
    const fields: Record<string, FieldChanges> = {};
    for (const [name, totals] of this.fieldTotals) {
      const entry: FieldChanges = { changed: totals.changed };
      if (totals.transitions) entry.transitions = sortTransitions(totals.transitions);
      if (totals.dates) Object.assign(entry, totals.dates);
      fields[name] = entry;
    }
    const events: Record<string, number> = Object.fromEntries(this.eventTotals);
    return { changed: this.changed.sort(compareKeys), unchanged: this.unchanged, fields, events };
  }

  private flush(): void {
    const { fields, keyIndex, events, periodStart, periodEnd } = this.context;
    const snapshot = (period: string, records: Map<string, Value[]>) => ({ period, file: '', fields, keyIndex, records });
    const part = diffSnapshots({
      current: snapshot('current', this.currentBatch),
      prior: snapshot('prior', this.priorBatch),
      events,
      periodStart,
      periodEnd,
    });
    this.priorBatch = new Map();
    this.currentBatch = new Map();
    for (const key of part.changed) this.changed.push(key);
    this.unchanged += part.counts.unchanged;
    for (const [name, changes] of Object.entries(part.fields)) this.addField(name, changes);
    for (const [id, count] of Object.entries(part.events)) this.eventTotals.set(id, (this.eventTotals.get(id) ?? 0) + count);
  }

  private addField(name: string, changes: FieldChanges): void {
    let totals = this.fieldTotals.get(name);
    if (!totals) {
      totals = { changed: 0 };
      if (changes.transitions) totals.transitions = new Map();
      if (changes.set !== undefined) totals.dates = { set: 0, cleared: 0, moved: 0 };
      this.fieldTotals.set(name, totals);
    }
    totals.changed += changes.changed;
    if (totals.dates) {
      totals.dates.set += changes.set ?? 0;
      totals.dates.cleared += changes.cleared ?? 0;
      totals.dates.moved += changes.moved ?? 0;
    }
    if (totals.transitions) {
      for (const { from, to, count } of changes.transitions ?? []) {
        let byTo = totals.transitions.get(from);
        if (!byTo) totals.transitions.set(from, (byTo = new Map()));
        byTo.set(to, (byTo.get(to) ?? 0) + count);
      }
    }
  }
}

/** The order of diffSnapshots: largest first, then by from and to value. */
function sortTransitions(byFrom: Map<Value, Map<Value, number>>): Transition[] {
  const list: Transition[] = [];
  for (const [from, byTo] of byFrom) for (const [to, count] of byTo) list.push({ from, to, count });
  return list.sort((a, b) => b.count - a.count || compareValues(a.from, b.from) || compareValues(a.to, b.to));
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
