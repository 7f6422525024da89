/**
 * A test database on the local PostgreSQL server (started by .ci/run): a
 * role with a password, owning a fresh database with the case loaded. Set up
 * as the postgres superuser through psql (peer authentication needs the
 * postgres OS user), so tests connect like a user would: TCP and a password.
 * No server means the tests fail, never skip.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { caseRows, createTable } from './case.js';

export const PASSWORD = 'pw-Kq7!zR2#secret';
export const ROLE = 'court_reader';

function psql(sql: string, database = 'postgres'): void {
  execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

export function databaseUrl(database: string, password = PASSWORD): string {
  return `postgres://${ROLE}:${encodeURIComponent(password)}@localhost:5432/${database}`;
}

/** Creates `database` afresh with the case in youth_snapshots; returns its URL. */
export async function createCaseDatabase(database: string): Promise<string> {
  psql(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN; END IF; END $$`);
  psql(`ALTER ROLE ${ROLE} PASSWORD '${PASSWORD}'`);
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  psql(`CREATE DATABASE ${database} OWNER ${ROLE}`);
  const url = databaseUrl(database);
  await withClient(url, async (client) => {
    await client.query(createTable);
    for (const { period, cells } of await caseRows()) {
      await client.query('INSERT INTO youth_snapshots VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [period, ...cells]);
    }
  });
  return url;
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
