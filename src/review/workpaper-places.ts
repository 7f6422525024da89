/**
 * The workpapers as the personal-data check reads them (each distinct cell's
 * text once, sheetText) and, once it has refused them, which cell a line of
 * that text is: "in cell released!D14 (Name after)", as Excel's Go To takes
 * it, rather than the line of a text no one sees.
 */
import type { OutputText } from '../privacy/scan.js';
import { columnName } from './xlsx/workbook.js';
import { sheetText, type Sheet } from './workpapers.js';

export function workpapersOutput(name: string, sheets: readonly Sheet[]): OutputText {
  return { name, text: sheetText(sheets), placeOf: (line, excerpt) => cellAt(name, sheets, line, excerpt) };
}

/** The first cell whose text is on `line` of sheetText: the same walk, each distinct text once, in the same order. */
function cellAt(name: string, sheets: readonly Sheet[], line: number, excerpt: (text: string) => string) {
  const seen = new Set<string>();
  let firstLine = 1;
  for (const sheet of sheets) {
    for (let row = 0; row < sheet.rows.length; row++) {
      const cells = sheet.rows[row]!;
      for (let column = 0; column < cells.length; column++) {
        const text = String(cells[column]);
        if (seen.has(text)) continue;
        seen.add(text);
        // A cell's text may hold line breaks: it takes as many lines of sheetText.
        const lastLine = firstLine + text.split('\n').length - 1;
        if (line <= lastLine) {
          const reference = `${sheetReference(sheet.name)}!${columnName(column)}${row + 1}`;
          const heading = headingOf(sheet, row, column);
          return {
            location: { file: name, sheet: sheet.name, line: row + 1, columnName: columnName(column) },
            place: `in cell ${reference}${heading ? ` (${excerpt(heading)})` : ''}`,
          };
        }
        firstLine = lastLine + 1;
      }
    }
  }
  return undefined;
}

/** A sheet's column names are its first row of more than one cell (below the personal-data line and the title). */
function headingOf(sheet: Sheet, row: number, column: number): string | undefined {
  const headings = sheet.rows.findIndex((cells) => cells.length > 1);
  if (headings === -1 || headings >= row) return undefined;
  const heading = sheet.rows[headings]![column];
  return heading === undefined || heading === '' ? undefined : String(heading);
}

/** A sheet name as a cell reference writes it: quoted when it is more than letters, digits and _ (quotes doubled). */
function sheetReference(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
