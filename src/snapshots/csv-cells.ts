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


export function cellSetter(typer: CellTyper, fieldIndex: number, builder: SnapshotBuilder): CellSetter {
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
    // Bytes of texts seen before → their dictionary code. Only cells that are their own value
    // (no quotes to undo, nothing to trim) are looked up by bytes.
    const seen = new KeyIndex();
    const codeOfSeen: number[] = [];
    return (reader) => {
      const start = reader.cellStart[n]!;
      const end = reader.cellEnd[n]!;
      const bytes = reader.buffer;
      if (start === end || reader.cellFlags[n]! & ESCAPED || !isVisibleAscii(bytes[start]!) || !isVisibleAscii(bytes[end - 1]!)) return viaValue(reader);
      const hash = hashKey(bytes, start, end);
      const found = seen.find(bytes, start, end, hash);
      if (found >= 0) {
        builder.setTextCode(fieldIndex, codeOfSeen[found]!);
        return true;
      }
      const value = typer.value(reader, fieldIndex);
      if (typeof value !== 'string') return false;
      const code = builder.textCode(fieldIndex, value);
      // A field with more distinct values than this is not worth indexing twice (names, free text).
      if (seen.rows < 100_000) {
        seen.add(bytes, start, end, hash);
        codeOfSeen.push(code);
      }
      builder.setTextCode(fieldIndex, code);
      return true;
    };
  }
  return viaValue;
}

/** A printable ASCII character other than space: nothing to trim at that end. */
function isVisibleAscii(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}

