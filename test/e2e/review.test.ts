/**
 * The "Done when", through the CLI, on copies of the example with
 * changes planted in the test (computed from the data, not typed in).
 */
import { cp, mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfText, root } from './cli.js';

const asOf = '2024-06-14';
const example = path.join(root, 'data/florida-v-mayorkas');

interface Row {
  key: string;
  cells: string[];
}
const column = { key: 0, nationality: 1, checkedInOn: 3, ntaIssuedOn: 4 };

/** The snapshot's unquoted rows (enough to pick from), and a writer that puts edited rows back. */
async function csv(file: string) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const rows: Row[] = lines.slice(1).filter((l) => l && !l.includes('"')).map((l) => ({ key: l.split(',')[0]!, cells: l.split(',') }));
  return {
    rows,
    async write(edited: Row[]) {
      const byKey = new Map(edited.map((r) => [r.key, r.cells.join(',')]));
      await writeFile(file, lines.map((l) => byKey.get(l.split(',')[0]!) ?? l).join('\n'));
    },
  };
}

async function copyExample(): Promise<{ dir: string; config: string; out: string; snapshot: (p: string) => string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-review-'));
  await cp(example, path.join(dir, 'case'), { recursive: true });
  return {
    dir,
    config: path.join(dir, 'case/report.yaml'),
    out: path.join(dir, 'out'),
    snapshot: (p) => path.join(dir, 'case/snapshots', `${p}.csv`),
  };
}

/** Every sheet's rows as plain values, by sheet name. */
async function workbook(file: string): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return new Map(book.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? '')));
    return [sheet.name, rows];
  }));
}

const masked = (key: string) => '****' + key.slice(-4);
const json = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('review on a copy of the example with planted changes in 2024-05', () => {
  let copy: Awaited<ReturnType<typeof copyExample>>;
  const planted = { cleared: [] as string[], nationality: [] as string[], future: [] as string[] };
  let review: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    copy = await copyExample();
    const april = await csv(copy.snapshot('2024-04'));
    const may = await csv(copy.snapshot('2024-05'));
    const mayRow = new Map(may.rows.map((r) => [r.key, r]));
    // Three check-in dates recorded in April's snapshot, cleared in May's.
    // (the latest ones: the example has few check-ins dated April itself)
    const checkedInApril = april.rows
      .filter((r) => r.cells[column.checkedInOn] !== '' && mayRow.get(r.key)?.cells[column.checkedInOn] === r.cells[column.checkedInOn])
      .sort((a, b) => (a.cells[column.checkedInOn]! > b.cells[column.checkedInOn]! ? -1 : 1));
    const edits: Row[] = [];
    for (const row of checkedInApril.slice(0, 3)) {
      const edit = { key: row.key, cells: [...mayRow.get(row.key)!.cells] };
      edit.cells[column.checkedInOn] = '';
      edits.push(edit);
      planted.cleared.push(row.key);
    }
    const untouched = may.rows.filter((r) => !planted.cleared.includes(r.key));
    // Two nationalities changed to another country in the data.
    for (const row of untouched.slice(0, 2)) {
      const other = untouched.find((r) => r.cells[column.nationality] !== row.cells[column.nationality])!;
      const edit = { key: row.key, cells: [...row.cells] };
      edit.cells[column.nationality] = other.cells[column.nationality]!;
      edits.push(edit);
      planted.nationality.push(row.key);
    }
    // One NTA issued after the snapshot day.
    const withoutNta = untouched.slice(2).find((r) => r.cells[column.ntaIssuedOn] === '')!;
    const edit = { key: withoutNta.key, cells: [...withoutNta.cells] };
    edit.cells[column.ntaIssuedOn] = '2024-06-03';
    edits.push(edit);
    planted.future.push(withoutNta.key);
    await may.write(edits);
    review = await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', copy.out, '--as-of', asOf]);
  }, 120_000);

  it('exits 1, listing the failing check and each anomaly', () => {
    expect(review.code).toBe(1);
    expect(review.stderr).toContain('checkInsNeverFall: checkedIn fell from');
    expect(review.stderr).toContain('checkedInOn.cleared: 3 records whose Check-in date was cleared');
    expect(review.stderr).toContain('nationality.changed: 2 records');
    expect(review.stderr).toContain('ntaIssuedOn.future: 1 record');
  });

  it('reports the planted anomalies with their masked keys', async () => {
    const result = await json(path.join(copy.out, '2024-05/review/review.json'));
    const anomalies = Object.fromEntries(result.anomalies.map((a: { id: string }) => [a.id, a]));
    expect(Object.keys(anomalies).sort()).toEqual(['checkedInOn.cleared', 'nationality.changed', 'ntaIssuedOn.future']);
    expect(anomalies['checkedInOn.cleared']).toMatchObject({ count: 3, severity: 'error' });
    expect(anomalies['checkedInOn.cleared'].keys.sort()).toEqual(planted.cleared.map(masked).sort());
    expect(anomalies['nationality.changed']).toMatchObject({ count: 2 });
    expect(anomalies['nationality.changed'].keys.sort()).toEqual(planted.nationality.map(masked).sort());
    expect(anomalies['ntaIssuedOn.future']).toMatchObject({ count: 1, keys: planted.future.map(masked) });
    for (const key of [...planted.cleared, ...planted.nationality, ...planted.future]) expect(JSON.stringify(result)).not.toContain(key);
  });

  it('fails checkInsNeverFall and passes every other check', async () => {
    const result = await json(path.join(copy.out, '2024-05/review/review.json'));
    const failed = result.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id);
    expect(failed).toEqual(['checkInsNeverFall']);
    expect(result.checks.length).toBeGreaterThan(5);
  });

  it('bridges every ungrouped metric to metrics.json exactly', async () => {
    const built = await cli(['build', '--config', copy.config, '--period', '2024-05', '--out', path.join(copy.dir, 'draft'), '--as-of', asOf, '--html-only']);
    expect(built.code).toBe(0);
    const metrics = (await json(path.join(copy.dir, 'draft/2024-05/metrics.json'))).metrics;
    const { bridges, groupBridges } = await json(path.join(copy.out, '2024-05/review/review.json'));
    const ungrouped = Object.keys(metrics).filter((id) => typeof metrics[id].value === 'number');
    expect(Object.keys(bridges).sort()).toEqual(ungrouped.sort());
    for (const id of ungrouped) {
      const b = bridges[id];
      expect(b.prior - b.removed + b.added + b.entered - b.left).toBe(b.value);
      expect([b.prior, b.value]).toEqual([metrics[id].prior, metrics[id].value]);
    }
    expect(bridges.checkedIn.left).toBe(3);
    for (const [id, groups] of Object.entries(groupBridges as Record<string, Record<string, { value: number }>>)) {
      expect(Object.fromEntries(Object.entries(groups).map(([g, b]) => [g, b.value]))).toEqual(metrics[id].value);
    }
  });

  it('writes review.html and review.pdf, and the PDF shows the failed check', async () => {
    const dir = path.join(copy.out, '2024-05/review');
    expect((await readdir(dir)).sort()).toEqual(['review.html', 'review.json', 'review.pdf', 'workpapers.xlsx']);
    const text = await pdfText(path.join(dir, 'review.pdf'));
    expect(text).toContain('Checks: 7 passed, 1 failed');
    expect(text).toMatch(/FAILS Check-ins never go down/);
    expect(text).toContain('checkedInOn.cleared');
    const html = await readFile(path.join(dir, 'review.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\//);
    for (const key of [...planted.cleared, ...planted.nationality, ...planted.future]) expect(html).not.toContain(key);
  });

  it('workpapers.xlsx lists each planted record, masked', async () => {
    const sheets = await workbook(path.join(copy.out, '2024-05/review/workpapers.xlsx'));
    const anomalies = sheets.get('Anomalies')!;
    const listed = (id: string) => anomalies.filter((r) => r[0] === id).map((r) => r[2]).sort();
    expect(listed('checkedInOn.cleared')).toEqual(planted.cleared.map(masked).sort());
    expect(listed('nationality.changed')).toEqual(planted.nationality.map(masked).sort());
    expect(listed('ntaIssuedOn.future')).toEqual(planted.future.map(masked));
    // The cleared check-ins are the records that left checkedIn, with the date before and after.
    const left = sheets.get('checkedIn')!.filter((r) => r[0] === 'left');
    expect(left.map((r) => r[1]).sort()).toEqual(planted.cleared.map(masked).sort());
    for (const row of left) expect([typeof row[2], row[3] ?? '']).toEqual(['string', '']);
    expect(sheets.get('Checks')!.find((r) => r[0] === 'checkInsNeverFall')![3]).toBe('fail');
    const all = JSON.stringify([...sheets.values()]);
    for (const key of [...planted.cleared, ...planted.nationality, ...planted.future]) expect(all).not.toContain(key);
  });

  it('writes the same bytes again from the same inputs and --as-of, workpapers.xlsx included', async () => {
    const again = path.join(copy.dir, 'again');
    expect((await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', again, '--as-of', asOf])).code).toBe(1);
    for (const name of ['workpapers.xlsx', 'review.json', 'review.html', 'review.pdf']) {
      const [first, second] = await Promise.all([readFile(path.join(copy.out, '2024-05/review', name)), readFile(path.join(again, '2024-05/review', name))]);
      expect(second.equals(first), name).toBe(true);
    }
  });

  it('--reveal-pii writes the workpapers in full, headed and named as not for filing', async () => {
    const out = path.join(copy.dir, 'revealed');
    const result = await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', out, '--as-of', asOf, '--reveal-pii']);
    expect(result.code).toBe(1);
    const file = path.join(out, '2024-05/review/workpapers-CONTAINS-PERSONAL-DATA-NOT-FOR-FILING.xlsx');
    const sheets = await workbook(file);
    for (const rows of sheets.values()) expect(rows[0]).toEqual(['CONTAINS PERSONAL DATA — NOT FOR FILING']);
    expect(sheets.get('Anomalies')!.map((r) => r[2])).toContain(planted.cleared[0]);
    expect(await readFile(path.join(out, '2024-05/review/review.json'), 'utf8')).not.toContain(planted.cleared[0]!);
  });

  it('a later review without --reveal-pii removes the revealed workpapers with the rest of the previous review', async () => {
    const out = path.join(copy.dir, 'revealed');
    expect(existsSync(path.join(out, '2024-05/review/workpapers-CONTAINS-PERSONAL-DATA-NOT-FOR-FILING.xlsx'))).toBe(true);
    expect((await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', out, '--as-of', asOf])).code).toBe(1);
    expect((await readdir(path.join(out, '2024-05/review'))).sort()).toEqual(['review.html', 'review.json', 'review.pdf', 'workpapers.xlsx']);
  });

  it('says there is no redline when no earlier report is filed', async () => {
    expect((await json(path.join(copy.out, '2024-05/review/review.json'))).redline).toBeNull();
  });

  it('prints review.json with --json', async () => {
    const result = await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', copy.out, '--as-of', asOf, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).period).toBe('2024-05');
  });

  it('build --final refuses, naming checkInsNeverFall, and writes nothing', async () => {
    const out = path.join(copy.dir, 'refused');
    const result = await cli(['build', '--config', copy.config, '--period', '2024-05', '--out', out, '--as-of', asOf, '--final', '--html-only']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('review of 2024-05 fails checkInsNeverFall: checkedIn fell from');
    expect(result.stderr).toContain('--accept checkInsNeverFall --reason');
    expect(existsSync(out) ? await readdir(out, { recursive: true }) : []).toEqual([]);
  });

  it('build --final files with every failure accepted and a reason, which manifest.json records and verify shows', async () => {
    const out = path.join(copy.dir, 'accepted');
    const ids = ['checkInsNeverFall', 'checkedInOn.cleared', 'nationality.changed', 'ntaIssuedOn.future'];
    const reason = 'Agency confirmed the corrections; see letter of June 10';
    const args = ['build', '--config', copy.config, '--period', '2024-05', '--out', out, '--as-of', asOf, '--final', '--html-only'];
    expect((await cli([...args, ...ids.flatMap((id) => ['--accept', id])])).code).toBe(2);
    const result = await cli([...args, ...ids.flatMap((id) => ['--accept', id]), '--reason', reason]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = await json(path.join(out, '2024-05/manifest.json'));
    expect(manifest.accepted.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect(manifest.accepted.find((a: { id: string }) => a.id === 'checkedInOn.cleared')).toEqual({ id: 'checkedInOn.cleared', message: '3 records whose Check-in date was cleared, which is declared never to be cleared', reason });
    expect(manifest.outputs.map((o: { path: string }) => o.path)).not.toContain('review.json');
    const verified = await cli(['verify', '--config', copy.config, '--period', '2024-05', '--out', out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`filed although review failed checkInsNeverFall`);
    expect(verified.stdout).toContain(`reason: ${reason}`);
  });
});

describe('the example as bundled', () => {
  it('passes review in every period: build --all --final files each without an --accept', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-review-all-'));
    const result = await cli(['build', '--config', path.join(example, 'report.yaml'), '--all', '--final', '--html-only', '--out', out, '--as-of', asOf, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const periods = (await readdir(out)).sort();
    expect(periods.length).toBeGreaterThan(10);
    for (const period of periods) expect((await json(path.join(out, period, 'manifest.json'))).accepted ?? []).toEqual([]);
  }, 120_000);
});

describe('restatement of a filed period', () => {
  let copy: Awaited<ReturnType<typeof copyExample>>;
  let corrected: string;
  let filedCheckedIn: number;
  let filedNotCheckedIn: number;
  let mayBuild: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    copy = await copyExample();
    const filed = await cli(['build', '--config', copy.config, '--period', '2024-04', '--out', copy.out, '--as-of', '2024-05-10', '--final', '--html-only']);
    expect(filed.stderr).toBe('');
    const filedMetrics = (await json(path.join(copy.out, '2024-04/metrics.json'))).metrics;
    filedCheckedIn = filedMetrics.checkedIn.value;
    filedNotCheckedIn = filedMetrics.notCheckedIn.value;
    // A check-in missed in April, corrected in April's and May's snapshots.
    const april = await csv(copy.snapshot('2024-04'));
    const may = await csv(copy.snapshot('2024-05'));
    const mayRow = new Map(may.rows.map((r) => [r.key, r]));
    const missed = april.rows.find((r) => r.cells[column.checkedInOn] === '' && mayRow.get(r.key)?.cells[column.checkedInOn] === '')!;
    corrected = missed.key;
    const fix = (row: Row) => ({ key: row.key, cells: row.cells.map((c, i) => (i === column.checkedInOn ? '2024-04-20' : c)) });
    await april.write([fix(missed)]);
    await may.write([fix(mayRow.get(missed.key)!)]);
    mayBuild = await cli(['build', '--config', copy.config, '--period', '2024-05', '--out', copy.out, '--as-of', asOf, '--html-only', '--docx']);
  }, 120_000);

  it('building May warns, naming April and the restated figures', () => {
    expect(mayBuild.code).toBe(0);
    const n = new Intl.NumberFormat('en-US');
    expect(mayBuild.stderr).toContain(`warning: 2024-05: figures filed for 2024-04 have changed since filing: checkedIn filed ${n.format(filedCheckedIn)}, now ${n.format(filedCheckedIn + 1)}`);
  });

  it('May\'s report says in a paragraph of its own that April\'s figures were revised, and which', async () => {
    const n = new Intl.NumberFormat('en-US');
    const sentence = `The figures reported for April 2024 have been revised, because the records for that period were corrected after that report was filed: “Reported to ICE to check in”, reported as ${n.format(filedCheckedIn)}, is now ${n.format(filedCheckedIn + 1)}; and “Have not checked in”, reported as ${n.format(filedNotCheckedIn)}, is now ${n.format(filedNotCheckedIn - 1)}.`;
    const html = await readFile(path.join(copy.out, '2024-05/report.html'), 'utf8');
    expect(html).toContain(`<p>${sentence}</p>`);
    // The DOCX is written from the same body: the paragraph is one of its numbered paragraphs.
    const document = await (await JSZip.loadAsync(await readFile(path.join(copy.out, '2024-05/report.docx')))).file('word/document.xml')!.async('string');
    const paragraph = document.split('</w:p>').find((p) => p.includes('have been revised'))!;
    expect(paragraph).toContain('<w:numPr>');
    expect([...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe(sentence);
  });

  it('review.json lists the restated April figure', async () => {
    // The figures: April filed 2,545 check-ins; the correction makes it 2,546.
    expect(filedCheckedIn).toBe(2545);
    const result = await cli(['review', '--config', copy.config, '--period', '2024-05', '--out', copy.out, '--as-of', asOf, '--json']);
    const review = JSON.parse(result.stdout);
    expect(review.restatements).toContainEqual({ period: '2024-04', metric: 'checkedIn', filed: filedCheckedIn, recomputed: filedCheckedIn + 1 });
    expect(review.summary.blocking).toEqual(['restated.2024-04']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(corrected);
  });

  it('review.html\'s redline strikes the filed figure and inserts the new one, each whole', async () => {
    const n = new Intl.NumberFormat('en-US');
    const mayCheckedIn = (await json(path.join(copy.out, '2024-05/metrics.json'))).metrics.checkedIn.value;
    const html = await readFile(path.join(copy.out, '2024-05/review/review.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<del>\\s*${n.format(filedCheckedIn)}</del><ins>\\s*${n.format(mayCheckedIn)}</ins>`));
    const review = await json(path.join(copy.out, '2024-05/review/review.json'));
    expect(review.redline.against).toMatch(/2024-04\/report\.html \(final, as of 2024-05-10\)$/);
    expect(review.redline.insertions).toBeGreaterThan(0);
  });

  it('redline.docx records the same changes as tracked revisions, and LibreOffice opens it', async () => {
    const n = new Intl.NumberFormat('en-US');
    const mayCheckedIn = (await json(path.join(copy.out, '2024-05/metrics.json'))).metrics.checkedIn.value;
    const file = path.join(copy.out, '2024-05/review/redline.docx');
    const document = await (await JSZip.loadAsync(await readFile(file))).file('word/document.xml')!.async('string');
    const revision = (kind: 'ins' | 'del', text: string) =>
      new RegExp(`<w:${kind} w:id="\\d+" w:author="court-report" w:date="${asOf}T00:00:00Z"><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:(?:t|delText) xml:space="preserve">\\s*${text}</w:(?:t|delText)></w:r></w:${kind}>`);
    expect(document).toMatch(revision('del', n.format(filedCheckedIn)));
    expect(document).toMatch(revision('ins', n.format(mayCheckedIn)));
    expect(document).not.toContain(corrected);
    const profile = await mkdtemp(path.join(os.tmpdir(), 'court-report-lo-'));
    const converted = await mkdtemp(path.join(os.tmpdir(), 'court-report-lo-out-'));
    await promisify(execFile)('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'txt:Text', '--outdir', converted, file], { timeout: 120_000 });
    const text = await readFile(path.join(converted, 'redline.txt'), 'utf8');
    expect(text).toContain('Redline of the May 2024 report against');
    expect(text).toContain('ICE continues its efforts to locate the individuals who have not checked in');
    expect(text).toContain(n.format(mayCheckedIn));
  }, 120_000);

  it('--final needs --accept restated.2024-04', async () => {
    const args = ['build', '--config', copy.config, '--period', '2024-05', '--out', copy.out, '--as-of', asOf, '--final', '--html-only'];
    const refused = await cli(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('review of 2024-05 fails restated.2024-04: figures filed for 2024-04 have changed');
    const filed = await cli([...args, '--accept', 'restated.2024-04', '--reason', 'April check-in corrected by the agency']);
    expect(filed.code).toBe(0);
    expect((await json(path.join(copy.out, '2024-05/manifest.json'))).accepted[0]).toMatchObject({ id: 'restated.2024-04' });
  });
});
