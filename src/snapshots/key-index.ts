/**
 * A snapshot's keys as UTF-8 bytes in one buffer, with an open-addressing
 * hash table from key to row. At 7,000,000 records a Map of strings costs
 * ~500 MB and most of a load's time; this costs ~35 bytes a key and finds a
 * key without making a string of it.
 *
 * Each slot of the table holds the key's hash beside its row, so that a probe
 * reads one place in memory: joining two months listed in different orders
 * looks up every key at random, and each extra array read there is a cache
 * miss per record.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const EMPTY = -1;
/** Rows matchRows looks at to tell whether two snapshots list their records in the same order. */
const IN_STEP_SAMPLE = 4096;
/** index() fills the table 2^12 slots (32 KB) at a time. */
const REGION_BITS = 12;
/** proveCandidates brings this many candidates' keys into the cache before comparing them (at most 256 KB). */
const PROVE_BLOCK = 2048;

export class KeyIndex {
  private bytes: Buffer = Buffer.alloc(1 << 16);
  private used = 0;
  /** Row → start of its key in `bytes`; the key ends where the next row's starts. */
  private starts: Int32Array = new Int32Array(1024 + 1);
  private hashes: Int32Array = new Int32Array(1024);
  /** Slot s: hash at 2s (EMPTY when free), row at 2s + 1. */
  private table: Int32Array = new Int32Array(2 * 2048).fill(EMPTY);
  private mask = 2047;
  private scratch: Uint8Array = new Uint8Array(256);
  rows = 0;
  /** The length every key has so far when all have one (row r's key then starts at r × width), else -1. */
  private width = -1;
  /** Rows [0, indexed) are in the table; the rest were appended by appendUnindexed and wait for index(). */
  private indexed = 0;
  /** What touchKeys read, kept only so that its reads are not optimised away. */
  private touched = 0;

  /** The row of the key in `source[start, end)`, or -1. `hash` is hashKey of the same bytes. */
  find(source: Uint8Array, start: number, end: number, hash: number): number {
    if (this.indexed !== this.rows) throw new Error('a key index was searched before its appended keys were indexed');
    const table = this.table;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const found = table[2 * slot]!;
      if (found === hash) {
        const row = table[2 * slot + 1]!;
        if (this.equals(row, source, start, end)) return row;
      } else if (found === EMPTY) return -1;
    }
  }

  /** Adds the key as the next row and returns that row; -1, and nothing added, when the key is there already. */
  insert(source: Uint8Array, start: number, end: number, hash: number): number {
    if (this.indexed !== this.rows) throw new Error('a key index was searched before its appended keys were indexed');
    const table = this.table;
    let slot = hash & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const found = table[2 * slot]!;
      if (found === EMPTY) break;
      if (found === hash && this.equals(table[2 * slot + 1]!, source, start, end)) return -1;
    }
    const row = this.append(source, start, end, hash);
    this.indexed = this.rows;
    if (this.rows * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    else {
      table[2 * slot] = hash;
      table[2 * slot + 1] = row;
    }
    return row;
  }

  /** Adds the key as the next row and returns that row; the caller has checked that it is new. */
  add(source: Uint8Array, start: number, end: number, hash: number): number {
    if (this.indexed !== this.rows) throw new Error('a key was added before the appended keys were indexed');
    const row = this.append(source, start, end, hash);
    this.indexed = this.rows;
    // At most half full, so probes stay short.
    if (this.rows * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    else this.place(row);
    return row;
  }

  /** Adds the key as the next row without looking it up: index() then puts it in the table, and finds repeated keys. */
  appendUnindexed(source: Uint8Array, start: number, end: number, hash: number): void {
    this.append(source, start, end, hash);
  }

  /**
   * Puts the keys appended by appendUnindexed in the table; false when one of
   * them is there already. Done in one go rather than a key at a time, the
   * keys go in by the region of the table they land in, so that each region
   * is filled while it is in the cache: a table of millions of keys is far
   * larger than the cache, and one key at a time was a cache miss each.
   */
  index(): boolean {
    let size = this.mask + 1;
    while (size < this.rows * 2) size *= 2;
    if (size > this.mask + 1) this.rehash(size);
    const first = this.indexed;
    const count = this.rows - first;
    const hashes = this.hashes;
    const mask = this.mask;
    const shift = Math.max(0, Math.log2(size) - REGION_BITS);
    const regions = size >>> shift;
    const cursor = new Int32Array(regions + 1);
    for (let row = first; row < this.rows; row++) cursor[((hashes[row]! & mask) >>> shift) + 1]!++;
    for (let region = 0; region < regions; region++) cursor[region + 1]! += cursor[region]!;
    // Each key's row and hash, by region: the placing loop then reads them in order, not at random.
    const order = new Int32Array(2 * count);
    for (let row = first; row < this.rows; row++) {
      const hash = hashes[row]!;
      const at = 2 * cursor[(hash & mask) >>> shift]!++;
      order[at] = hash;
      order[at + 1] = row;
    }
    const table = this.table;
    const starts = this.starts;
    for (let i = 0; i < 2 * count; i += 2) {
      const hash = order[i]!;
      const row = order[i + 1]!;
      let slot = hash & mask;
      for (; ; slot = (slot + 1) & mask) {
        const found = table[2 * slot]!;
        if (found === EMPTY) break;
        if (found === hash && this.equals(table[2 * slot + 1]!, this.bytes, starts[row]!, starts[row + 1]!)) return false;
      }
      table[2 * slot] = hash;
      table[2 * slot + 1] = row;
    }
    this.indexed = this.rows;
    return true;
  }

  private append(source: Uint8Array, start: number, end: number, hash: number): number {
    const row = this.rows;
    // Kept as keys come, rather than found by a pass over `starts` once the index is sealed or sent.
    if (row === 0) this.width = end - start;
    else if (end - start !== this.width) this.width = -1;
    const length = end - start;
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, this.used + length);
    // A loop, not set(subarray): keys are short, and a view per key costs more than the copy.
    const bytes = this.bytes;
    for (let i = 0, at = this.used; i < length; i++) bytes[at + i] = source[start + i]!;
    if (row + 2 > this.starts.length) this.starts = grownInt32(this.starts, row + 2);
    if (row + 1 > this.hashes.length) this.hashes = grownInt32(this.hashes, row + 1);
    this.starts[row] = this.used;
    this.used += length;
    this.starts[row + 1] = this.used;
    this.hashes[row] = hash;
    this.rows++;
    return row;
  }

  /** Makes room for `rows` keys of `bytes` bytes in all, so that the arrays and table are not rebuilt as they fill. */
  reserve(rows: number, bytes: number): void {
    if (bytes > this.bytes.length) this.bytes = grown(this.bytes, bytes);
    if (rows + 1 > this.starts.length) this.starts = grownInt32(this.starts, rows + 1);
    if (rows > this.hashes.length) this.hashes = grownInt32(this.hashes, rows);
    // Keys appended unindexed go in the table only at index(), which sizes it by the keys there are:
    // sized now from an estimate (a tenth over), a million keys would get a table of twice the slots.
    if (this.indexed < this.rows) return;
    let size = this.mask + 1;
    while (size < rows * 2) size *= 2;
    if (size > this.mask + 1) this.rehash(size);
  }

  /** The row of a key given as text, or -1. */
  rowOf(key: string): number {
    const length = this.encode(key);
    return this.find(this.scratch, 0, length, hashKey(this.scratch, 0, length));
  }

  /** Adds a key given as text; the caller has checked that it is new. */
  addText(key: string): number {
    const length = this.encode(key);
    return this.add(this.scratch, 0, length, hashKey(this.scratch, 0, length));
  }

  keyAt(row: number): string {
    return this.bytes.toString('utf8', this.starts[row]!, this.starts[row + 1]!);
  }

  /** The row in this index of `other`'s row `row`, or -1. */
  findRowOf(other: KeyIndex, row: number): number {
    return this.find(other.bytes, other.starts[row]!, other.starts[row + 1]!, other.hashes[row]!);
  }

  /**
   * For each row of `other`, the row here with the same key, or -1, in
   * whatever order either snapshot lists its records. A candidate found by
   * hash is then proved on the key's bytes, in a pass in other's row order;
   * equal hashes of different keys (rare) look the key up in full.
   */
  matchRows(other: KeyIndex): Int32Array {
    // Both tables are read: every key must be in them.
    if (this.indexed !== this.rows || other.indexed !== other.rows) throw new Error('keys were matched before their appended keys were indexed');
    const inStep = this.listedInStep(other);
    const rows = inStep ? this.candidatesInStep(other) : this.candidatesByTable(other);
    // In step, the candidates are read in order, and the cache has them already.
    this.proveCandidates(other, rows, !inStep);
    return rows;
  }

  /** True when the first records of other mostly follow this index's order (months exported the same way). */
  private listedInStep(other: KeyIndex): boolean {
    const sample = Math.min(other.rows, IN_STEP_SAMPLE);
    const hashes = this.hashes;
    const otherHashes = other.hashes;
    let guess = 0;
    let inStep = 0;
    for (let row = 0; row < sample; row++) {
      const hash = otherHashes[row]!;
      const found = guess < this.rows && hashes[guess] === hash ? guess : this.candidateOf(hash);
      if (found === guess) inStep++;
      if (found >= 0) guess = found + 1;
    }
    return inStep * 2 > sample;
  }

  /**
   * Candidates for months listed in the same order: the row after the last
   * match is tried first, memory read in order with no probe. After a wrong
   * guess only every 64th row guesses, since a guess costs a miss of its own.
   */
  private candidatesInStep(other: KeyIndex): Int32Array {
    const rows = new Int32Array(other.rows);
    const hashes = this.hashes;
    const otherHashes = other.hashes;
    let guess = 0;
    let guessing = true;
    for (let row = 0; row < other.rows; row++) {
      const hash = otherHashes[row]!;
      let found: number;
      if ((guessing || (row & 63) === 0) && guess < this.rows && hashes[guess] === hash) {
        found = guess;
        guessing = true;
      } else {
        guessing = false;
        found = this.candidateOf(hash);
      }
      rows[row] = found;
      if (found >= 0) guess = found + 1;
    }
    return rows;
  }

  /**
   * Candidates for months listed in different orders. Looking other's keys up
   * in the order of its rows reads this table at random, a cache miss per
   * record (most of a reordered diff's matching); so the keys are taken in
   * the order of other's own table instead: a key's slot there and here both
   * come from the low bits of its hash, so walking other's table slot by slot
   * walks this one in step, and both stay in the cache.
   */
  private candidatesByTable(other: KeyIndex): Int32Array {
    const rows = new Int32Array(other.rows).fill(-1);
    const theirs = other.table;
    for (let slot = 0; slot < theirs.length; slot += 2) {
      const hash = theirs[slot]!;
      if (hash !== EMPTY) rows[theirs[slot + 1]!] = this.candidateOf(hash);
    }
    return rows;
  }

  /** The first row whose key has this hash, or -1. */
  private candidateOf(hash: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const slotHash = table[2 * slot]!;
      if (slotHash === hash) return table[2 * slot + 1]!;
      if (slotHash === EMPTY) return -1;
    }
  }

  /** Keeps each candidate whose key has the other row's bytes; for any other, the row found by the whole key. */
  private proveCandidates(other: KeyIndex, rows: Int32Array, touch: boolean): void {
    const starts = this.starts;
    const bytes = this.bytes;
    const otherStarts = other.starts;
    const otherBytes = other.bytes;
    // Keys of one width (an A-number, a case number) start at row × width: one read per key, not two.
    const width = this.width;
    // Read in order, the candidates need no blocks.
    const block = touch ? PROVE_BLOCK : Math.max(1, rows.length);
    for (let first = 0; first < rows.length; first += block) {
      const last = Math.min(rows.length, first + block);
      if (touch && width > 0) this.touchKeys(rows, first, last, width);
      for (let row = first; row < last; row++) {
        const candidate = rows[row]!;
        if (candidate < 0) continue;
        const start = otherStarts[row]!;
        const length = otherStarts[row + 1]! - start;
        const from = width >= 0 ? candidate * width : starts[candidate]!;
        if ((width >= 0 ? width : starts[candidate + 1]! - from) === length) {
          // Every byte is compared, with no branch per byte, so the processor can go on to the next key.
          let difference = 0;
          for (let i = 0; i < length; i++) difference |= bytes[from + i]! ^ otherBytes[start + i]!;
          if (difference === 0) continue;
        }
        rows[row] = this.find(otherBytes, start, start + length, other.hashes[row]!);
      }
    }
  }

  /**
   * Reads the first and last byte of each candidate's key in rows [first, last), bringing them
   * into the cache. Months listed in different orders read the keys at random, a cache miss each:
   * a loop of reads alone has many misses under way at once, where proving a key waits on its own.
   */
  private touchKeys(rows: Int32Array, first: number, last: number, width: number): void {
    const bytes = this.bytes;
    let touched = 0;
    for (let row = first; row < last; row++) {
      const candidate = rows[row]!;
      if (candidate >= 0) touched ^= bytes[candidate * width]! ^ bytes[candidate * width + width - 1]!;
    }
    // Kept, so that the reads are not optimised away.
    this.touched = touched;
  }

  /** Calls `visit` with each key's bytes; false from it stops. */
  forEachKeyBytes(visit: (bytes: Uint8Array, start: number, end: number, row: number) => boolean): void {
    for (let row = 0; row < this.rows; row++) if (!visit(this.bytes, this.starts[row]!, this.starts[row + 1]!, row)) return;
  }

  /** Frees the spare room of the growing arrays once every key is in. */
  seal(): void {
    // Never from Node's shared pool: the buffer may be handed to another thread.
    const sealed = Buffer.allocUnsafeSlow(this.used);
    this.bytes.copy(sealed, 0, 0, this.used);
    this.bytes = sealed;
    this.starts = this.starts.slice(0, this.rows + 1);
    this.hashes = this.hashes.slice(0, this.rows);
    this.scratch = new Uint8Array(256);
  }

  /** The index as typed arrays, to send to another thread (transfer their buffers). */
  toParts(): KeyIndexParts {
    return { bytes: this.bytes, starts: this.starts, hashes: this.hashes, table: this.table, rows: this.rows, width: this.width };
  }

  static fromParts(parts: KeyIndexParts): KeyIndex {
    const index = new KeyIndex();
    index.bytes = Buffer.from(parts.bytes.buffer, parts.bytes.byteOffset, parts.bytes.byteLength);
    index.used = parts.bytes.byteLength;
    index.starts = parts.starts;
    index.hashes = parts.hashes;
    index.table = parts.table;
    index.mask = parts.table.length / 2 - 1;
    index.rows = parts.rows;
    index.indexed = parts.rows;
    index.width = parts.width;
    return index;
  }

  private equals(row: number, source: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[row]!;
    if (this.starts[row + 1]! - from !== end - start) return false;
    const bytes = this.bytes;
    for (let i = 0; i < end - start; i++) if (bytes[from + i] !== source[start + i]) return false;
    return true;
  }

  private place(row: number): void {
    const table = this.table;
    const hash = this.hashes[row]!;
    let slot = hash & this.mask;
    while (table[2 * slot] !== EMPTY) slot = (slot + 1) & this.mask;
    table[2 * slot] = hash;
    table[2 * slot + 1] = row;
  }

  /** `size`: slots, a power of two. */
  private rehash(size: number): void {
    this.table = new Int32Array(2 * size).fill(EMPTY);
    this.mask = size - 1;
    for (let row = 0; row < this.indexed; row++) this.place(row);
  }

  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) this.scratch = new Uint8Array(key.length * 3);
    return Buffer.from(this.scratch.buffer, this.scratch.byteOffset, this.scratch.length).write(key, 0, 'utf8');
  }
}

export interface KeyIndexParts {
  bytes: Uint8Array;
  starts: Int32Array;
  hashes: Int32Array;
  table: Int32Array;
  rows: number;
  /** The length of every key, or -1 when lengths differ. */
  width: number;
}

/** FNV-1a of the bytes, as the hash KeyIndex expects. */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 1;
}

function grown(bytes: Buffer, needed: number): Buffer {
  const next = Buffer.alloc(Math.max(needed, bytes.length * 2));
  next.set(bytes);
  return next;
}

function grownInt32(array: Int32Array, needed: number): Int32Array {
  const next = new Int32Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}
