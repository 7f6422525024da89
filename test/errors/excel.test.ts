/**
 * Excel snapshots that used to change a figure or eat memory (issue 9 §4):
 * merged cells, date cells judged as text, a zip bomb. Workbooks are written
 * at test time (exceljs), into a copy of the corpus's valid/ fixture.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { build, failure, fixtures, slow, tempDir } from './harness.js';

const header = ['CASE_ID', 'RELEASE_DATE', 'STATUS', 'HEARINGS', 'OFFICE'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const april = [
  ['C-001', day('2024-01-15'), 'DETAINED', 2, 'Miami'],
  ['C-002', day('2024-02-03'), 'DETAINED', 0, 'Orlando'],
  ['C-003', day('2024-02-20'), 'DETAINED', 1, 'Miami'],
];

/** valid/ reading .xlsx snapshots (formats as given), with `may` as May's sheet and `shape` applied to it. */
async function excelCase(may: unknown[][], options: { formats?: string; shape?: (sheet: ExcelJS.Worksheet) => void } = {}): Promise<string> {
  const dir = await tempDir('excel');
  await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
  let config = (await readFile(path.join(dir, 'report.yaml'), 'utf8')).replace('snapshots/{period}.csv', 'snapshots/{period}.xlsx');
  if (options.formats) config = config.replace('required: true }', `required: true, formats: [${options.formats}] }`);
  await writeFile(path.join(dir, 'report.yaml'), config);
  for (const period of ['2024-04', '2024-05']) await rm(path.join(dir, `snapshots/${period}.csv`));
  for (const [period, rows] of [['2024-04', april], ['2024-05', may]] as const) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cases');
    sheet.addRow(header);
    rows.forEach((row) => sheet.addRow(row));
    if (period === '2024-05') options.shape?.(sheet);
    await writeFile(path.join(dir, 'snapshots', `${period}.xlsx`), Buffer.from(await workbook.xlsx.writeBuffer()));
  }
  return dir;
}

describe.concurrent('an Excel snapshot', slow, () => {
  it('merged cells in data rows are an error naming the range', async () => {
    const may = [
      ['C-001', day('2024-01-15'), 'RELEASED', 2, 'Miami'],
      ['C-002', day('2024-02-03'), 'RELEASED', 0, 'Orlando'],
      ['C-003', day('2024-02-20'), null, 1, 'Miami'],
    ];
    // STATUS of C-002 merged down over C-003's empty cell: one release would count twice.
    const dir = await excelCase(may, { shape: (sheet) => sheet.mergeCells('C3:C4') });
    expect(await build('', { dir })).toEqual(
      failure(
        'snapshots/2024-05.xlsx [sheet Cases]:3: cells C3:C4 are merged: the value of their first cell would count again on each row they span',
        '    hint: unmerge them in Excel (Home › Merge & Center › Unmerge Cells) and fill in each row as it should read',
      ),
    );
  });

  it('date cells are dates whatever the declared text formats', async () => {
    const may = [
      ['C-001', day('2024-01-15'), 'RELEASED', 2, 'Miami'],
      ['C-002', day('2025-01-19'), 'RELEASED', 0, 'Orlando'],
      ['C-003', '2/20/2024', 'DETAINED', 1, 'Miami'],
    ];
    const dir = await excelCase(may, { formats: 'M/d/yyyy' });
    const result = await build('', { dir });
    expect(result.problems).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('a date typed as text is checked against the formats, with an example written in the first one', async () => {
    const may = [
      ['C-001', day('2024-01-15'), 'RELEASED', 2, 'Miami'],
      ['C-002', '2024-02-03', 'RELEASED', 0, 'Orlando'],
      ['C-003', day('2024-02-20'), 'DETAINED', 1, 'Miami'],
    ];
    const dir = await excelCase(may, { formats: 'M/d/yyyy' });
    expect(await build('', { dir })).toEqual(
      failure('snapshots/2024-05.xlsx [sheet Cases]:3 (column B (RELEASE_DATE)): not a date: got "2024-02-03", expected a date like 5/31/2024 (formats: M/d/yyyy)'),
    );
  });

  it('a zip bomb is refused as too large before it is inflated in memory', async () => {
    const dir = await excelCase(april);
    // 300 MB of zeros in 300 KB, declaring 1 KB: the bound holds whatever the zip claims.
    await writeFile(path.join(dir, 'snapshots/2024-05.xlsx'), zipOf('xl/worksheets/sheet1.xml', zeros(300), 1024));
    expect(await build('', { dir })).toEqual(
      failure(
        'snapshots/2024-05.xlsx: the workbook is too large to read: it inflates to more than 256 MB',
        '    hint: check it is the right file; a real snapshot this large is better exported as CSV',
      ),
    );
  });
});

/** A raw deflate stream of `megabytes` MB of zeros, built from one flushed 1 MB block repeated. */
function zeros(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
}

/** A one-entry zip holding `deflated` under `name`, declaring `declaredSize` bytes uncompressed. */
function zipOf(name: string, deflated: Buffer, declaredSize: number): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]);
}
