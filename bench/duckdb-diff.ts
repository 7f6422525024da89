/**
 * The national-scale baseline: DuckDB (@duckdb/node-api, installed into
 * bench/.work/duckdb at bench time, not a product dependency) loads the two
 * CSV snapshots of a generated pair and counts records added, removed,
 * changed and unchanged, plus custodyStatus's transitions. Prints the counts
 * as JSON, so the harness can check them against the generator's.
 *
 * `node bench/.work/dist/bench/duckdb-diff.js --dir DIR [--module PATH]`
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CURRENT_PERIOD, PRIOR_PERIOD } from './gen-large.js';

/** The pinned version, installed by ensureDuckdb. */
export const DUCKDB_PIN = { '@duckdb/node-api': '1.5.6-r.1' };

const COLUMNS = ['COUNTRY_OF_CITIZENSHIP', 'RELEASE_DATE', 'CHECK_IN_DATE', 'NTA_ISSUED_DATE', 'NTA_SERVED_DATE', 'EXIT_DATE', 'EXIT_TYPE', 'CUSTODY_STATUS', 'FIELD_OFFICE'];

interface DuckDbApi {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckDbConnection> }> };
}
interface DuckDbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Array<Record<string, unknown>> }>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, module: { type: 'string' } } });
  const dir = path.resolve(values.dir!);
  const from = values.module ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'duckdb', 'package.json');
  const duckdb = createRequire(path.resolve(from))('@duckdb/node-api') as DuckDbApi;
  const db = await DuckDBInstance(duckdb);
  const file = (period: string) => `'${path.join(dir, `${period}.csv`).replaceAll("'", "''")}'`;
  await db.run(`CREATE TABLE prior AS SELECT * FROM read_csv(${file(PRIOR_PERIOD)}, header = true)`);
  await db.run(`CREATE TABLE cur AS SELECT * FROM read_csv(${file(CURRENT_PERIOD)}, header = true)`);
  const row = (alias: string) => `row(${COLUMNS.map((c) => `${alias}.${c}`).join(', ')})`;
  const [counts] = (
    await db.runAndReadAll(`
      SELECT count(*) FILTER (WHERE p.A_NUMBER IS NULL) AS added,
             count(*) FILTER (WHERE c.A_NUMBER IS NULL) AS removed,
             count(*) FILTER (WHERE p.A_NUMBER IS NOT NULL AND c.A_NUMBER IS NOT NULL AND ${row('p')} IS DISTINCT FROM ${row('c')}) AS changed,
             count(*) FILTER (WHERE p.A_NUMBER IS NOT NULL AND c.A_NUMBER IS NOT NULL AND ${row('p')} IS NOT DISTINCT FROM ${row('c')}) AS unchanged
      FROM prior p FULL OUTER JOIN cur c ON p.A_NUMBER = c.A_NUMBER`)
  ).getRowObjectsJS();
  const transitions = (
    await db.runAndReadAll(`
      SELECT p.CUSTODY_STATUS AS before, c.CUSTODY_STATUS AS after, count(*) AS n
      FROM prior p JOIN cur c ON p.A_NUMBER = c.A_NUMBER
      WHERE p.CUSTODY_STATUS IS DISTINCT FROM c.CUSTODY_STATUS GROUP BY ALL`)
  ).getRowObjectsJS();
  const custodyTransitions: Record<string, number> = {};
  for (const t of transitions) custodyTransitions[`${String(t.before)}>${String(t.after)}`] = Number(t.n);
  const result = Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)]));
  process.stdout.write(JSON.stringify({ ...result, custodyTransitions }) + '\n');
}

async function DuckDBInstance(duckdb: DuckDbApi): Promise<DuckDbConnection> {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  return instance.connect();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
