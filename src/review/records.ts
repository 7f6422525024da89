/**
 * The one place review reads snapshot records: rows of the columnar
 * snapshot, compared through their typed columns so that the pass over a
 * million records allocates nothing per record.
 */
import { isoToDay, NO_DAY } from '../snapshots/days.js';
import type { Column, Snapshot, Value } from '../snapshots/types.js';

/** No such record in that snapshot. */
export const ABSENT = -1;

/** A field's value in a row, or null for ABSENT; the key field read as the row's key (its column's list of every key is never built). */
export function valueAtRow(snapshot: Snapshot | null, row: number, fieldIndex: number): Value {
  if (row === ABSENT) return null;
  const isTextKey = fieldIndex === snapshot!.keyIndex && snapshot!.column(fieldIndex).kind === 'text';
  return isTextKey ? snapshot!.keyAt(row) : snapshot!.valueAt(row, fieldIndex);
}

/** Position of a field in the snapshot's records. */
export function fieldIndex(snapshot: Snapshot, name: string): number {
  const index = snapshot.fields.findIndex((f) => f.name === name);
  // The config's cross-check guarantees declared names; a miss is a bug.
  if (index < 0) throw new Error(`snapshot has no field ${name}`);
  return index;
}

/** Reads one field of a prior and a current row as empty/same, straight off the typed columns. */
export interface FieldPair {
  isEmpty(column: 'prior' | 'current', row: number): boolean;
  same(priorRow: number, currentRow: number): boolean;
}

export function fieldPair(prior: Snapshot, current: Snapshot, index: number): FieldPair {
  const before = prior.column(index);
  const now = current.column(index);
  return { isEmpty: (which, row) => empty(which === 'prior' ? before : now, row), same: sameRows(before, now) };
}

function empty(column: Column, row: number): boolean {
  switch (column.kind) {
    case 'text':
      return column.codes[row] === -1;
    case 'day':
      return column.days[row] === NO_DAY;
    case 'number':
      return Number.isNaN(column.numbers[row]);
    case 'boolean':
      return column.flags[row] === -1;
  }
}

/** Largest prior dictionary translated to the current one's codes before a comparison. */
const MAX_TRANSLATED = 1 << 16;

/** A comparison of a prior row with a current row, specialised once to the columns' kind (it runs per record). */
function sameRows(a: Column, b: Column): (aRow: number, bRow: number) => boolean {
  if (a.kind === 'text' && b.kind === 'text') {
    const { codes: x, dictionary: dx } = a;
    const { codes: y, dictionary: dy } = b;
    // Each snapshot has its own dictionary. A small one (codes, places, offices) is translated once
    // to the current one's codes (-2: a value it lacks), so a million rows compare integers rather
    // than the strings the codes stand for; a key's "dictionary" (every key) compares by string.
    if (dx.length <= MAX_TRANSLATED) {
      const translated = Int32Array.from(dx, (value) => {
        const code = b.codeOf(value);
        return code >= 0 ? code : -2;
      });
      return (i, j) => {
        const p = x[i]!;
        return p === -1 ? y[j] === -1 : translated[p] === y[j];
      };
    }
    return (i, j) => {
      const p = x[i]!;
      const q = y[j]!;
      return p === -1 || q === -1 ? p === q : dx[p] === dy[q];
    };
  }
  if (a.kind === 'day' && b.kind === 'day') {
    const { days: x } = a;
    const { days: y } = b;
    return (i, j) => x[i] === y[j];
  }
  if (a.kind === 'number' && b.kind === 'number') {
    const { numbers: x } = a;
    const { numbers: y } = b;
    return (i, j) => Object.is(x[i], y[j]);
  }
  if (a.kind === 'boolean' && b.kind === 'boolean') {
    const { flags: x } = a;
    const { flags: y } = b;
    return (i, j) => x[i] === y[j];
  }
  throw new Error('the prior and current snapshots type a field differently');
}

/** Rows of a date field after a day, by the typed column. */
export function dayAfter(snapshot: Snapshot, index: number, isoDate: string): (row: number) => boolean {
  const column = snapshot.column(index);
  if (column.kind !== 'day') throw new Error(`field ${snapshot.fields[index]!.name} is not a date column`);
  const limit = isoToDay(isoDate);
  const { days } = column;
  // An empty date is the smallest int: never after.
  return (row) => days[row]! > limit;
}

/** A group's value in a row (dictionary strings for text: nothing allocated). */
export function groupValue(snapshot: Snapshot, row: number, index: number): Value {
  return snapshot.valueAt(row, index);
}

/** Counts rows per value of a field; a text field by its dictionary codes, so nothing is looked up by string per row. */
export interface GroupCounter {
  add(row: number): void;
  /** Each value met (null: empty) with its count. */
  entries(): Array<[Value, number]>;
}

export function groupCounter(snapshot: Snapshot, index: number): GroupCounter {
  const column = snapshot.column(index);
  if (column.kind === 'text') {
    const { codes, dictionary } = column;
    // Slot 0 counts empty values; code c counts in slot c + 1.
    const slots = new Float64Array(dictionary.length + 1);
    return {
      add: (row) => {
        slots[codes[row]! + 1]!++;
      },
      entries: () => [...slots.keys()].filter((slot) => slots[slot]! > 0).map((slot) => [slot === 0 ? null : dictionary[slot - 1]!, slots[slot]!]),
    };
  }
  const counts = new Map<Value, number>();
  return {
    add: (row) => {
      const value = snapshot.valueAt(row, index);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    },
    entries: () => [...counts],
  };
}
