/**
 * The same small case from every source (UTF-8 CSV, Windows-1252 semicolon
 * CSV, Parquet, SQLite, PostgreSQL) gives the same diff.json and
 * metrics.json; a final build from a database records the query and notices,
 * on verify, a changed row; credentials appear nowhere.
 */
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseWith, fixtures, query, writeSqliteCase } from '../snapshots/sources/case.js';
import { createCaseDatabase, PASSWORD, ROLE, withClient } from '../snapshots/sources/postgres-server.js';
import { cli } from './cli.js';

const asOf = '2025-03-20';
let expected: { diff: string; metrics: string };
let databaseUrl: string;

async function build(config: string, dir: string, extra: string[] = [], env: Record<string, string> = {}) {
  const out = path.join(dir, 'out');
  const result = await cli(['build', '--config', config, '--period', '2025-02', '--out', out, '--as-of', asOf, ...extra], { cwd: dir, env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const read = (name: string) => readFile(path.join(out, '2025-02', name), 'utf8');
  return { out, stdout: result.stdout, diff: await read('diff.json'), metrics: await read('metrics.json') };
}

// Y-1003 left between the periods; a final build files that only when accepted (review gate).
const acceptRelease = ['--accept', 'youthId.removed', '--reason', 'released to a parent on 2025-02-03'];

const sqlYaml = (driver: string, url: string) => `  sql:\n    driver: ${driver}\n    url: ${JSON.stringify(url)}\n    query: ${JSON.stringify(query)}\n`;

beforeAll(async () => {
  const { dir, config } = await caseWith('  path: snapshots/{period}.csv\n');
  expected = await build(config, dir);
  databaseUrl = await createCaseDatabase('court_report_e2e');
}, 90_000);

describe('every source gives the figures of the UTF-8 CSV', () => {
  it('a Windows-1252 CSV separated by semicolons', async () => {
    const { dir, config } = await caseWith('  path: windows-1252/{period}.csv\n  encoding: windows-1252\n  delimiter: ";"\n');
    await cp(path.join(fixtures, 'windows-1252'), path.join(dir, 'windows-1252'), { recursive: true });
    const built = await build(config, dir);
    expect(built.diff).toBe(expected.diff);
    expect(built.metrics).toBe(expected.metrics);
    // The names decoded right: the facility with an ö is counted under its name.
    expect(built.metrics).toContain('"Söderberg House"');
  });

  it('Parquet files', async () => {
    const { dir, config } = await caseWith('  path: parquet/{period}.parquet\n');
    await cp(path.join(fixtures, 'parquet'), path.join(dir, 'parquet'), { recursive: true });
    const built = await build(config, dir);
    expect(built.diff).toBe(expected.diff);
    expect(built.metrics).toBe(expected.metrics);
  });

  it('a SQLite file, and `court-report diff` reads it too', async () => {
    const { dir, config } = await caseWith(sqlYaml('sqlite', 'cases.sqlite'));
    await writeSqliteCase(path.join(dir, 'cases.sqlite'));
    const built = await build(config, dir);
    expect(built.diff).toBe(expected.diff);
    expect(built.metrics).toBe(expected.metrics);
    const diff = await cli(['diff', '--config', config, '--period', '2025-02', '--json', '--as-of', asOf], { cwd: dir });
    expect(diff.stderr).toBe('');
    expect(JSON.parse(diff.stdout)).toEqual(JSON.parse(expected.diff));
  });

  it('a PostgreSQL table, the URL from the environment', async () => {
    const { dir, config } = await caseWith(sqlYaml('postgres', 'env:CASE_DATABASE_URL'));
    const built = await build(config, dir, [], { CASE_DATABASE_URL: databaseUrl });
    expect(built.diff).toBe(expected.diff);
    expect(built.metrics).toBe(expected.metrics);
  });

  it('a path list with a different format per period, and diff honours encoding and delimiter', async () => {
    const { dir, config } = await caseWith('  path: ["parquet/{period}.parquet", "windows-1252/{period}.csv"]\n  encoding: windows-1252\n  delimiter: ";"\n');
    await cp(path.join(fixtures, 'windows-1252'), path.join(dir, 'windows-1252'), { recursive: true });
    await cp(path.join(fixtures, 'parquet', '2025-01.parquet'), path.join(dir, 'parquet', '2025-01.parquet'), { recursive: true });
    // One file per month: 2025-01 as Parquet, 2025-02 as CSV (two files for a month are refused).
    await rm(path.join(dir, 'windows-1252', '2025-01.csv'));
    const built = await build(config, dir);
    expect(built.diff).toBe(expected.diff);
    expect(built.metrics).toBe(expected.metrics);
    const diff = await cli(['diff', '--config', config, '--period', '2025-02', '--json', '--as-of', asOf], { cwd: dir });
    expect(diff.stderr).toBe('');
    expect(JSON.parse(diff.stdout)).toEqual(JSON.parse(expected.diff));
  });
});

describe('final reports from a database', () => {
  it('record the query, and verify notices a changed row (SQLite)', async () => {
    const { dir, config } = await caseWith(sqlYaml('sqlite', 'cases.sqlite'));
    const file = path.join(dir, 'cases.sqlite');
    await writeSqliteCase(file);
    const { out } = await build(config, dir, ['--final', ...acceptRelease]);
    const manifest = JSON.parse(await readFile(path.join(out, '2025-02', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.snapshots).toEqual([]);
    expect(manifest.inputs.queries.map((q: { period: string; database: string; parameters: object }) => [q.period, q.database, q.parameters])).toEqual([
      ['2025-01', 'cases.sqlite', { period: '2025-01' }],
      ['2025-02', 'cases.sqlite', { period: '2025-02' }],
    ]);
    const verified = await cli(['verify', '--config', config, '--period', '2025-02', '--out', out], { cwd: dir });
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^2025-02: verified. Inputs unchanged \(\d+ files, 2 database snapshots\)/);

    await writeSqliteCase(file, "UPDATE youth_snapshots SET days_in_isolation = 2 WHERE period = '2025-01' AND youth_id = 'Y-1001'");
    const changed = await cli(['verify', '--config', config, '--period', '2025-02', '--out', out], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('database snapshot changed since filing: 2025-01 (sqlite cases.sqlite): the query now gives other rows');
    expect(changed.stderr).not.toContain('2025-02 (sqlite');
  }, 60_000);

  it('never write the user or password, and verify notices a changed row (PostgreSQL, literal URL)', async () => {
    const { dir, config } = await caseWith(sqlYaml('postgres', databaseUrl));
    const built = await build(config, dir, ['--final', ...acceptRelease]);
    for (const name of await readdir(path.join(built.out, '2025-02'))) {
      const text = await readFile(path.join(built.out, '2025-02', name), 'utf8');
      expect(text, name).not.toContain(PASSWORD);
      expect(text, name).not.toContain(encodeURIComponent(PASSWORD));
      expect(text, name).not.toContain(`${ROLE}:`);
    }
    expect(built.stdout).not.toContain(PASSWORD);
    const manifest = JSON.parse(await readFile(path.join(built.out, '2025-02', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.queries[1]).toMatchObject({ driver: 'postgres', database: 'localhost:5432/court_report_e2e', query });

    await withClient(databaseUrl, (client) => client.query("UPDATE youth_snapshots SET facility = 'Lakeview' WHERE period = '2025-02' AND youth_id = 'Y-1004'"));
    const changed = await cli(['verify', '--config', config, '--period', '2025-02', '--out', built.out], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('database snapshot changed since filing: 2025-02 (postgres localhost:5432/court_report_e2e)');
    expect(changed.stderr).not.toContain(PASSWORD);
  }, 60_000);

  it('fail with the config line and no password when the server refuses the login', async () => {
    const { dir, config } = await caseWith(sqlYaml('postgres', databaseUrl.replace(encodeURIComponent(PASSWORD), 'not-the-password')));
    const result = await cli(['build', '--config', config, '--period', '2025-02', '--as-of', asOf, '--out', path.join(dir, 'out')], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('report.yaml:26:10: cannot open the postgres database localhost:5432/court_report_e2e: password authentication failed');
    expect(result.stderr).not.toContain('not-the-password');
    expect(result.stderr).not.toContain('    at ');
  });
});
