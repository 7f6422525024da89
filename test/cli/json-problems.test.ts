/**
 * --json on every command that takes it: a problem with the inputs is one
 * JSON document on standard output, the problems as objects (file, line,
 * column, message, hint), exit 1, and nothing on standard error.
 */
import { appendFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from '../e2e/cli.js';

const badCell = 'test/fixtures/bad/csv-unparseable-date/report.yaml';
const badConfig = 'test/fixtures/bad/wrong-type/report.yaml';

async function scratch(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'court-report-json-'));
}

/** The one JSON document a failed command printed, after checking how it failed. */
async function failedAsJson(args: string[]): Promise<{ ok: boolean; context: string[]; problems: Array<Record<string, unknown>> }> {
  const result = await cli(args);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toBe('');
  const document = JSON.parse(result.stdout);
  expect(document.ok).toBe(false);
  for (const problem of document.problems) expect(Object.keys(problem)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'message', 'hint']));
  return document;
}

const theBadCell = { file: 'test/fixtures/bad/csv-unparseable-date/snapshots/2024-05.csv', line: 4, columnName: 'RELEASE_DATE', message: 'not a date', value: 'Feb 20 2024' };

describe('--json problems', () => {
  it('diff gives a bad snapshot cell as a problem object', async () => {
    const { problems } = await failedAsJson(['diff', '-c', badCell, '-p', '2024-05', '--json']);
    expect(problems).toEqual([expect.objectContaining(theBadCell)]);
  });

  it('review gives a bad snapshot cell as a problem object, writing nothing', async () => {
    const out = await scratch();
    const { problems } = await failedAsJson(['review', '-c', badCell, '-p', '2024-05', '-o', out, '--as-of', '2024-06-20', '--json']);
    expect(problems).toEqual([expect.objectContaining(theBadCell)]);
    expect(await readdir(out)).toEqual([]);
  });

  it('build gives it with the period it was building', async () => {
    const out = await scratch();
    const document = await failedAsJson(['build', '-c', badCell, '-p', '2024-05', '-o', out, '--as-of', '2024-06-20', '--html-only', '--json']);
    expect(document.context).toEqual(['while building 2024-05']);
    expect(document.problems).toEqual([expect.objectContaining(theBadCell)]);
  });

  it('build --all lists with the problems the periods it did write', async () => {
    const out = await scratch();
    const document = await failedAsJson(['build', '-c', badCell, '--all', '-o', out, '--as-of', '2024-06-20', '--html-only', '--json']);
    expect(document.problems).toEqual([expect.objectContaining(theBadCell)]);
    // However the periods finished, the document lists exactly the folders written, none of them the bad one.
    const reports = (document as unknown as { reports: Array<{ period: string; status: string; dir: string }> }).reports;
    expect(reports.map((r) => r.period).sort()).toEqual((await readdir(out)).sort());
    expect(reports.every((r) => r.status === 'built' && r.period !== '2024-05' && r.dir === path.join(out, r.period))).toBe(true);
  });

  it('status and validate give a config value of the wrong type at its line and column', async () => {
    for (const command of ['status', 'validate']) {
      const { problems } = await failedAsJson([command, '-c', badConfig, '--json']);
      expect(problems, command).toContainEqual(expect.objectContaining({ file: badConfig, line: 38, column: 17, message: 'invalid output.format.fontSizePt', value: 'large', expected: 'a number' }));
    }
  });

  it('verify gives a period never filed as a problem with its hint', async () => {
    const out = await scratch();
    const { problems } = await failedAsJson(['verify', '-c', badCell, '-p', '2024-05', '-o', out, '--json']);
    expect(problems).toEqual([expect.objectContaining({ file: null, hint: 'verify checks reports built with --final', message: `no final report to verify for 2024-05: ${out}/2024-05/manifest.json not found` })]);
  });

  it('init gives what it wrote and inferred, and a folder it will not overwrite as a problem', async () => {
    const work = await scratch();
    const tps = path.join(root, 'test/fixtures/init/tps-register-2025-01.csv');
    const written = await cli(['init', 'tps', '--from', tps, '--json'], { cwd: work });
    expect(written.code).toBe(0);
    const document = JSON.parse(written.stdout);
    expect(document).toMatchObject({ ok: true, dir: 'tps', files: ['tps/report.yaml', 'tps/body.hbs', 'tps/snapshots/2025-01.csv'], period: '2025-01', key: 'receiptNo', encoding: 'windows-1252', delimiter: ';' });
    expect(document.fields).toContainEqual({ id: 'country', column: 'Country', type: 'enum', values: ['Haiti', 'Perú', 'Venezuela'], required: true, pii: false });
    // A personal column says why it was marked, never what it holds.
    expect(document.fields.find((f: { id: string }) => f.id === 'applicantName')).toEqual({ id: 'applicantName', column: 'Applicant Name', type: 'string', required: true, pii: true, piiReason: 'the column name "Applicant Name" looks like a person\'s name' });
    expect(written.stdout).not.toContain('Peña');

    const again = await cli(['init', 'tps', '--from', tps, '--json'], { cwd: work });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, problems: [{ file: 'tps', line: null, column: null, message: 'is not empty (3 entries, e.g. body.hbs)', hint: expect.stringContaining('--force') }] });
  });

  it('review whose items fail prints review.json alone, the failure on standard error, exit 1', async () => {
    const work = await scratch();
    expect((await cli(['init', 'jail', '--from', path.join(root, 'test/fixtures/init/jail-census-2025-03.csv')], { cwd: work })).code).toBe(0);
    await appendFile(path.join(work, 'jail/report.yaml'), 'checks:\n  screened: { metric: withMedicalScreeningDate, equals: total }\noutput: { pdf: false }\n');
    const result = await cli(['review', '-c', 'jail/report.yaml', '-p', '2025-03', '--as-of', '2025-04-10', '--json'], { cwd: work });
    expect(result.code).toBe(1);
    const written = await readFile(path.join(work, 'out/jail/2025-03/review/review.json'), 'utf8');
    expect(result.stdout).toBe(written);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ checksFailed: 1, blocking: ['screened'] });
    expect(result.stderr).toContain('review of 2025-03 fails 1 item');
    expect(result.stderr).toContain('screened: withMedicalScreeningDate is 8 but total is 12');
  });
});
