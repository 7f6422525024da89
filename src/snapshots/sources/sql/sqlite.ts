/**
 * Runs a snapshot query on a SQLite file with sql.js: SQLite compiled to
 * WebAssembly, so it installs from the registry alone on Node 20 (no native
 * build, which better-sqlite3 12 needs; node:sqlite needs Node 22). The file
 * is read into memory and opened there, so nothing is ever written to it.
 */
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { UserError } from '../../../errors.js';
import { inputLimits, readInputFile } from '../../../input-file.js';
import type { Connection } from './connection.js';
import { DriverError, type QueryResult } from './result.js';

const require = createRequire(import.meta.url);
let engine: ReturnType<typeof initSqlJs> | undefined;

export async function querySqlite(connection: Connection, text: string, values: string[]): Promise<QueryResult> {
  let bytes: Buffer;
  try {
    // Bounded, and only a regular file, like every other input.
    bytes = await readInputFile({ path: connection.url, shown: connection.shown, what: 'SQLite database', maxBytes: inputLimits.snapshot });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DriverError('connect', code === 'ENOENT' ? 'the database file does not exist' : `cannot read the database file (${code ?? String(error)})`);
  }
  engine ??= initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  const SQL = await engine;
  const db = new SQL.Database(bytes);
  try {
    let statement;
    try {
      statement = db.prepare(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A file that is not SQLite fails only here, when the schema is first read.
      throw new DriverError(/file is not a database/.test(message) ? 'connect' : 'query', message);
    }
    try {
      statement.bind(values);
      const columns = statement.getColumnNames();
      const rows: unknown[][] = [];
      while (statement.step()) rows.push(statement.get());
      return { columns, rows };
    } catch (error) {
      throw new DriverError('query', error instanceof Error ? error.message : String(error));
    } finally {
      statement.free();
    }
  } finally {
    db.close();
  }
}
