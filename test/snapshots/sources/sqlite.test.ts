/** Snapshots from a SQLite file (sql.js), typed like the CSV they were loaded from. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { UserError } from '../../../src/errors.js';
import { loadSnapshot, readSnapshot } from '../../../src/snapshots/index.js';
import { caseWith, fixtures, query, writeSqliteCase } from './case.js';

async function sqliteCase(queryText = query, url = 'cases.sqlite') {
  const { dir, config } = await caseWith(`  sql:\n    driver: sqlite\n    url: ${url}\n    query: ${JSON.stringify(queryText)}\n`);
  await writeSqliteCase(path.join(dir, 'cases.sqlite'));
  return { dir, config: await loadConfig(config, { cwd: dir }) };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('SQLite', () => {
  it('gives the same records as the CSV', async () => {
    const { dir, config } = await sqliteCase();
    const csv = await loadConfig(path.join(fixtures, 'report.yaml'), { cwd: fixtures });
    for (const period of ['2025-01', '2025-02']) {
      const fromDb = await loadSnapshot(config.snapshots, period, { displayBase: dir });
      const fromCsv = await loadSnapshot(csv.snapshots, period);
      expect([...fromDb.records.entries()]).toEqual([...fromCsv.records.entries()]);
    }
  });

  it('records the driver, the file, the query, its parameters and a digest of the rows', async () => {
    const { dir, config } = await sqliteCase();
    const { origin } = await readSnapshot(config.snapshots, '2025-02', { displayBase: dir });
    expect(origin).toEqual({
      kind: 'query', period: '2025-02', driver: 'sqlite', database: 'cases.sqlite', query,
      parameters: { period: '2025-02' }, rowsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('binds a value as a value: an injection attempt matches nothing and drops nothing', async () => {
    const { dir, config } = await sqliteCase();
    const attack = "2025-02' OR '1'='1";
    expect(await failure(loadSnapshot(config.snapshots, attack, { displayBase: dir }))).toContain(`returned no rows for ${attack}`);
    expect(await failure(loadSnapshot(config.snapshots, "2025-02'; DROP TABLE youth_snapshots; --", { displayBase: dir }))).toContain('returned no rows');
    expect((await loadSnapshot(config.snapshots, '2025-02', { displayBase: dir })).records.size).toBe(4);
  });

  it('says when the query returns no rows for the period, naming the config line', async () => {
    const { dir, config } = await sqliteCase();
    const message = await failure(loadSnapshot(config.snapshots, '2025-03', { displayBase: dir }));
    expect(message).toBe(
      'report.yaml:27:12: the snapshot query returned no rows for 2025-03 from cases.sqlite\n' +
        "    hint: parameters: :period = 2025-03; check the query's WHERE clause, or that the period is loaded",
    );
  });

  it('names the query row and column of a bad value', async () => {
    const { dir, config } = await sqliteCase(query.replace('days_in_isolation,', "CASE youth_id WHEN 'Y-1002' THEN 'three' ELSE days_in_isolation END AS days_in_isolation,"));
    const message = await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }));
    expect(message).toContain('report.yaml:27, query row 2 (column days_in_isolation)');
    expect(message).toContain('not a whole number: got "three"');
  });

  it('reports a bad query and a missing column at the config', async () => {
    const { dir, config } = await sqliteCase('SELECT youth_id, full_name FROM youth_snapshot WHERE period = :period');
    expect(await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }))).toContain(
      'report.yaml:27:12: the snapshot query for 2025-01 failed on cases.sqlite: no such table: youth_snapshot',
    );
    const narrow = await sqliteCase('SELECT youth_id, full_name FROM youth_snapshots WHERE period = :period');
    expect(await failure(loadSnapshot(narrow.config.snapshots, '2025-01', { displayBase: narrow.dir }))).toContain(
      'report.yaml:27: no column "admitted_on" (field admittedOn) in the header: youth_id, full_name',
    );
  });

  it('reports a missing database file and one that is not SQLite', async () => {
    const { dir, config } = await sqliteCase(query, 'missing.sqlite');
    expect(await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }))).toContain(
      'report.yaml:26:10: cannot open the sqlite database missing.sqlite: the database file does not exist',
    );
    await writeFile(path.join(dir, 'missing.sqlite'), 'not a database, just text that is long enough to have a header.....................');
    expect(await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }))).toContain(
      'cannot open the sqlite database missing.sqlite: file is not a database',
    );
  });

  it('refuses a parameter it does not set', async () => {
    const { dir, config } = await sqliteCase('SELECT * FROM youth_snapshots WHERE period = :month');
    expect(await failure(loadSnapshot(config.snapshots, '2025-01', { displayBase: dir }))).toBe(
      'report.yaml:27:12: the query has the parameter :month, which court-report does not set, expected :period, :snapshotDate, :periodStart, :periodEnd\n' +
        '    hint: write a PostgreSQL cast as ::type; a colon inside quotes is text, not a parameter',
    );
  });
});
