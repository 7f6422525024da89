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

/** A text field's dictionary codes by the bytes of cells seen before, so a repeated text is typed without a string. */
export class TextCodes {
  private readonly seen = new KeyIndex();
  private readonly codes: number[] = [];

  /** The code of a text written as `bytes[start, end)` (its own value: nothing to trim or unquote), or -1 if not seen yet. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const row = this.seen.find(bytes, start, end, hashKey(bytes, start, end));
    return row < 0 ? -1 : this.codes[row]!;
  }

  remember(bytes: Uint8Array, start: number, end: number, code: number): void {
    // A field with more distinct values than this is not worth indexing twice (names, free text).
    if (this.seen.rows >= 100_000) return;
    this.seen.add(bytes, start, end, hashKey(bytes, start, end));
    this.codes.push(code);
  }
}

/** A printable ASCII character other than space: nothing to trim at that end. */
export function isVisibleAscii(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}

