import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../../src/config/types.js';
import { loadSnapshot } from '../../src/snapshots/index.js';
import { caseFields, loadError, tempDir } from './helpers.js';

const HEADER = ['A_NUMBER', 'NAME', 'RELEASE_DATE', 'STATUS', 'BOND'];

/** Writes a workbook with one sheet per entry and returns a source reading it. */
async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>, sheet?: string) {
  const dir = await tempDir();
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const worksheet = book.addWorksheet(name);
    rows.forEach((row, index) => {
      if (row.length > 0) worksheet.getRow(index + 1).values = row;
    });
  }
  await book.xlsx.writeFile(join(dir, 'cases-2024-05.xlsx'));
  const source: SnapshotSource = {
    pathPatterns: [join(dir, 'cases-{period}.xlsx')],
    sheet,
    key: 'aNumber',
    fields: caseFields,
  };
  return { dir, source };
}

const may2 = new Date(Date.UTC(2024, 4, 2));

describe('Excel snapshots', () => {
  it('reads the first sheet: dates as ISO text, numbers as numbers, rich text and formula results as values', async () => {
    const { source } = await workbook({
      Cases: [
        HEADER,
        ['A100', 'Maria Lopez', may2, 'Released', 1500],
        [],
        ['A101', { richText: [{ text: 'Ivan ' }, { text: 'Petrov', font: { bold: true } }] }, null, 'Detained', { formula: 'E2*2', result: 3000 }],
        [null, '', null, '  ', null],
      ],
      Other: [['x']],
    });
    const loaded = await loadSnapshot(source, '2024-05');
    expect([...loaded.records]).toEqual([
      ['A100', ['A100', 'Maria Lopez', '2024-05-02', 'Released', 1500]],
      ['A101', ['A101', 'Ivan Petrov', null, 'Detained', 3000]],
    ]);
  });

  it('takes dates as typed text too', async () => {
    const { source } = await workbook({ Cases: [HEADER, ['A100', 'Maria', '5/2/2024', 'Released', '1500']] });
    expect((await loadSnapshot(source, '2024-05')).records.get('A100')).toEqual(['A100', 'Maria', '2024-05-02', 'Released', 1500]);
  });

  it('reads the sheet named in the source', async () => {
    const { source } = await workbook({ Notes: [['nothing']], Cases: [HEADER, ['A100', 'Maria', may2, 'Released', 1]] }, 'Cases');
    expect([...(await loadSnapshot(source, '2024-05')).records.keys()]).toEqual(['A100']);
  });

  it('names the sheet, row, column letter and header of a bad value', async () => {
    const { dir, source } = await workbook({
      Cases: [HEADER, ['A100', 'Maria', may2, 'Released', 1], [], ['A101', 'Ivan', '2024-02-30', 'Released', 1]],
    });
    const error = await loadError(source, dir);
    expect(error.message).toBe(
      'cases-2024-05.xlsx [sheet Cases]:4 (column C (RELEASE_DATE)): not a calendar date: got "2024-02-30", ' +
        'expected a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
    );
    expect(error.problems[0]?.location).toEqual({ file: 'cases-2024-05.xlsx', sheet: 'Cases', line: 4, columnName: 'C (RELEASE_DATE)' });
  });

  it('names both rows of a duplicate key', async () => {
    const { dir, source } = await workbook({ Cases: [HEADER, ['A100', 'Maria', may2, 'Released', 1], ['A100', 'Ivan', may2, 'Released', 1]] });
    expect((await loadError(source, dir)).message).toContain(
      'cases-2024-05.xlsx [sheet Cases]:3 (column A (A_NUMBER)): duplicate A-number "A100", also on row 2',
    );
  });

  it('reports an Excel error in a cell', async () => {
    const { dir, source } = await workbook({ Cases: [HEADER, ['A100', 'Maria', may2, 'Released', { formula: '1/0', result: { error: '#DIV/0!' } }]] });
    expect((await loadError(source, dir)).message).toBe(
      'cases-2024-05.xlsx [sheet Cases]:2 (column E (BOND)): the cell shows the Excel error #DIV/0!: got "#DIV/0!"',
    );
  });

  it('reports a missing column with the header row', async () => {
    const { dir, source } = await workbook({ Cases: [['A_NUMBER', 'NAME', 'STATUS', 'BOND'], ['A100', 'Maria', 'Released', 1]] });
    expect((await loadError(source, dir)).message).toBe(
      'cases-2024-05.xlsx [sheet Cases]:1: no column "RELEASE_DATE" (field releaseDate) in the header: A_NUMBER, NAME, STATUS, BOND\n' +
        '    hint: add the column, or set snapshots.fields.releaseDate.column to the name the file uses',
    );
  });

  it('lists the sheets when the named one is missing', async () => {
    const { dir, source } = await workbook({ Cases: [HEADER], Notes: [['x']] }, 'cases');
    expect((await loadError(source, dir)).message).toBe(
      'cases-2024-05.xlsx: has no sheet "cases"; its sheets are: "Cases", "Notes"\n' +
        '    hint: did you mean "Cases"? Set snapshots.sheet in the config to the sheet\'s name',
    );
  });

  it('reports a sheet with only a header, and an empty sheet', async () => {
    const headerOnly = await workbook({ Cases: [HEADER] });
    expect((await loadError(headerOnly.source, headerOnly.dir)).message).toBe(
      'cases-2024-05.xlsx [sheet Cases]: has no records (only a header row)',
    );
    const empty = await workbook({ Cases: [] });
    expect((await loadError(empty.source, empty.dir)).message).toBe('cases-2024-05.xlsx [sheet Cases]: is empty');
  });

  it('reports a file that is not a workbook', async () => {
    const { dir, source } = await workbook({ Cases: [HEADER] });
    await writeFile(join(dir, 'cases-2024-05.xlsx'), 'A_NUMBER,NAME\n');
    expect((await loadError(source, dir)).message).toBe(
      'cases-2024-05.xlsx: is not a readable Excel workbook\n' +
        '    hint: save it from Excel as "Excel Workbook (.xlsx)"; the older .xls format is not read',
    );
  });
});
