/** Reads a CSV snapshot: a header line, then one record per line (or more, when quoted). */
import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import type { CappedProblemList } from './problems.js';
import { emptyFileError, type RawTable } from './tabular.js';
import { decodeUtf8, isBlankText } from './text.js';

export function readCsv(bytes: Buffer, file: string, problems: CappedProblemList): RawTable {
  if (isBlankText(decodeUtf8(bytes, file))) throw emptyFileError(file);

  let records: string[][];
  try {
    records = parse(bytes, {
      bom: true,
      // Ragged rows are reported with the other problems rather than stopping the parse.
      relax_column_count: true,
      // A stray quote inside an unquoted value (5'10") is taken as text.
      relax_quotes: true,
      // Files edited on different systems can mix line endings.
      record_delimiter: ['\r\n', '\n', '\r'],
      // Blank lines come through as records (skipped below) so that every line is
      // accounted for: csv-parse's own line counts are off after a quoted CRLF,
      // and its per-record info makes parsing several times slower.
      skip_empty_lines: false,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new UserError(
      {
        location: typeof error.lines === 'number' ? { file, line: error.lines } : { file },
        message: `is not valid CSV: ${error.message.replace(/ at line \d+.*$/, '')}`,
        hint: 'a value with commas, quotes or line breaks must be in double quotes, with quotes inside it doubled ("")',
      },
      { cause: error },
    );
  }

  let line = 1;
  let columns: string[] | undefined;
  let headerLine = 1;
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (const cells of records) {
    const recordLine = line;
    line += 1 + lineBreaksIn(cells);
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

/** Line breaks inside quoted values of a record; CRLF, LF and a lone CR count once each. */
function lineBreaksIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    for (let index = 0; index < cell.length; index++) {
      const char = cell.charCodeAt(index);
      if (char === 0x0a) count++;
      else if (char === 0x0d) {
        count++;
        if (cell.charCodeAt(index + 1) === 0x0a) index++;
      }
    }
  }
  return count;
}
