/**
 * Compares the prior and current records of two columnar snapshots on their
 * typed columns: codes, day numbers, numbers and flags, never Values. Text
 * codes are per snapshot, so the prior snapshot's codes are translated to the
 * current one's once per field (the dictionaries are small next to the rows).
 *
 * The comparison runs one field at a time over every matched pair, not one
 * record at a time: when the months list records in different orders each
 * prior row is a random read, and reading one column at a time keeps that
 * column in the cache instead of touching every column's memory per record.
 */
import type { Column, Snapshot } from '../snapshots/types.js';
import type { Steps } from '../steps.js';

/** A prior text code with no current code: no current record has that value. */
const NOT_IN_CURRENT = -2;
/** Fields from this position on share the mask's last bit. */
const LAST_BIT = 31;

/**
 * For each current row with a prior row (`priorRows[row] >= 0`), the fields
 * whose values differ, as bits (bit i for field i; fields past the 31st
 * share bit 31, and a set bit 31 means only that one of them may differ);
 * 0 means the record is unchanged.
 */
export function* differenceSteps(prior: Snapshot, current: Snapshot, priorRows: Int32Array): Steps<Uint32Array> {
  const masks = new Uint32Array(current.size);
  for (let i = 0; i < current.fields.length; i++) {
    // Rows are paired by key, so the key field is the same in both.
    if (i !== current.keyIndex) markDifferences(prior.column(i), current.column(i), priorRows, masks, bitOf(i));
    yield;
  }
  return masks;
}

/** The bit of a field in differenceSteps' masks. */
export function bitOf(fieldIndex: number): number {
  return (1 << Math.min(fieldIndex, LAST_BIT)) >>> 0;
}

/** True for a field whose bit other fields share: set, it says only that one of them may differ. */
export function bitIsShared(fieldIndex: number): boolean {
  return fieldIndex >= LAST_BIT;
}

/** Sets `bit` in masks[row] for every paired row whose values of one field differ. */
function markDifferences(prior: Column, current: Column, priorRows: Int32Array, masks: Uint32Array, bit: number): void {
  const rows = priorRows.length;
  if (prior.kind === 'text' && current.kind === 'text') {
    const translated = new Int32Array(prior.dictionary.length);
    prior.dictionary.forEach((value, code) => {
      const currentCode = current.codeOf(value);
      translated[code] = currentCode < 0 ? NOT_IN_CURRENT : currentCode;
    });
    const before = prior.codes;
    const after = current.codes;
    for (let row = 0; row < rows; row++) {
      const p = priorRows[row]!;
      if (p < 0) continue;
      const code = before[p]!;
      if ((code < 0 ? -1 : translated[code]!) !== after[row]!) masks[row]! |= bit;
    }
    return;
  }
  if (prior.kind === 'day' && current.kind === 'day') {
    const before = prior.days;
    const after = current.days;
    for (let row = 0; row < rows; row++) {
      const p = priorRows[row]!;
      if (p >= 0 && before[p] !== after[row]) masks[row]! |= bit;
    }
    return;
  }
  if (prior.kind === 'number' && current.kind === 'number') {
    const before = prior.numbers;
    const after = current.numbers;
    for (let row = 0; row < rows; row++) {
      const p = priorRows[row]!;
      if (p < 0) continue;
      const a = before[p]!;
      const b = after[row]!;
      // NaN is the empty cell: two empties are the same value.
      if (a !== b && (a === a || b === b)) masks[row]! |= bit;
    }
    return;
  }
  if (prior.kind === 'boolean' && current.kind === 'boolean') {
    const before = prior.flags;
    const after = current.flags;
    for (let row = 0; row < rows; row++) {
      const p = priorRows[row]!;
      if (p >= 0 && before[p] !== after[row]) masks[row]! |= bit;
    }
    return;
  }
  throw new Error(`a field is ${prior.kind} in the prior snapshot and ${current.kind} in the current one`);
}
