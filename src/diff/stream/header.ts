/** The header of a large CSV snapshot: which column holds each field. */
import type { SnapshotSource } from '../../config/types.js';
import type { CsvRecordReader } from './csv-reader.js';

export interface CsvHeader {
  columns: string[];
  line: number;
  /** Column of each field, in `source.fields` order. */
  columnOf: number[];
}

/**
 * Reads the header record and finds each field's column the way the snapshot
 * loader does (exact name first, then ignoring case and surrounding spaces).
 * Null when the loader would reject it (no header, a missing or repeated
 * column): the loader then says why.
 */
export function readHeader(reader: CsvRecordReader, source: SnapshotSource): CsvHeader | null {
  if (!reader.next()) return null;
  const columns = reader.cellTexts();
  const exact = new Map<string, number[]>();
  const loose = new Map<string, number>();
  columns.forEach((name, index) => {
    const positions = exact.get(name);
    if (positions) positions.push(index);
    else exact.set(name, [index]);
    const looseName = name.trim().toLowerCase();
    if (!loose.has(looseName)) loose.set(looseName, index);
  });
  const columnOf: number[] = [];
  for (const field of source.fields) {
    const positions = exact.get(field.column);
    if (positions && positions.length > 1) return null;
    const index = positions?.[0] ?? loose.get(field.column.trim().toLowerCase());
    if (index === undefined) return null;
    columnOf.push(index);
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
