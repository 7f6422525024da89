/**
 * The prior snapshot as the diff needs it: its file chunks as read, where
 * each record's bytes are, and its keys. Values are typed only for the few
 * records whose bytes differ in the current snapshot.
 *
 * Records are found by key in two ways: exports usually list records in the
 * same order every month, so the record after the last one found is tried
 * first (a sequential read of memory); the hash table, a random access per
 * key, only when that fails.
 */
import type { CsvRecordReader } from './csv-reader.js';
import { grown, KeyStore, KeyTable } from './key-table.js';
import type { RecordKey } from './record-key.js';

/** How many records after the last one found are tried before the table, to step over removed records. */
const LOOK_AHEAD = 4;

export class PriorIndex {
  readonly keys = new KeyStore();
  /** Null until built here or handed over by the worker that built it. */
  table: KeyTable | null;
  /** Set when the current snapshot has the row's key. */
  seen = new Uint8Array(0);
  private chunkOf = new Int32Array(1 << 14);
  private startOf = new Int32Array(1 << 14);
  private endOf = new Int32Array(1 << 14);
  private lastFound = -1;

  constructor(
    /** The reader's retained chunks. */
    readonly chunks: readonly Buffer[],
    buildTable: boolean,
  ) {
    this.table = buildTable ? new KeyTable() : null;
  }

  get rows(): number {
    return this.keys.rows;
  }

  /** Adds the reader's current record; false when the table is built here and already has the key (a duplicate). */
  add(key: RecordKey, reader: CsvRecordReader): boolean {
    const row = this.keys.add(key);
    if (row === this.chunkOf.length) {
      this.chunkOf = grown(this.chunkOf, row * 2);
      this.startOf = grown(this.startOf, row * 2);
      this.endOf = grown(this.endOf, row * 2);
    }
    this.chunkOf[row] = reader.chunkIndex;
    this.startOf[row] = reader.recordStart;
    this.endOf[row] = reader.recordEnd;
    return this.table === null || this.table.insert(this.keys, row, key);
  }

  /** Call after the last add. */
  seal(): void {
    this.seen = new Uint8Array(this.rows);
  }

  /**
   * The row with this key, or -1 when there is none. Undefined when only the
   * table could tell and it is not there yet.
   */
  find(key: RecordKey): number | undefined {
    const keys = this.keys;
    const last = Math.min(this.lastFound + LOOK_AHEAD, keys.rows - 1);
    for (let row = this.lastFound + 1; row <= last; row++) {
      if (keys.equals(row, key)) return (this.lastFound = row);
    }
    if (this.table === null) return undefined;
    const row = this.table.find(keys, key);
    if (row !== -1) this.lastFound = row;
    return row;
  }

  chunk(row: number): Buffer {
    return this.chunks[this.chunkOf[row]!]!;
  }

  start(row: number): number {
    return this.startOf[row]!;
  }

  end(row: number): number {
    return this.endOf[row]!;
  }

  /** True when the row's bytes equal the reader's current record. */
  sameBytes(row: number, reader: CsvRecordReader): boolean {
    const start = this.startOf[row]!;
    const length = this.endOf[row]! - start;
    const from = reader.recordStart;
    if (reader.recordEnd - from !== length) return false;
    const prior = this.chunks[this.chunkOf[row]!]!;
    const current = reader.buffer;
    for (let i = 0; i < length; i++) if (prior[start + i] !== current[from + i]) return false;
    return true;
  }

  /** Keys of the rows the current snapshot does not have. */
  unseenKeys(): string[] {
    const unseen: string[] = [];
    for (let row = 0; row < this.rows; row++) if (this.seen[row] === 0) unseen.push(this.keys.text(row));
    return unseen;
  }
}
