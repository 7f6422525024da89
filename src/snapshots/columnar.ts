/**
 * The columnar Snapshot and the builder every loader fills row by row. The
 * key field's values are held once: as the dictionary of its text column
 * (codes are row numbers) or, for a key of another type, as a text index
 * beside its typed column.
 */
import { dayToIso, isoToDay } from './days.js';
import { KeyIndex, type KeyIndexParts } from './key-index.js';
import { NO_DAY, type Column, type FieldSpec, type Snapshot, type TextColumn, type Value } from './types.js';

const INITIAL_ROWS = 1024;

/** What a snapshot is, apart from its records. */
export interface SnapshotHead {
  period: string;
  file: string;
  fields: readonly FieldSpec[];
  keyIndex: number;
}

/** Appends records to a snapshot: set each field of the row (unset fields are empty), then commit it under its key. */
export class SnapshotBuilder {
  private rows = 0;
  private capacity = INITIAL_ROWS;
  private readonly writers: ColumnWriter[];
  /** Key → row; also the key column's dictionary when the key is text (its codes are rows). */
  readonly keys = new KeyIndex();

  constructor(readonly head: SnapshotHead) {
    this.writers = head.fields.map((field, i) => writerFor(field, i === head.keyIndex ? this : null));
  }

  /** Records committed so far. */
  get size(): number {
    return this.rows;
  }

  /** The row of a key committed so far, or -1. */
  rowOf(key: string): number {
    return this.keys.rowOf(key);
  }

  /** The row of a key given as UTF-8 bytes hashed with hashKey, or -1. */
  rowOfKeyBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    return this.keys.find(bytes, start, end, hash);
  }

  /** Sets a field of the record being built to a Value of the field's type (a bug otherwise). */
  set(fieldIndex: number, value: Value): void {
    this.writers[fieldIndex]!.set(this.rows, value);
  }

  /** Sets a date field from its day number (NO_DAY: empty). */
  setDay(fieldIndex: number, day: number): void {
    (this.writers[fieldIndex] as DayWriter).days[this.rows] = day;
  }

  /**
   * The Int32Array a text field's codes or a date field's days are written to
   * (index: the row), for loops that write cells without a call each; valid
   * until `capacity` changes. Null for other fields and a text key.
   */
  int32Cells(fieldIndex: number): Int32Array | null {
    const writer = this.writers[fieldIndex];
    if (writer instanceof DayWriter) return writer.days;
    if (writer instanceof TextWriter && fieldIndex !== this.head.keyIndex) return writer.codes;
    return null;
  }

  /** Rows the columns have room for. */
  get room(): number {
    return this.capacity;
  }

  /** Sets a text field from a code of its dictionary (see textCode), or -1 for empty. */
  setTextCode(fieldIndex: number, code: number): void {
    (this.writers[fieldIndex] as TextWriter).codes[this.rows] = code;
  }

  /** The dictionary code of a text field's value, added if new. */
  textCode(fieldIndex: number, text: string): number {
    return (this.writers[fieldIndex] as TextWriter).intern(text);
  }

  /** Ends the record; its key (the key field's value as text) must be new. */
  commit(key: string): void {
    if (this.keys.rowOf(key) >= 0) throw new Error(`duplicate key ${key} reached the snapshot builder`);
    this.keys.addText(key);
    this.advance();
  }

  /**
   * Ends the record under the key in `bytes[start, end)` (its UTF-8 text, hashed with hashKey);
   * false, and nothing committed, when a record already has that key.
   */
  commitKeyBytes(bytes: Uint8Array, start: number, end: number, hash: number): boolean {
    if (this.keys.insert(bytes, start, end, hash) < 0) return false;
    this.advance();
    return true;
  }

  /**
   * Ends the record under the key in `bytes[start, end)` without looking it
   * up; finishUnlessRepeated then finds any key two records share, all at once.
   */
  commitKeyBytesUnchecked(bytes: Uint8Array, start: number, end: number, hash: number): void {
    this.keys.appendUnindexed(bytes, start, end, hash);
    this.advance();
  }

  /** As finish, or null when two records committed with commitKeyBytesUnchecked have the same key. */
  finishUnlessRepeated(): Snapshot | null {
    return this.keys.index() ? this.finish() : null;
  }

  // Rows past the last are empty from the start (each column is made filled with its empty value),
  // and no row is set twice: unset fields of a record stay empty.
  private advance(): void {
    this.rows++;
    if (this.rows === this.capacity) this.reserve(this.capacity * 2);
  }

  /** Makes room for `rows` records, sparing the copies of growing by doubling when the count can be foreseen. */
  reserve(rows: number, keyBytes = 0): void {
    if (rows > this.capacity) {
      this.capacity = rows;
      for (const writer of this.writers) writer.grow(rows);
    }
    this.keys.reserve(rows, keyBytes);
  }

  /** Called by the key field's text writer: key codes are rows. */
  keyCode(): number {
    return this.rows;
  }

  finish(): Snapshot {
    this.keys.seal();
    const columns = this.writers.map((writer) => writer.column(this.rows, this));
    return new ColumnarSnapshot(this.head, this.rows, columns, this.keys);
  }
}

/** A snapshot of records given as values in field order (tests, small in-memory sources). */
export function snapshotOfRecords(head: SnapshotHead, records: Iterable<readonly Value[]>): Snapshot {
  const builder = new SnapshotBuilder(head);
  for (const values of records) {
    values.forEach((value, i) => builder.set(i, value));
    builder.commit(String(values[head.keyIndex]));
  }
  return builder.finish();
}

/** A snapshot as structured-clonable parts whose large arrays can be transferred, to send from a worker thread. */
export interface SnapshotParts {
  size: number;
  keys: KeyIndexParts;
  /** null for the key column of a text key (its codes are its rows). */
  columns: Array<Exclude<Column, TextColumn> | { kind: 'text'; codes: Int32Array; dictionary: readonly string[] } | null>;
}

export function snapshotToParts(snapshot: Snapshot): { parts: SnapshotParts; transfer: ArrayBuffer[] } {
  if (!(snapshot instanceof ColumnarSnapshot)) throw new Error('only a columnar snapshot can be sent');
  const keys = snapshot.keys.toParts();
  const columns: SnapshotParts['columns'] = snapshot.fields.map((_, i) => {
    const column = snapshot.column(i);
    if (column.kind !== 'text') return column;
    return i === snapshot.keyIndex ? null : { kind: 'text', codes: column.codes, dictionary: column.dictionary };
  });
  const arrays = [keys.bytes, keys.starts, keys.hashes, keys.table, ...columns.map((c) => (c === null ? null : c.kind === 'text' ? c.codes : c.kind === 'day' ? c.days : c.kind === 'number' ? c.numbers : c.flags))];
  const transfer = [...new Set(arrays.flatMap((a) => (a ? [a.buffer as ArrayBuffer] : [])))];
  return { parts: { size: snapshot.size, keys, columns }, transfer };
}

export function snapshotFromParts(head: SnapshotHead, parts: SnapshotParts): Snapshot {
  const keys = KeyIndex.fromParts(parts.keys);
  const columns = parts.columns.map((column): Column => {
    if (column === null) return keyColumn(keys, parts.size);
    if (column.kind !== 'text') return column;
    const codeOf = new Map(column.dictionary.map((value, code) => [value, code]));
    return { kind: 'text', codes: column.codes, dictionary: column.dictionary, codeOf: (value) => codeOf.get(value) ?? -1 };
  });
  return new ColumnarSnapshot(head, parts.size, columns, keys);
}

/** The text column of a text key: codes are rows; the list of keys as strings is made only if something asks for it. */
function keyColumn(keys: KeyIndex, rows: number): TextColumn {
  // Made only if asked for: the diff and the counts never read the key's codes (4 bytes a record).
  let codes: Int32Array | null = null;
  let dictionary: string[] | null = null;
  return {
    kind: 'text',
    get codes() {
      if (codes === null) {
        codes = new Int32Array(rows);
        for (let row = 0; row < rows; row++) codes[row] = row;
      }
      return codes;
    },
    get dictionary() {
      dictionary ??= Array.from({ length: rows }, (_, row) => keys.keyAt(row));
      return dictionary;
    },
    codeOf: (value) => keys.rowOf(value),
  };
}

/** The key index of a snapshot made here, for loops over every key's bytes; null for any other Snapshot. */
export function keyIndexOf(snapshot: Snapshot): KeyIndex | null {
  return snapshot instanceof ColumnarSnapshot ? snapshot.keys : null;
}

class ColumnarSnapshot implements Snapshot {
  readonly period: string;
  readonly file: string;
  readonly fields: readonly FieldSpec[];
  readonly keyIndex: number;
  readonly records: ReadonlyMap<string, Value[]>;

  constructor(
    head: SnapshotHead,
    readonly size: number,
    private readonly columns: readonly Column[],
    readonly keys: KeyIndex,
  ) {
    this.period = head.period;
    this.file = head.file;
    this.fields = head.fields;
    this.keyIndex = head.keyIndex;
    this.records = new RecordsView(this);
  }

  keyAt(row: number): string {
    return this.keys.keyAt(row);
  }

  rowOf(key: string): number {
    return this.keys.rowOf(key);
  }

  rowsMatching(other: Snapshot): Int32Array {
    if (other instanceof ColumnarSnapshot) return this.keys.matchRows(other.keys);
    const rows = new Int32Array(other.size);
    for (let row = 0; row < rows.length; row++) rows[row] = this.keys.rowOf(other.keyAt(row));
    return rows;
  }

  valueAt(row: number, fieldIndex: number): Value {
    const column = this.columns[fieldIndex]!;
    switch (column.kind) {
      case 'text': {
        const code = column.codes[row]!;
        return code < 0 ? null : column.dictionary[code]!;
      }
      case 'day': {
        const day = column.days[row]!;
        return day === NO_DAY ? null : dayToIso(day);
      }
      case 'number': {
        const number = column.numbers[row]!;
        return Number.isNaN(number) ? null : number;
      }
      case 'boolean': {
        const flag = column.flags[row]!;
        return flag < 0 ? null : flag === 1;
      }
    }
  }

  recordAt(row: number): Value[] {
    const values = new Array<Value>(this.fields.length);
    for (let i = 0; i < values.length; i++) values[i] = this.valueAt(row, i);
    return values;
  }

  column(fieldIndex: number): Column {
    return this.columns[fieldIndex]!;
  }

  distinct(fieldIndex: number): Array<[Value, number]> {
    const column = this.columns[fieldIndex]!;
    if (column.kind === 'text') {
      const firstRow = new Int32Array(column.dictionary.length).fill(-1);
      const { codes } = column;
      for (let row = 0; row < this.size; row++) {
        const code = codes[row]!;
        if (code >= 0 && firstRow[code] === -1) firstRow[code] = row;
      }
      const found: Array<[Value, number]> = [];
      column.dictionary.forEach((value, code) => {
        if (firstRow[code]! >= 0) found.push([value, firstRow[code]!]);
      });
      return found.sort((a, b) => a[1] - b[1]);
    }
    const seen = new Map<Value, number>();
    for (let row = 0; row < this.size; row++) {
      const value = this.valueAt(row, fieldIndex);
      if (value !== null && !seen.has(value)) seen.set(value, row);
    }
    return [...seen];
  }
}

class RecordsView implements ReadonlyMap<string, Value[]> {
  constructor(private readonly snapshot: ColumnarSnapshot) {}
  get size(): number {
    return this.snapshot.size;
  }
  get(key: string): Value[] | undefined {
    const row = this.snapshot.rowOf(key);
    return row < 0 ? undefined : this.snapshot.recordAt(row);
  }
  has(key: string): boolean {
    return this.snapshot.rowOf(key) >= 0;
  }
  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.snapshot.size; row++) yield this.snapshot.keyAt(row);
  }
  *values(): IterableIterator<Value[]> {
    for (let row = 0; row < this.snapshot.size; row++) yield this.snapshot.recordAt(row);
  }
  *entries(): IterableIterator<[string, Value[]]> {
    for (let row = 0; row < this.snapshot.size; row++) yield [this.snapshot.keyAt(row), this.snapshot.recordAt(row)];
  }
  [Symbol.iterator](): IterableIterator<[string, Value[]]> {
    return this.entries();
  }
  forEach(callback: (value: Value[], key: string, map: ReadonlyMap<string, Value[]>) => void): void {
    for (const [key, values] of this.entries()) callback(values, key, this);
  }
}

interface ColumnWriter {
  set(row: number, value: Value): void;
  grow(capacity: number): void;
  column(rows: number, builder: SnapshotBuilder): Column;
}

function writerFor(field: FieldSpec, keyOf: SnapshotBuilder | null): ColumnWriter {
  switch (field.type) {
    case 'string':
    case 'enum':
      return new TextWriter(field, keyOf);
    case 'date':
      return new DayWriter(field);
    case 'integer':
    case 'number':
      return new NumberWriter(field);
    case 'boolean':
      return new BooleanWriter(field);
  }
}

class TextWriter implements ColumnWriter {
  codes = new Int32Array(INITIAL_ROWS).fill(-1);
  private readonly dictionary: string[] = [];
  private readonly codeOf = new Map<string, number>();

  /** `keyOf`: the builder, when this is the key field (its codes are rows). */
  constructor(
    private readonly field: FieldSpec,
    private readonly keyOf: SnapshotBuilder | null,
  ) {}

  intern(text: string): number {
    if (this.keyOf) return this.keyOf.keyCode();
    let code = this.codeOf.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.codeOf.set(text, code);
    }
    return code;
  }

  set(row: number, value: Value): void {
    if (value !== null && typeof value !== 'string') throw new Error(`${this.field.name}: ${typeof value} in a text column`);
    // The key's codes are its rows, filled in at the end.
    if (this.keyOf) return;
    this.codes[row] = value === null ? -1 : this.intern(value);
  }
  grow(capacity: number): void {
    if (this.keyOf) return;
    const codes = new Int32Array(capacity).fill(-1);
    codes.set(this.codes);
    this.codes = codes;
  }
  column(rows: number, builder: SnapshotBuilder): TextColumn {
    if (this.keyOf) return keyColumn(builder.keys, rows);
    const codes = this.codes.subarray(0, rows);
    const codeOf = this.codeOf;
    return { kind: 'text', codes, dictionary: this.dictionary, codeOf: (value) => codeOf.get(value) ?? -1 };
  }
}

class DayWriter implements ColumnWriter {
  days = new Int32Array(INITIAL_ROWS).fill(NO_DAY);
  constructor(private readonly field: FieldSpec) {}
  set(row: number, value: Value): void {
    if (value === null) {
      this.days[row] = NO_DAY;
      return;
    }
    const day = typeof value === 'string' ? isoToDay(value) : NO_DAY;
    if (day === NO_DAY || dayToIso(day) !== value) throw new Error(`${this.field.name}: ${String(value)} is not an ISO date`);
    this.days[row] = day;
  }
  grow(capacity: number): void {
    const days = new Int32Array(capacity).fill(NO_DAY);
    days.set(this.days);
    this.days = days;
  }
  column(rows: number): Column {
    return { kind: 'day', days: this.days.subarray(0, rows) };
  }
}

class NumberWriter implements ColumnWriter {
  numbers = new Float64Array(INITIAL_ROWS).fill(NaN);
  constructor(private readonly field: FieldSpec) {}
  set(row: number, value: Value): void {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw new Error(`${this.field.name}: ${String(value)} in a number column`);
    this.numbers[row] = value === null ? NaN : value;
  }
  grow(capacity: number): void {
    const numbers = new Float64Array(capacity).fill(NaN);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
  column(rows: number): Column {
    return { kind: 'number', numbers: this.numbers.subarray(0, rows) };
  }
}

class BooleanWriter implements ColumnWriter {
  flags = new Int8Array(INITIAL_ROWS).fill(-1);
  constructor(private readonly field: FieldSpec) {}
  set(row: number, value: Value): void {
    if (value !== null && typeof value !== 'boolean') throw new Error(`${this.field.name}: ${String(value)} in a boolean column`);
    this.flags[row] = value === null ? -1 : value ? 1 : 0;
  }
  grow(capacity: number): void {
    const flags = new Int8Array(capacity).fill(-1);
    flags.set(this.flags);
    this.flags = flags;
  }
  column(rows: number): Column {
    return { kind: 'boolean', flags: this.flags.subarray(0, rows) };
  }
}
