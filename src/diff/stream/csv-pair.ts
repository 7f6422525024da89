/** A prior and a current CSV record with the same key, typed cell by cell as the tally asks. */
import type { Value } from '../../snapshots/types.js';
import type { CellTyper } from './cells.js';
import type { CsvRecordReader } from './csv-reader.js';
import type { RecordPair } from '../tally.js';

export class CsvRecordPair implements RecordPair {
  private prior!: CsvRecordReader;
  private current!: CsvRecordReader;
  private currentValues: Value[] | null = null;

  constructor(
    private readonly priorTyper: CellTyper,
    private readonly currentTyper: CellTyper,
    /** Both files have the fields in the same columns, so equal cell bytes mean equal values. */
    private readonly sameLayout: boolean,
    /** Called with a value that is not valid; does not return. */
    private readonly invalid: () => never,
  ) {}

  /** Pairs two tokenized records whose values are known to be valid. */
  reset(prior: CsvRecordReader, current: CsvRecordReader): this {
    this.prior = prior;
    this.current = current;
    this.currentValues = null;
    return this;
  }

  mayDiffer(fieldIndex: number): boolean {
    if (!this.sameLayout) return true;
    const n = this.currentTyper.columnOf[fieldIndex]!;
    const { prior, current } = this;
    const start = prior.cellStart[n]!;
    const from = current.cellStart[n]!;
    const length = prior.cellEnd[n]! - start;
    if (current.cellEnd[n]! - from !== length) return true;
    const a = prior.buffer;
    const b = current.buffer;
    for (let i = 0; i < length; i++) if (a[start + i] !== b[from + i]) return true;
    return false;
  }

  before(fieldIndex: number): Value {
    const value = this.priorTyper.value(this.prior, fieldIndex);
    return value === undefined ? this.invalid() : value;
  }

  after(fieldIndex: number): Value {
    const value = this.currentTyper.value(this.current, fieldIndex);
    return value === undefined ? this.invalid() : value;
  }

  afterValues(): Value[] {
    return (this.currentValues ??= this.currentTyper.values(this.current) ?? this.invalid());
  }
}
