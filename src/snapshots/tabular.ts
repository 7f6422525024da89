/**
 * The part every format shares: a header of column names and rows of raw
 * cells go in, a typed, keyed Snapshot comes out. Readers only have to find
 * the cells and say where they are.
 */
import { UserError, type Problem, type SourceLocation } from '../errors.js';
import type { SnapshotSource } from '../config/types.js';
import { coerceValue } from './coerce.js';
import { maskForMessage } from '../privacy/mask.js';
import { matchColumn } from './columns.js';
import { closest } from './did-you-mean.js';
import type { CappedProblemList } from './problems.js';
import { SnapshotBuilder } from './columnar.js';
import type { Snapshot, Value } from './types.js';

/** A snapshot file's cells before typing. */
export interface RawTable {
  /** Path as shown in messages. */
  file: string;
  sheet?: string;
  /** Column (or property) names as written in the file. */
  columns: readonly string[];
  /** Line (Excel: row) of the header; undefined when columns are property names. */
  headerLine?: number;
  /** What a location's line is called: "line" in text files, "row" in Excel. */
  lineNoun: 'line' | 'row';
  /** Raw cells aligned with `columns`; undefined where a record lacks the column. */
  rows: readonly (readonly unknown[])[];
  /** Where a record starts, or where one of its cells is when that is known; `row` for a query's result. */
  locate(rowIndex: number, columnIndex?: number): { line?: number; column?: number; row?: number };
  /** How a column is named in messages, e.g. "C (RELEASE_DATE)" in Excel. */
  columnLabel(columnIndex: number): string;
}

/** A cell a reader could not turn into a plain value, such as an Excel #N/A. */
export class UnreadableCell {
  constructor(
    readonly reason: string,
    readonly shown: unknown,
  ) {}
}

export function toSnapshot(
  table: RawTable,
  source: SnapshotSource,
  period: string,
  absoluteFile: string,
  problems: CappedProblemList,
): Snapshot {
  const fields = source.fields;
  const keyIndex = fields.findIndex((field) => field.name === source.key);
  if (keyIndex === -1) throw new Error(`snapshots.key "${source.key}" is not one of the fields; the config should have caught this`);
  const keyField = fields[keyIndex]!;

  // Rows the reader already rejected are reported instead; "no records" would only add noise.
  if (table.rows.length === 0 && problems.size === 0) {
    problems.add({
      location: baseLocation(table),
      message: table.headerLine === undefined ? 'has no records' : `has no records (only a header ${table.lineNoun})`,
    });
  }
  // Ragged rows are reported with the problems of the other rows. Records that are not
  // records stop here: without a header, the columns come from the records that were read.
  if (table.rows.length === 0 || table.headerLine === undefined) problems.throwIfAny();
  const columnOf = resolveColumns(table, source, problems);
  if (columnOf.includes(-1)) problems.throwIfAny();

  const builder = new SnapshotBuilder({ period, file: absoluteFile, fields, keyIndex });
  const firstRowOfKey = new Map<string, number>();
  const keyColumn = columnOf[keyIndex]!;
  for (let rowIndex = 0; rowIndex < table.rows.length; rowIndex++) {
    const cells = table.rows[rowIndex]!;
    const values = new Array<Value>(fields.length);
    let keyReadable = true;
    for (let fieldIndex = 0; fieldIndex < fields.length; fieldIndex++) {
      const columnIndex = columnOf[fieldIndex]!;
      const raw = cells[columnIndex];
      if (raw instanceof UnreadableCell) {
        problems.add({ location: cellLocation(table, rowIndex, columnIndex), message: raw.reason, value: fields[fieldIndex]!.pii ? maskForMessage(raw.shown) : raw.shown });
        if (fieldIndex === keyIndex) keyReadable = false;
        continue;
      }
      const coerced = coerceValue(raw, fields[fieldIndex]!);
      if ('value' in coerced) {
        values[fieldIndex] = coerced.value;
        continue;
      }
      const found: Problem = { location: cellLocation(table, rowIndex, columnIndex), ...coerced.problem };
      if (raw !== undefined && raw !== null && raw !== '') {
        // Personal data never reaches a message in full (Fed. R. Civ. P. 5.2): the line and column say where it is.
        if (fields[fieldIndex]!.pii) found.message += ' (personal data, shown masked)';
        found.value = fields[fieldIndex]!.pii ? maskForMessage(raw) : raw;
      }
      else if (fieldIndex === keyIndex) found.hint = 'every record needs a value in the key field (snapshots.key)';
      problems.add(found);
      if (fieldIndex === keyIndex) keyReadable = false;
    }
    if (!keyReadable) continue;

    const key = values[keyIndex];
    if (key === null || key === undefined) {
      problems.add({
        location: cellLocation(table, rowIndex, keyColumn),
        message: `the key ${keyField.label} is empty`,
        hint: 'every record needs a value in the key field (snapshots.key)',
      });
      continue;
    }
    const keyText = String(key);
    const firstRow = firstRowOfKey.get(keyText);
    if (firstRow !== undefined) {
      const first = table.locate(firstRow);
      const firstLine = first.row ?? first.line;
      problems.add({
        location: cellLocation(table, rowIndex, keyColumn),
        message: `duplicate ${keyField.label} "${keyField.pii ? maskForMessage(keyText) : keyText}"${firstLine === undefined ? '' : `, also on ${table.lineNoun} ${firstLine}`}`,
        hint: `the key field (snapshots.key) must identify one record`,
      });
      continue;
    }
    firstRowOfKey.set(keyText, rowIndex);
    if (problems.size > 0) continue;
    for (let fieldIndex = 0; fieldIndex < fields.length; fieldIndex++) builder.set(fieldIndex, values[fieldIndex] ?? null);
    builder.commit(keyText);
  }
  problems.throwIfAny();
  return builder.finish();
}

/** Finds each field's column (see matchColumn); -1 where it is missing or ambiguous, each reported. */
function resolveColumns(table: RawTable, source: SnapshotSource, problems: CappedProblemList): number[] {
  return source.fields.map((field) => {
    const match = matchColumn(table.columns, field.column);
    if ('index' in match) return match.index;
    if ('missing' in match) {
      problems.add(missingColumn(table, field.name, field.column));
      return -1;
    }
    if ('repeated' in match) {
      problems.add({
        location: baseLocation(table, table.headerLine),
        message: `column "${field.column}" appears ${match.repeated.length} times in the header`,
        hint: 'rename or remove the extra columns so that each name is used once',
      });
      // The first is read, as before; the repeat is reported all the same.
      return match.repeated[0]!;
    }
    const named = match.ambiguous.map((index) => `${JSON.stringify(table.columns[index])} (column ${index + 1})`);
    problems.add({
      location: baseLocation(table, table.headerLine),
      message: `field ${field.name} (column "${field.column}") could be read from ${named.join(' or ')}: they differ only in spaces or case`,
      hint: 'rename or remove one, so that one column holds the field',
    });
    return -1;
  });
}

function missingColumn(table: RawTable, fieldName: string, column: string): Problem {
  const near = closest(column, table.columns);
  const setting = `snapshots.fields.${fieldName}.column`;
  const byProperty = table.headerLine === undefined;
  const message = byProperty
    ? `no record has the property "${column}" (field ${fieldName}); properties found: ${table.columns.join(', ')}`
    : `no column "${column}" (field ${fieldName}) in the header: ${table.columns.join(', ')}`;
  return {
    location: baseLocation(table, table.headerLine),
    message,
    hint:
      near === undefined
        ? `${byProperty ? 'add the property to the records (null where empty)' : 'add the column'}, or set ${setting} to the name the file uses`
        : `did you mean "${near}"? If so, rename it in the file or set ${setting}: ${near}`,
  };
}

function baseLocation(table: RawTable, line?: number): SourceLocation {
  const location: SourceLocation = { file: table.file };
  if (table.sheet !== undefined) location.sheet = table.sheet;
  if (line !== undefined) location.line = line;
  return location;
}

function cellLocation(table: RawTable, rowIndex: number, columnIndex: number): SourceLocation {
  const { line, column, row } = table.locate(rowIndex, columnIndex);
  const location = baseLocation(table, line);
  if (column !== undefined) location.column = column;
  if (row !== undefined) location.row = row;
  location.columnName = table.columnLabel(columnIndex);
  return location;
}

export function emptyFileError(file: string, sheet?: string): UserError {
  return new UserError({ location: sheet === undefined ? { file } : { file, sheet }, message: 'is empty' });
}
