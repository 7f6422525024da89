/**
 * Types one field's cell of the record the CSV reader is on straight into the
 * snapshot builder. The shapes nearly every cell has are read off the bytes:
 * an ISO date becomes its day number; a text seen before is found by its
 * bytes in a small per-field index and gets its dictionary code without a
 * string being made. Anything else goes through the loader's own coercion
 * (CellTyper, coerceValue), so the value is always the one the loader gives.
 */
import { CellTyper } from '../diff/stream/cells.js';
import { ESCAPED, type CsvRecordReader } from '../diff/stream/csv-reader.js';
import type { SnapshotBuilder } from './columnar.js';
import { isoDayAt, isoToDay, NO_DAY } from './days.js';
import { ISO_DATE_FORMAT } from './dates.js';
import { hashKey, KeyIndex } from './key-index.js';
import type { Value } from './types.js';

/** Sets the field from the current (tokenized) record; false when the cell is not a valid value. */
export type CellSetter = (reader: CsvRecordReader) => boolean;


/** `codes`: the text codes a text field's cells are found by (shared with a caller's own fast path). */
export function cellSetter(typer: CellTyper, fieldIndex: number, builder: SnapshotBuilder, codes = new TextCodes()): CellSetter {
  const field = typer.fields[fieldIndex]!;
  const n = typer.columnOf[fieldIndex]!;
  const viaValue = (reader: CsvRecordReader): boolean => {
    const value: Value | undefined = typer.value(reader, fieldIndex);
    if (value === undefined) return false;
    if (field.type === 'string' || field.type === 'enum') builder.setTextCode(fieldIndex, value === null ? -1 : builder.textCode(fieldIndex, value as string));
    else if (field.type === 'date') builder.setDay(fieldIndex, value === null ? NO_DAY : isoToDay(value as string));
    else builder.set(fieldIndex, value);
    return true;
  };
  if (field.type === 'date' && field.formats.includes(ISO_DATE_FORMAT)) {
    return (reader) => {
      const start = reader.cellStart[n]!;
      if (reader.cellEnd[n]! - start === 10 && !(reader.cellFlags[n]! & ESCAPED)) {
        const day = isoDayAt(reader.buffer, start);
        if (day !== NO_DAY) {
          builder.setDay(fieldIndex, day);
          return true;
        }
      }
      return viaValue(reader);
    };
  }
  if (field.type === 'string' || field.type === 'enum') {
    // Only cells that are their own value (no quotes to undo, nothing to trim) are looked up by bytes.
    return (reader) => {
      const start = reader.cellStart[n]!;
      const end = reader.cellEnd[n]!;
      const bytes = reader.buffer;
      if (start === end || reader.cellFlags[n]! & ESCAPED || !isVisibleAscii(bytes[start]!) || !isVisibleAscii(bytes[end - 1]!)) return viaValue(reader);
      const found = codes.find(bytes, start, end);
      if (found >= 0) {
        builder.setTextCode(fieldIndex, found);
        return true;
      }
      const value = typer.value(reader, fieldIndex);
      if (typeof value !== 'string') return false;
      const code = builder.textCode(fieldIndex, value);
      codes.remember(bytes, start, end, code);
      builder.setTextCode(fieldIndex, code);
      return true;
    };
  }
  return viaValue;
}

/** Slots of a TextCodes' cache: a power of two, several times the distinct values of a typical coded field. */
const CACHE_SLOTS = 1024;
/** Bytes of text the cache keeps at most: a field of many distinct values (names) stops filling it. */
const CACHE_BYTES = 32 << 10;

/**
 * A text field's dictionary codes by the bytes of cells seen before, so a repeated text is typed without a string.
 *
 * Most coded fields (a status, a country, an office) have a few dozen values met millions of times. A small
 * direct-mapped cache, slotted by the text's length and three of its bytes and proved by comparing the bytes,
 * finds those without hashing the cell and probing the index (the hash alone was half of a lookup).
 */
export class TextCodes {
  private readonly seen = new KeyIndex();
  private readonly codes: number[] = [];
  /** Per slot: the code, and where its text's bytes start in `cached` (-1: an empty slot) and their length. */
  private readonly slotCode = new Int32Array(CACHE_SLOTS);
  private readonly slotStart = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly slotLength = new Int32Array(CACHE_SLOTS);
  private readonly cached = new Uint8Array(CACHE_BYTES);
  private cachedBytes = 0;

  /** The code of a text written as `bytes[start, end)` (its own value: nothing to trim or unquote), or -1 if not seen yet. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const slot = (length * 97 + bytes[start]! * 31 + bytes[start + (length >> 1)]! * 7 + bytes[end - 1]!) & (CACHE_SLOTS - 1);
    const from = this.slotStart[slot]!;
    if (from >= 0 && this.slotLength[slot] === length) {
      const cached = this.cached;
      let i = 0;
      while (i < length && cached[from + i] === bytes[start + i]) i++;
      if (i === length) return this.slotCode[slot]!;
    }
    const row = this.seen.find(bytes, start, end, hashKey(bytes, start, end));
    if (row < 0) return -1;
    const code = this.codes[row]!;
    this.cache(slot, bytes, start, end, code);
    return code;
  }

  remember(bytes: Uint8Array, start: number, end: number, code: number): void {
    // A field with more distinct values than this is not worth indexing twice (names, free text).
    if (this.seen.rows >= 100_000) return;
    this.seen.add(bytes, start, end, hashKey(bytes, start, end));
    this.codes.push(code);
  }

  private cache(slot: number, bytes: Uint8Array, start: number, end: number, code: number): void {
    const length = end - start;
    if (this.cachedBytes + length > CACHE_BYTES) return;
    this.cached.set(bytes.subarray(start, end), this.cachedBytes);
    this.slotStart[slot] = this.cachedBytes;
    this.slotLength[slot] = length;
    this.slotCode[slot] = code;
    this.cachedBytes += length;
  }
}

/** A printable ASCII character other than space: nothing to trim at that end. */
export function isVisibleAscii(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}

