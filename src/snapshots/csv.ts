/** Reads a CSV snapshot: a header line, then one record per line (or more, when quoted). */
import { UserError } from '../errors.js';
import { headerProblem } from './csv-header-checks.js';
import { CsvSyntaxError, parseCsvRecords, type CsvRecord } from './csv-records.js';
import type { CappedProblemList } from './problems.js';
import { emptyFileError, type RawTable } from './tabular.js';
import type { CsvDelimiter, SnapshotEncoding } from '../config/schema.js';
import { decodeSnapshotText, isBlankText } from './text.js';

export interface CsvOptions {
  encoding?: SnapshotEncoding | undefined;
  delimiter?: CsvDelimiter | undefined;
}

const delimiterNames: Record<CsvDelimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

export function readCsv(bytes: Buffer, file: string, problems: CappedProblemList, options: CsvOptions = {}): RawTable {
  const text = decodeSnapshotText(bytes, file, options.encoding);
  if (isBlankText(text)) throw emptyFileError(file);
  const delimiter = options.delimiter ?? ',';
  const configured = options.delimiter !== undefined;

  let records: CsvRecord[];
  try {
    records = parseCsvRecords(text, { delimiter });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new UserError(
      {
        location: { file, line: error.line },
        message: `is not valid CSV: ${error.message}`,
        hint: `a value with ${delimiterNames[delimiter]}, quotes or line breaks must be in double quotes, with quotes inside it doubled ("")`,
      },
      { cause: error },
    );
  }

  // One message for a header that is not the header, rather than one per data line.
  const nonBlank = records.filter((record) => !record.cells.every(isBlankText));
  const misread = headerProblem(file, nonBlank.slice(0, 21));
  if (misread) throw new UserError(misread);

  let columns: string[] | undefined;
  let headerLine = 1;
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (const { cells, line: recordLine } of records) {
    if (cells.every(isBlankText)) continue;
    if (columns === undefined) {
      columns = cells;
      headerLine = recordLine;
      continue;
    }
    if (cells.length !== columns.length) {
      problems.add({
        location: { file, line: recordLine },
        message: `has ${cells.length} values but the header has ${columns.length} columns`,
        hint: delimiter === ',' ? 'a value with a comma must be in double quotes ("Smith, John")' : `a value with ${delimiterNames[delimiter]} in it must be in double quotes`,
      });
      continue;
    }
    rows.push(cells);
    rowLines.push(recordLine);
  }
  if (columns === undefined) throw emptyFileError(file);
  const header = columns;
  // Excel in many locales saves "CSV" with semicolons; every field would be reported missing.
  const candidates: CsvDelimiter[] = configured ? [',', ';', '\t', '|'] : [';', '\t'];
  const separator =
    header.length === 1 ? candidates.find((candidate) => candidate !== delimiter && header[0]!.includes(candidate)) : undefined;
  if (separator !== undefined) {
    throw new UserError({
      location: { file, line: headerLine },
      message: `is separated by ${delimiterNames[separator]}, not ${delimiterNames[delimiter]}: the header reads as one column`,
      value: header[0],
      hint: configured
        ? `set snapshots.delimiter: ${JSON.stringify(separator)} in the config, or re-save the file separated by ${delimiterNames[delimiter]}`
        : `save it as comma-separated CSV (in Excel: Save As › "CSV UTF-8 (Comma delimited)"), or set snapshots.delimiter: ${JSON.stringify(separator)} in the config`,
    });
  }

  return {
    file,
    columns: header,
    headerLine,
    lineNoun: 'line',
    rows,
    locate: (rowIndex) => ({ line: rowLines[rowIndex]! }),
    columnLabel: (columnIndex) => header[columnIndex]!,
  };
}
