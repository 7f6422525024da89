import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { compareMetrics, countMetrics } from '../../src/metrics/metrics.js';
import { reviewPeriod } from '../../src/review/index.js';
import { PERSONAL_DATA_HEADING, workpaperSheets, workpapersName, writeWorkpapers, writeWorkpapersPausing } from '../../src/review/workpapers.js';
import { field, snapshot } from '../helpers.js';
import { april, may } from './fixture.js';

const fields = [field('id', 'string', { label: 'A-Number', pii: true }), field('checkedInOn', 'date', { label: 'Check-in date' })];
const prior = snapshot('2024-04', fields, [{ id: 'A000111', checkedInOn: '2024-04-02' }, { id: 'A000222', checkedInOn: null }]);
const current = snapshot('2024-05', fields, [{ id: 'A000111', checkedInOn: null }, { id: 'A000222', checkedInOn: '2024-05-20' }]);
const metricSpecs = [{ id: 'checkedIn', label: 'Checked in', where: { field: 'checkedInOn', present: true } }];
const config = { metrics: metricSpecs, review: { checks: [], expectations: [{ field: 'checkedInOn', expect: 'setOnce' }] }, output: { maskVisible: 4 } } as unknown as ResolvedConfig;
const metrics = compareMetrics(metricSpecs, { period: '2024-05', counts: countMetrics(current, metricSpecs, may) }, { period: '2024-04', counts: countMetrics(prior, metricSpecs, april) });
const { review, trail } = reviewPeriod({ config, period: may, priorPeriod: april, current, prior, metrics });
const sheets = (revealPii: boolean) => workpaperSheets({ config, review, trail, prior, current, asOf: '2024-06-14', revealPii });

describe('workpapers', () => {
  it('lists the records behind each bridge term, with the fields the filter reads before and after', () => {
    const sheet = sheets(false).find((s) => s.name === 'checkedIn')!;
    expect(sheet.rows.slice(2)).toEqual([
      ['Term', 'A-Number', 'Check-in date before', 'Check-in date after'],
      ['entered', '****0222', '', '2024-05-20'],
      ['left', '****0111', '2024-04-02', ''],
    ]);
  });

  it('lists each anomaly\'s records, and the check results', () => {
    const all = sheets(false);
    expect(all.find((s) => s.name === 'Anomalies')!.rows.slice(2)).toEqual([['checkedInOn.cleared', 'error', '****0111', 'Check-in date', '2024-04-02', '']]);
    expect(all.map((s) => s.name)).toEqual(['checkedIn', 'Anomalies', 'Checks']);
  });

  it('masks keys unless personal data is revealed, and then heads every sheet and names the file so', () => {
    expect(JSON.stringify(sheets(false))).not.toContain('A000111');
    const revealed = sheets(true);
    for (const sheet of revealed) expect(sheet.rows[0]).toEqual([PERSONAL_DATA_HEADING]);
    expect(JSON.stringify(revealed)).toContain('A000111');
    expect(workpapersName(true)).toBe('workpapers-CONTAINS-PERSONAL-DATA-NOT-FOR-FILING.xlsx');
    expect(workpapersName(false)).toBe('workpapers.xlsx');
  });
});

describe('workpapers.xlsx', () => {
  afterEach(() => vi.useRealTimers());

  it('reads back in a spreadsheet library cell for cell, headings bold', async () => {
    const tricky = [['  leading space', 'A & B <c> "d"', 'Peru', 2545, '']];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(writeWorkpapers([...sheets(false), { name: 'Odd', rows: [['heading'], [], ['Term'], ...tricky] }], '2024-06-14')) as never);
    const rowsOf = (name: string) => {
      const rows: unknown[][] = [];
      book.getWorksheet(name)!.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? '')));
      return rows;
    };
    expect(book.worksheets.map((w) => w.name)).toEqual(['checkedIn', 'Anomalies', 'Checks', 'Odd']);
    // Empty values are cells left empty: a row ends at its last value.
    const trimmed = (row: ReadonlyArray<unknown>) => row.slice(0, row.findLastIndex((v) => v !== '') + 1);
    expect(rowsOf('checkedIn')).toEqual(sheets(false)[0]!.rows.map(trimmed));
    expect(rowsOf('Odd')[3]).toEqual(trimmed(tricky[0]!));
    expect(rowsOf('Odd')[1]).toEqual([]);
    expect(book.getWorksheet('checkedIn')!.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(book.getWorksheet('checkedIn')!.getRow(4).getCell(1).font?.bold).toBeFalsy();
    expect(book.creator).toBe('court-report');
  });

  it('writes characters XML cannot hold as Excel escapes them, so the sheet stays well-formed', async () => {
    const zip = await JSZip.loadAsync(writeWorkpapers([{ name: 'Odd', rows: [['bell\u0007 and _x0041_ and \ud800'] ] }], '2024-06-14'));
    // The text is written once, among the shared strings; the cell refers to it by number.
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('<si><t>bell_x0007_ and _x005F_x0041_ and \ufffd</t></si>');
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('<c r="A1" s="1" t="s"><v>0</v></c>');
  });

  it('writes each distinct text once and numbers, spaces and bold rows as before', async () => {
    const rows = [['heading', 'heading'], ['same', 12.5, '', ' padded '], ['same', -3, 'other']];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(writeWorkpapers([{ name: 'Mixed', rows }], '2024-06-14')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Mixed')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'same', 12.5, undefined, ' padded ']);
    expect(sheet.getRow(3).values).toEqual([undefined, 'same', -3, 'other']);
    const zip = await JSZip.loadAsync(writeWorkpapers([{ name: 'Mixed', rows }], '2024-06-14'));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings.match(/<si>/g)).toHaveLength(4);
    expect(strings).toContain('count="6" uniqueCount="4"');
    expect(strings).toContain('<t xml:space="preserve"> padded </t>');
  });

  it('is byte-identical whenever it is written, dated the filing date in its properties and every zip entry', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-01-02T03:04:05Z'));
    const first = writeWorkpapers(sheets(false), '2024-06-14');
    vi.setSystemTime(new Date('2026-07-08T09:10:11Z'));
    const second = writeWorkpapers(sheets(false), '2024-06-14');
    vi.useRealTimers();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const zip = await JSZip.loadAsync(first);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-14T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-14T00:00:00Z</dcterms:modified>');
    // DOS dates carry no zone: JSZip reads them back as local time.
    for (const entry of Object.values(zip.files)) expect([entry.date.getFullYear(), entry.date.getMonth() + 1, entry.date.getDate(), entry.date.getHours()]).toEqual([2024, 6, 14, 0]);
    expect(Buffer.from(writeWorkpapers(sheets(false), '2024-06-15')).equals(Buffer.from(first))).toBe(false);
  });
});

describe('workpapers made beside the print', () => {
  it('are the same bytes as made at once, sheets deflated on other threads', async () => {
    const many = [...sheets(false), { name: 'Many', rows: Array.from({ length: 9000 }, (_, i) => [`row ${i}`, i, i % 7 === 0 ? '' : `x${i % 13}`]) }];
    const atOnce = writeWorkpapers(many, '2024-06-14');
    expect(Buffer.from(await writeWorkpapersPausing(many, '2024-06-14', 1)).equals(Buffer.from(atOnce))).toBe(true);
  });
});
