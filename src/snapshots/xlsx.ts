/** Reads an Excel (.xlsx) snapshot: the first non-empty row of the sheet is the header. */
import ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { closest } from './did-you-mean.js';
import { checkWorkbookSize } from './xlsx-bounds.js';
import { emptyFileError, UnreadableCell, type RawTable } from './tabular.js';

export async function readXlsx(bytes: Buffer, file: string, sheetName: string | undefined): Promise<RawTable> {
  checkWorkbookSize(bytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type, an ArrayBuffer; a Node Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UserError(
      {
        location: { file },
        message: 'is not a readable Excel workbook',
        hint: 'save it from Excel as "Excel Workbook (.xlsx)"; the older .xls format is not read',
      },
      { cause: error },
    );
  }
  const sheet = pickSheet(workbook, file, sheetName);

  let columns: string[] | undefined;
  let headerLine = 0;
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (columns === undefined) {
      const names: string[] = [];
      row.eachCell((cell, columnNumber) => {
        const name = cellValue(cell.value);
        names[columnNumber - 1] = name === undefined || name instanceof UnreadableCell ? '' : String(name);
      });
      columns = Array.from(names, (name) => name ?? '');
      headerLine = rowNumber;
      return;
    }
    const cells = columns.map((_, index) => cellValue(row.getCell(index + 1).value));
    if (cells.every(isBlank)) return;
    rows.push(cells);
    rowNumbers.push(rowNumber);
  });
  if (columns === undefined) throw emptyFileError(file, sheet.name);
  const header: string[] = columns;
  refuseMergedData(sheet, file, headerLine);

  return {
    file,
    sheet: sheet.name,
    columns: header,
    headerLine,
    lineNoun: 'row',
    rows,
    locate: (rowIndex) => ({ line: rowNumbers[rowIndex]! }),
    columnLabel: (index) => {
      const name = header[index]!;
      return name.trim() === '' ? columnLetter(index + 1) : `${columnLetter(index + 1)} (${name})`;
    },
  };
}

/**
 * exceljs gives every cell of a merged range the top-left cell's value, so a
 * range spanning data rows would count one release on each of them, though
 * the file holds it once. Merges in the title rows above the header are fine.
 */
function refuseMergedData(sheet: ExcelJS.Worksheet, file: string, headerRow: number): void {
  const merges = ((sheet as unknown as { model?: { merges?: string[] } }).model?.merges ?? []).filter((range) => lastRow(range) > headerRow);
  if (merges.length === 0) return;
  throw new UserError(
    merges.map((range) => ({
      location: { file, sheet: sheet.name, line: firstRow(range) },
      message: `cells ${range} are merged: the value of their first cell would count again on each row they span`,
      hint: 'unmerge them in Excel (Home › Merge & Center › Unmerge Cells) and fill in each row as it should read',
    })),
  );
}

const firstRow = (range: string): number => Number(/\d+/.exec(range)?.[0] ?? 0);
const lastRow = (range: string): number => Number(/(\d+)$/.exec(range)?.[1] ?? 0);

function pickSheet(workbook: ExcelJS.Workbook, file: string, sheetName: string | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  const chosen = sheetName === undefined ? sheets[0] : sheets.find((sheet) => sheet.name === sheetName);
  if (chosen) return chosen;
  if (sheetName === undefined) throw new UserError({ location: { file }, message: 'has no sheets' });
  const names = sheets.map((sheet) => sheet.name);
  const near = closest(sheetName, names);
  throw new UserError({
    location: { file },
    message: `has no sheet "${sheetName}"; its sheets are: ${names.map((name) => `"${name}"`).join(', ')}`,
    hint: `${near === undefined ? 'set' : `did you mean "${near}"? Set`} snapshots.sheet in the config to the sheet's name`,
  });
}

/** An Excel cell as a raw value: text, number, boolean, an ISO date, or nothing. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  // A date cell stays a date: formats are for dates typed as text.
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return value;
  if ('error' in value) return new UnreadableCell(`the cell shows the Excel error ${value.error}`, value.error);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      return new UnreadableCell('the formula has no saved result', `=${value.formula ?? ''}`);
    }
    return cellValue(value.result);
  }
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  return new UnreadableCell('the cell holds a value that is not text, a number or a date', value);
}

function isBlank(cell: unknown): boolean {
  return cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** 1 → A, 27 → AA. */
function columnLetter(columnNumber: number): string {
  let letters = '';
  for (let rest = columnNumber; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
