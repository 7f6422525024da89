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
  /** For keys not in ascending order: null until built here or handed over by the worker that built it. */
  table: KeyTable | null = null;
  /** Set when the current snapshot has the row's key. */
  seen = new Uint8Array(0);
  private chunkOf = new Int32Array(1 << 14);
  private startOf = new Int32Array(1 << 14);
  private endOf = new Int32Array(1 << 14);
  private lastFound = -1;

  constructor(
    /** The reader's retained chunks. */
    readonly chunks: readonly Buffer[],
  ) {}

  get rows(): number {
    return this.keys.rows;
  }

  /** Adds the reader's current record. */
  add(key: RecordKey, reader: CsvRecordReader): void {
    const row = this.keys.add(key);
    if (row === this.chunkOf.length) {
      this.chunkOf = grown(this.chunkOf, row * 2);
      this.startOf = grown(this.startOf, row * 2);
      this.endOf = grown(this.endOf, row * 2);
    }
    this.chunkOf[row] = reader.chunkIndex;
    this.startOf[row] = reader.recordStart;
    this.endOf[row] = reader.recordEnd;
  }

  /**
   * Call after the last add. With `buildTable`, builds the key table if the
   * keys need one; false when that finds a duplicate key.
   */
  seal(buildTable: boolean): boolean {
    this.seen = new Uint8Array(this.rows);
    if (!buildTable || this.keys.ascending) return true;
    this.table = KeyTable.build(this.keys);
    return this.table !== null;
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
    let row: number;
    if (keys.ascending) row = keys.search(key);
    else if (this.table) row = this.table.find(keys, key);
    else return undefined;
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
    return prior.compare(reader.buffer, from, from + length, start, start + length) === 0;
  }

  /** Keys of the rows the current snapshot does not have. */
  unseenKeys(): string[] {
    const unseen: string[] = [];
    for (let row = 0; row < this.rows; row++) if (this.seen[row] === 0) unseen.push(this.keys.text(row));
    return unseen;
  }
}
