/**
 * Keys of the prior snapshot's records, by row number, and an open-addressing
 * hash table from key to row. Both work on key bytes (see RecordKey), so a
 * million keys cost a few typed arrays rather than a million strings and Map
 * entries. The table can be built on a worker thread and handed over, since
 * it is one Int32Array.
 */
import type { RecordKey } from './record-key.js';

/** The key bytes of each row, one after the other, with their hashes. */
export class KeyStore {
  rows = 0;
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  /** Row r's key is bytes[starts[r], starts[r + 1]). */
  private starts = new Int32Array(1 << 14);
  private hashes = new Int32Array(1 << 14);

  /** Appends a key; returns its row. */
  add(key: RecordKey): number {
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
    const bytes = this.bytes;
    const source = key.bytes;
    for (let i = key.start, at = this.used; i < key.end; i++, at++) bytes[at] = source[i]!;
    this.used += length;
    this.starts[row + 1] = this.used;
    this.hashes[row] = key.hash;
    this.rows = row + 1;
    return row;
  }

  /** True when row's key is this key. */
  equals(row: number, key: RecordKey): boolean {
    const at = this.starts[row]!;
    const length = key.end - key.start;
    if (this.starts[row + 1]! - at !== length || this.hashes[row] !== key.hash) return false;
    const bytes = this.bytes;
    const other = key.bytes;
    const from = key.start;
    for (let i = 0; i < length; i++) if (bytes[at + i] !== other[from + i]) return false;
    return true;
  }

  /** The key as text, as the loader keys records. */
  text(row: number): string {
    return this.bytes.toString('utf8', this.starts[row], this.starts[row + 1]);
  }
}

/** Slots of two numbers, the key's hash and row + 1 (0: empty); at most half of them used. */
export class KeyTable {
  private used = 0;

  constructor(public slots: Int32Array<ArrayBuffer> = new Int32Array(2 << 16)) {}

  /** The row whose key is this key, or -1. */
  find(store: KeyStore, key: RecordKey): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const hash = key.hash;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot * 2 + 1]!;
      if (entry === 0) return -1;
      if (slots[slot * 2] === hash && store.equals(entry - 1, key)) return entry - 1;
    }
  }

  /** Adds a row just added to the store; false when an earlier row has the same key. */
  insert(store: KeyStore, row: number, key: RecordKey): boolean {
    if (this.find(store, key) !== -1) return false;
    if ((this.used + 1) * 4 > this.slots.length) this.grow();
    this.place(key.hash, row);
    this.used++;
    return true;
  }

  private place(hash: number, row: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = row + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]! - 1);
  }
}

export function grown(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const fresh = new Int32Array(size);
  fresh.set(old);
  return fresh;
}
