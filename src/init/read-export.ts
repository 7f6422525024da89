/**
 * Reads an export's header and raw cells with the snapshot loaders, so init
 * infers from exactly what a build will read. The one place init touches the
 * snapshot readers.
 */
import { isoDateUtc } from '../snapshots/dates.js';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { readCsv } from '../snapshots/csv.js';
import { CappedProblemList } from '../snapshots/problems.js';
import { UnreadableCell, type RawTable } from '../snapshots/tabular.js';
import { findRecordsRoot } from './find-root.js';
import { sniffCsv, type CsvDialect } from './sniff-csv.js';

/** An export's columns and, per column, its cells as text (undefined where empty or missing). */
export interface ExportTable {
  columns: string[];
  /** cells[row][column]: trimmed text, or undefined for an empty cell. */
  rows: (string | undefined)[][];
  /** The file's extension, lower case, without the dot: csv, json, yaml, xlsx. */
  format: 'csv' | 'json' | 'yaml' | 'xlsx';
  /** A CSV's encoding and delimiter where they are not UTF-8 and commas, for snapshots.encoding and snapshots.delimiter. */
  dialect: CsvDialect;
  /** JSON/YAML: the property path to the records when the export wraps them (snapshots.root); empty otherwise. */
  root: string[];
}

/** `root`: where the records are in a JSON or YAML export (--root); found when not given. */
export async function readExport(file: string, shown: string, given: { root?: string } = {}): Promise<ExportTable> {
  const extension = extname(file).toLowerCase();
  const format = extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : extension === '.yaml' || extension === '.yml' ? 'yaml' : extension === '.xlsx' ? 'xlsx' : undefined;
  if (!format) {
    throw new UserError({ location: { file: shown }, message: 'init reads .csv, .json, .yaml, .yml or .xlsx exports', value: extension || file });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UserError({ location: { file: shown }, message: `cannot read the export (${(error as NodeJS.ErrnoException).code ?? String(error)})` }, { cause: error });
  }
  const problems = new CappedProblemList();
  let table: RawTable;
  const dialect = format === 'csv' ? sniffCsv(bytes) : {};
  const root = format === 'json' || format === 'yaml' ? findRecordsRoot(bytes, shown, format, given.root) : [];
  if (format === 'csv') table = readCsv(bytes, shown, problems, dialect);
  else if (format === 'xlsx') table = await import('../snapshots/xlsx.js').then(({ readXlsx }) => readXlsx(bytes, shown, undefined));
  else table = await import('../snapshots/json-yaml.js').then((m) => (format === 'json' ? m.readJson : m.readYaml)(bytes, shown, problems, { root }));
  // A ragged row or an unreadable cell would fail the first build too: say so now.
  problems.throwIfAny();
  const rows = table.rows.map((cells) =>
    table.columns.map((_, index) => {
      const cell = cells[index];
      if (cell instanceof UnreadableCell) {
        const { line } = table.locate(table.rows.indexOf(cells), index);
        throw new UserError({ location: { file: shown, line, columnName: table.columnLabel(index) }, message: cell.reason, value: cell.shown });
      }
      if (cell === undefined || cell === null) return undefined;
      // Excel date cells come as dates; inference reads them as the ISO dates they are.
      if (cell instanceof Date) return isoDateUtc(cell);
      const text = String(cell).trim();
      return text === '' ? undefined : text;
    }),
  );
  if (rows.length === 0) throw new UserError({ location: { file: shown }, message: 'has no records to infer the fields from' });
  return { columns: [...table.columns], rows, format, dialect, root };
}
