/**
 * Typing cells found by the CsvRecordReader with the snapshot loader's own
 * coercion (coerceValue). The common shapes (an ISO date, an enum value as
 * written, a non-blank text) are recognised on the bytes; anything else is
 * decoded and coerced, with a cache per field since snapshot columns repeat
 * few distinct values.
 */
import { coerceValue, type Coercion } from '../../snapshots/coerce.js';
import { ISO_DATE_FORMAT } from '../../snapshots/dates.js';
import { isoDayAt, NO_DAY } from '../../snapshots/days.js';
import type { FieldSpec, Value } from '../../snapshots/types.js';
import { ESCAPED, type CsvRecordReader } from './csv-reader.js';

/** Cached coercions per field; past this, a field's cache starts over. */
const CACHE_LIMIT = 50_000;

const enum Shape {
  Other,
  Text,
  IsoDate,
  Enum,
}

export class CellTyper {
  private readonly shapes: Shape[];
  private readonly enumValues: string[][];
  private readonly enumBytes: Buffer[][];
  private readonly caches: Map<string, Coercion>[];

  /** `columnOf[i]` is the column of `fields[i]` in the file. */
  constructor(
    readonly fields: readonly FieldSpec[],
    readonly columnOf: readonly number[],
  ) {
    this.shapes = fields.map(shapeOf);
    // A value written with spaces around it would be trimmed before matching, so it never matches as written;
    // an empty one is an empty cell.
    this.enumValues = fields.map((f) => (f.values ?? []).filter((v) => v !== '' && v.trim() === v));
    this.enumBytes = this.enumValues.map((values) => values.map((v) => Buffer.from(v)));
    this.caches = fields.map(() => new Map());
  }

  /** True when every field of the reader's current record has a valid value. */
  recordIsValid(reader: CsvRecordReader): boolean {
    reader.tokenize();
    for (let i = 0; i < this.fields.length; i++) if (!this.cellIsValid(reader, i)) return false;
    return true;
  }

  private cellIsValid(reader: CsvRecordReader, fieldIndex: number): boolean {
    const n = this.columnOf[fieldIndex]!;
    const start = reader.cellStart[n]!;
    const end = reader.cellEnd[n]!;
    const field = this.fields[fieldIndex]!;
    if (start === end && !field.required) return true;
    const bytes = reader.buffer;
    switch (this.shapes[fieldIndex]) {
      case Shape.Text:
        if (!field.required || (start < end && isVisibleAscii(bytes[start]!))) return true;
        break;
      case Shape.IsoDate:
        if (end - start === 10 && isoDayAt(bytes, start) !== NO_DAY) return true;
        break;
      case Shape.Enum:
        if (!(reader.cellFlags[n]! & ESCAPED) && matchIndex(bytes, start, end, this.enumBytes[fieldIndex]!) !== -1) return true;
        break;
    }
    return 'value' in this.coerce(reader.cellText(n), fieldIndex);
  }

  /** The record's values in field order, or null when one of them is not valid. */
  values(reader: CsvRecordReader): Value[] | null {
    reader.tokenize();
    const values = new Array<Value>(this.fields.length);
    for (let i = 0; i < this.fields.length; i++) {
      const value = this.value(reader, i);
      if (value === undefined) return null;
      values[i] = value;
    }
    return values;
  }

  /** A field's value in a tokenized record; undefined when it is not valid. Common shapes are read off the bytes, like cellIsValid. */
  value(reader: CsvRecordReader, fieldIndex: number): Value | undefined {
    const n = this.columnOf[fieldIndex]!;
    const start = reader.cellStart[n]!;
    const end = reader.cellEnd[n]!;
    const field = this.fields[fieldIndex]!;
    if (start === end && !field.required) return null;
    const bytes = reader.buffer;
    switch (this.shapes[fieldIndex]) {
      case Shape.Text:
        // Nothing to trim: the text is the value.
        if (start < end && isVisibleAscii(bytes[start]!) && isVisibleAscii(bytes[end - 1]!)) return reader.cellText(n);
        break;
      case Shape.IsoDate:
        if (end - start === 10 && isoDayAt(bytes, start) !== NO_DAY) return reader.cellText(n);
        break;
      case Shape.Enum:
        if (!(reader.cellFlags[n]! & ESCAPED)) {
          const match = matchIndex(bytes, start, end, this.enumBytes[fieldIndex]!);
          if (match !== -1) return this.enumValues[fieldIndex]![match]!;
        }
        break;
    }
    const coerced = this.coerce(reader.cellText(n), fieldIndex);
    return 'value' in coerced ? coerced.value : undefined;
  }

  coerce(text: string, fieldIndex: number): Coercion {
    const cache = this.caches[fieldIndex]!;
    let coerced = cache.get(text);
    if (coerced === undefined) {
      coerced = coerceValue(text, this.fields[fieldIndex]!);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(text, coerced);
    }
    return coerced;
  }
}

/** True when every cell of the current record is blank, a line the loader skips. */
export function recordIsBlank(reader: CsvRecordReader): boolean {
  const bytes = reader.buffer;
  for (let n = 0; n < reader.cellCount; n++) {
    const start = reader.cellStart[n]!;
    if (start === reader.cellEnd[n]) continue;
    if (isVisibleAscii(bytes[start]!)) return false;
    if (reader.cellText(n).trim() !== '') return false;
  }
  return true;
}

function shapeOf(field: FieldSpec): Shape {
  switch (field.type) {
    case 'string':
      return Shape.Text;
    case 'date':
      return field.formats.includes(ISO_DATE_FORMAT) ? Shape.IsoDate : Shape.Other;
    case 'enum':
      return Shape.Enum;
    default:
      return Shape.Other;
  }
}

/** A printable ASCII character other than space: text starting with one is not blank. */
function isVisibleAscii(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}


/** Index of the candidate equal to the bytes, or -1. */
function matchIndex(bytes: Buffer, start: number, end: number, candidates: readonly Buffer[]): number {
  const length = end - start;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    if (candidate.length !== length) continue;
    let i = 0;
    while (i < length && bytes[start + i] === candidate[i]) i++;
    if (i === length) return c;
  }
  return -1;
}

