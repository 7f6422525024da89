/** Snapshots from a real PostgreSQL server: types, bound parameters, masked credentials, bounded waits. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { ResolvedConfig } from '../../../src/config/types.js';
import { UserError } from '../../../src/errors.js';
import { loadSnapshot, readSnapshot } from '../../../src/snapshots/index.js';
import { caseWith, fixtures, query } from './case.js';
import { createCaseDatabase, databaseUrl, PASSWORD, withClient } from './postgres-server.js';

let url: string;

beforeAll(async () => {
  url = await createCaseDatabase('court_report_unit');
}, 60_000);

async function postgresCase(queryText = query, urlSetting = 'env:CASE_DATABASE_URL'): Promise<{ dir: string; config: ResolvedConfig }> {
  const { dir, config } = await caseWith(`  sql:\n    driver: postgres\n    url: ${JSON.stringify(urlSetting)}\n    query: ${JSON.stringify(queryText)}\n`);
  return { dir, config: await loadConfig(config, { cwd: dir }) };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).not.toContain(PASSWORD);
  expect(message).not.toContain(encodeURIComponent(PASSWORD));
  return message;
}

describe('PostgreSQL', () => {
  it('gives the same records as the CSV: DATE, INTEGER, BOOLEAN, NUMERIC and TEXT columns', async () => {
    const { dir, config } = await postgresCase();
    const csv = await loadConfig(path.join(fixtures, 'report.yaml'), { cwd: fixtures });
    for (const period of ['2025-01', '2025-02']) {
      const fromDb = await loadSnapshot(config.snapshots, period, { displayBase: dir, env: { CASE_DATABASE_URL: url } });
      expect([...fromDb.records.entries()]).toEqual([...(await loadSnapshot(csv.snapshots, period)).records.entries()]);
    }
  });

  it('records host/database, the query and its parameters, never the user or password', async () => {
    const { dir, config } = await postgresCase();
    const { origin } = await readSnapshot(config.snapshots, '2025-02', { displayBase: dir, env: { CASE_DATABASE_URL: url } });
    expect(origin).toMatchObject({ kind: 'query', driver: 'postgres', database: 'localhost:5432/court_report_unit', query, parameters: { period: '2025-02' } });
    expect(JSON.stringify(origin)).not.toContain('court_reader');
  });

  it('keeps ::casts and quoted colons as SQL, binding :periodStart', async () => {
    const casted = query.replace('WHERE period = :period', "WHERE period = :period AND admitted_on < :periodStart::date + 14 AND ':period' = ':' || 'period'");
    const { dir, config } = await postgresCase(casted);
    const snapshot = await loadSnapshot(config.snapshots, '2025-01', { displayBase: dir, env: { CASE_DATABASE_URL: url } });
    // Admitted before 2025-01-15.
    expect([...snapshot.records.keys()]).toEqual(['Y-1001', 'Y-1002', 'Y-1003']);
  }, 20_000);

  it('binds a config value as a value: an injection attempt matches nothing and drops nothing', async () => {
    const { dir, config } = await postgresCase();
    const env = { CASE_DATABASE_URL: url };
    const message = await failure(loadSnapshot(config.snapshots, "2025-02'; DROP TABLE youth_snapshots; --", { displayBase: dir, env }));
    expect(message).toContain("returned no rows for 2025-02'; DROP TABLE youth_snapshots; --");
    const count = await withClient(url, async (client) => (await client.query('SELECT count(*)::int AS n FROM youth_snapshots')).rows[0].n);
    expect(count).toBe(8);
  });

  it('reports a wrong password at the config line without the password', async () => {
    const { dir, config } = await postgresCase(query, databaseUrl('court_report_unit', `${PASSWORD}-wrong`));
    const message = await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }));
    expect(message).toContain('report.yaml:26:10: cannot open the postgres database localhost:5432/court_report_unit: password authentication failed');
    expect(message).not.toContain(`${PASSWORD}-wrong`);
  });

  it('gives up on a server that is not there, promptly', async () => {
    const { dir, config } = await postgresCase(query, databaseUrl('court_report_unit').replace(':5432', ':1'));
    const started = performance.now();
    const message = await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }));
    expect(message).toContain('cannot open the postgres database localhost:1/court_report_unit: ');
    expect(message).toContain('ECONNREFUSED');
    expect(performance.now() - started).toBeLessThan(11_000);
  }, 20_000);

  it('says which environment variable is missing', async () => {
    const { dir, config } = await postgresCase();
    expect(await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir, env: {} }))).toContain(
      'report.yaml:26:10: snapshots.sql.url reads the environment variable CASE_DATABASE_URL, which is not set',
    );
  });

  it('reports a bad query with the server\'s reason, at the query line', async () => {
    const { dir, config } = await postgresCase(query.replace('full_name', 'fullname'));
    const message = await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir, env: { CASE_DATABASE_URL: url } }));
    expect(message).toContain('report.yaml:27:12: the snapshot query for 2025-01 failed on localhost:5432/court_report_unit: column "fullname" does not exist');
  });
});
