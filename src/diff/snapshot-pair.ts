/**
 * Compares a prior and a current record of two columnar snapshots on their
 * typed columns: codes, day numbers, numbers and flags, never Values. Text
 * codes are per snapshot, so the prior snapshot's codes are translated to the
 * current one's once per field (the dictionaries are small next to the rows).
 */
import type { Column, Snapshot, Value } from '../snapshots/types.js';
import type { RecordPair } from './tally.js';

/** A prior text code with no current code: no current record has that value. */
const NOT_IN_CURRENT = -2;

export class SnapshotPair implements RecordPair {
  private priorRow = 0;
  private currentRow = 0;
  private readonly same: Array<(priorRow: number, currentRow: number) => boolean>;

  constructor(
    private readonly prior: Snapshot,
    private readonly current: Snapshot,
  ) {
    // Rows are paired by key, so the key field is the same in both.
    this.same = current.fields.map((_, i) => (i === current.keyIndex ? () => true : sameValue(prior.column(i), current.column(i))));
  }

  /** True when every field has the same value in both rows: the common case, decided without Values. */
  unchanged(priorRow: number, currentRow: number): boolean {
    const same = this.same;
    for (let i = 0; i < same.length; i++) if (!same[i]!(priorRow, currentRow)) return false;
    return true;
  }

  /** Points the pair at two rows, for the tally. */
  at(priorRow: number, currentRow: number): this {
    this.priorRow = priorRow;
    this.currentRow = currentRow;
    return this;
  }

  mayDiffer(fieldIndex: number): boolean {
    return !this.same[fieldIndex]!(this.priorRow, this.currentRow);
  }
  before(fieldIndex: number): Value {
    return this.prior.valueAt(this.priorRow, fieldIndex);
  }
  after(fieldIndex: number): Value {
    return this.current.valueAt(this.currentRow, fieldIndex);
  }
  afterValues(): Value[] {
    return this.current.recordAt(this.currentRow);
  }
}

function sameValue(prior: Column, current: Column): (priorRow: number, currentRow: number) => boolean {
  if (prior.kind === 'text' && current.kind === 'text') {
    const translated = new Int32Array(prior.dictionary.length);
    prior.dictionary.forEach((value, code) => {
      const currentCode = current.codeOf(value);
      translated[code] = currentCode < 0 ? NOT_IN_CURRENT : currentCode;
    });
    const before = prior.codes;
    const after = current.codes;
    return (p, c) => {
      const code = before[p]!;
      return (code < 0 ? -1 : translated[code]!) === after[c]!;
    };
  }
  if (prior.kind === 'day' && current.kind === 'day') {
    const before = prior.days;
    const after = current.days;
    return (p, c) => before[p] === after[c];
  }
  if (prior.kind === 'number' && current.kind === 'number') {
    const before = prior.numbers;
    const after = current.numbers;
    // NaN is the empty cell: two empties are the same value.
    return (p, c) => {
      const a = before[p]!;
      const b = after[c]!;
      return a === b || (a !== a && b !== b);
    };
  }
  if (prior.kind === 'boolean' && current.kind === 'boolean') {
    const before = prior.flags;
    const after = current.flags;
    return (p, c) => before[p] === after[c];
  }
  throw new Error(`a field is ${prior.kind} in the prior snapshot and ${current.kind} in the current one`);
}
