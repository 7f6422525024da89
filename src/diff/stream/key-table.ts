/**
 * Keys of the prior snapshot's records, by row number, and the ways to find
 * a row by key. Both work on key bytes (see RecordKey), so a million keys
 * cost a few typed arrays rather than a million strings and Map entries.
 *
 * Exports usually list records sorted by key. Then keys that only ever grow
 * are also unique, and a binary search finds any of them, so no hash table
 * is needed. Otherwise an open-addressing table is built once all keys are
 * in (finding duplicates on the way); it is one Int32Array, so a worker
 * thread can build it and hand it over.
 */
/** A key's bytes and hash (RecordKey is one). */
export interface KeyBytes {
  bytes: Uint8Array;
  start: number;
  end: number;
  hash: number;
}

/** The key bytes of each row, one after the other, with their hashes. */
export class KeyStore {
  rows = 0;
  /** True while every key is greater (bytewise) than the one before. */
  ascending = true;
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  /** Row r's key is bytes[starts[r], starts[r + 1]). */
  private starts = new Int32Array(1 << 14);
  private hashes = new Int32Array(1 << 14);

  /** Appends a key; returns its row. */
  add(key: KeyBytes): number {
    const row = this.rows;
    if (row + 2 > this.starts.length) {
      this.starts = grown(this.starts, this.starts.length * 2);
      this.hashes = grown(this.hashes, this.hashes.length * 2);
    }
    const length = key.end - key.start;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    if (this.ascending && row > 0) this.ascending = this.compare(row - 1, key) < 0;
    const bytes = this.bytes;
    const source = key.bytes;
    for (let i = key.start, at = this.used; i < key.end; i++, at++) bytes[at] = source[i]!;
    this.used += length;
    this.starts[row + 1] = this.used;
    this.hashes[row] = key.hash;
    this.rows = row + 1;
    return row;
  }

  hash(row: number): number {
    return this.hashes[row]!;
  }

  /** True when row's key is this key. */
  equals(row: number, key: KeyBytes): boolean {
    return this.hashes[row] === key.hash && this.compare(row, key) === 0;
  }

  /** Row's key against this key, bytewise: negative, zero or positive. */
  compare(row: number, key: KeyBytes): number {
    const bytes = this.bytes;
    const at = this.starts[row]!;
    const length = this.starts[row + 1]! - at;
    const other = key.bytes;
    const from = key.start;
    const otherLength = key.end - from;
    const common = Math.min(length, otherLength);
    for (let i = 0; i < common; i++) {
      const difference = bytes[at + i]! - other[from + i]!;
      if (difference !== 0) return difference;
    }
    return length - otherLength;
  }

  /** With ascending keys: the row with this key, or -1. */
  search(key: KeyBytes): number {
    let low = 0;
    let high = this.rows - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(middle, key);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The key as text, as the loader keys records. */
  text(row: number): string {
    return this.bytes.toString('utf8', this.starts[row], this.starts[row + 1]);
  }

  /** Row's key, for building the table. */
  keyOf(row: number): KeyBytes {
    return { bytes: this.bytes, start: this.starts[row]!, end: this.starts[row + 1]!, hash: this.hashes[row]! };
  }
}

/** Slots of two numbers, the key's hash and row + 1 (0: empty); at most half of them used. */
export class KeyTable {
  constructor(readonly slots: Int32Array<ArrayBuffer>) {}

  /** The table of every key in the store; null when two rows have the same key. */
  static build(store: KeyStore): KeyTable | null {
    let size = 2;
    while (size < store.rows * 4) size *= 2;
    const table = new KeyTable(new Int32Array(size));
    for (let row = 0; row < store.rows; row++) {
      const key = store.keyOf(row);
      if (table.find(store, key) !== -1) return null;
      table.place(key.hash, row);
    }
    return table;
  }

  /** The row whose key is this key, or -1. */
  find(store: KeyStore, key: KeyBytes): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const hash = key.hash;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot * 2 + 1]!;
      if (entry === 0) return -1;
      if (slots[slot * 2] === hash && store.equals(entry - 1, key)) return entry - 1;
    }
  }

  private place(hash: number, row: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = row + 1;
  }
}

export function grown(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const fresh = new Int32Array(size);
  fresh.set(old);
  return fresh;
}
