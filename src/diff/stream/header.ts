/** The header of a large CSV snapshot: which column holds each field. */
import type { SnapshotSource } from '../../config/types.js';
import { matchColumn } from '../../snapshots/columns.js';
import type { CsvRecordReader } from './csv-reader.js';

export interface CsvHeader {
  columns: string[];
  line: number;
  /** Column of each field, in `source.fields` order. */
  columnOf: number[];
}

/**
 * Reads the header record and finds each field's column the way the snapshot
 * loader does (matchColumn).
 * Null when the loader would reject it (no header, a missing or repeated
 * column): the loader then says why.
 */
export function readHeader(reader: CsvRecordReader, source: SnapshotSource): CsvHeader | null {
  if (!reader.next()) return null;
  const columns = reader.cellTexts();
  const columnOf: number[] = [];
  for (const field of source.fields) {
    const match = matchColumn(columns, field.column);
    if (!('index' in match)) return null;
    columnOf.push(match.index);
  }
  return { columns, line: reader.line, columnOf };
}

/** Same columns in the same places: equal record bytes then mean equal values. */
export function sameLayout(a: CsvHeader, b: CsvHeader): boolean {
  return a.columns.length === b.columns.length && a.columnOf.every((column, i) => column === b.columnOf[i]);
}

export function keyIndexOf(source: SnapshotSource): number {
  const index = source.fields.findIndex((field) => field.name === source.key);
  if (index === -1) throw new Error(`snapshots.key "${source.key}" is not one of the fields; the config should have caught this`);
  return index;
}
