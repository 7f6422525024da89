/** Reads a CSV snapshot: a header line, then one record per line (or more, when quoted). */
import { UserError } from '../errors.js';
import { headerProblem } from './csv-header-checks.js';
import { CsvSyntaxError, parseCsvRecords, type CsvRecord } from './csv-records.js';
import type { CappedProblemList } from './problems.js';
import { emptyFileError, type RawTable } from './tabular.js';
import { decodeUtf8, isBlankText } from './text.js';

export function readCsv(bytes: Buffer, file: string, problems: CappedProblemList): RawTable {
  const text = decodeUtf8(bytes, file);
  if (isBlankText(text)) throw emptyFileError(file);

  let records: CsvRecord[];
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new UserError(
      {
        location: { file, line: error.line },
        message: `is not valid CSV: ${error.message}`,
        hint: 'a value with commas, quotes or line breaks must be in double quotes, with quotes inside it doubled ("")',
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
        hint: 'a value with a comma must be in double quotes ("Smith, John")',
      });
      continue;
    }
    rows.push(cells);
    rowLines.push(recordLine);
  }
  if (columns === undefined) throw emptyFileError(file);
  const header = columns;
  const separator = header.length === 1 ? [';', '\t'].find((candidate) => header[0]!.includes(candidate)) : undefined;
  if (separator !== undefined) {
    // Excel in many locales saves "CSV" with semicolons; every field would be reported missing.
    throw new UserError({
      location: { file, line: headerLine },
      message: `is separated by ${separator === ';' ? 'semicolons' : 'tabs'}, not commas: the header reads as one column`,
      value: header[0],
      hint: 'save it as comma-separated CSV (in Excel: Save As › "CSV UTF-8 (Comma delimited)")',
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
