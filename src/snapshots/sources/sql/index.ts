/**
 * Snapshots read from a database: one query per period, its named
 * parameters bound by the driver, its columns typed like a file's. What the
 * manifest records of it (driver, host/database, query, parameters, digest
 * of the rows) says exactly which data a filed report was built from, and
 * never how to log in.
 */
import { periodOf } from '../../../config/periods.js';
import type { SnapshotSource, SqlSource } from '../../../config/types.js';
import { UserError } from '../../../errors.js';
import { CappedProblemList } from '../../problems.js';
import { toSnapshot, type RawTable } from '../../tabular.js';
import { digestRecords } from '../digest.js';
import type { ReadSnapshotOptions, SourcedSnapshot } from '../types.js';
import { connectionOf, type Connection } from './connection.js';
import { bindParameters, parameterNames, parameterValues, UnknownParameter, type BoundQuery } from './parameters.js';
import { DriverError, type QueryResult } from './result.js';

export async function readQuerySnapshot(
  source: SnapshotSource,
  sql: SqlSource,
  period: string,
  options: ReadSnapshotOptions = {},
): Promise<SourcedSnapshot> {
  const displayBase = options.displayBase ?? process.cwd();
  const connection = connectionOf(sql, options.env ?? process.env, displayBase);
  const bound = bind(sql, period);
  const result = await run(sql, connection, bound, period);
  if (result.rows.length === 0) {
    throw new UserError({
      location: sql.queryLocation,
      message: `the snapshot query returned no rows for ${period} from ${connection.shown}`,
      hint: `parameters: ${Object.entries(bound.parameters).map(([name, value]) => `:${name} = ${value}`).join(', ') || 'none'}; check the query's WHERE clause, or that the period is loaded`,
    });
  }
  const table = queryTable(result, sql);
  const snapshot = toSnapshot(table, source, period, connection.shown, new CappedProblemList());
  return {
    snapshot,
    origin: {
      kind: 'query',
      period,
      driver: sql.driver,
      database: connection.shown,
      query: sql.query,
      parameters: bound.parameters,
      rowsSha256: digestRecords(snapshot),
    },
  };
}

function bind(sql: SqlSource, period: string): BoundQuery {
  const dates = periodOf(period, { first: period, last: undefined, snapshotDay: sql.snapshotDay, due: undefined });
  try {
    return bindParameters(sql.query, parameterValues(dates), (position) => (sql.driver === 'postgres' ? `$${position}` : `?${position}`));
  } catch (error) {
    if (!(error instanceof UnknownParameter)) throw error;
    throw new UserError({
      location: sql.queryLocation,
      message: `the query has the parameter :${error.parameter}, which court-report does not set`,
      expected: parameterNames.map((name) => `:${name}`).join(', '),
      hint: 'write a PostgreSQL cast as ::type; a colon inside quotes is text, not a parameter',
    });
  }
}

async function run(sql: SqlSource, connection: Connection, bound: BoundQuery, period: string): Promise<QueryResult> {
  try {
    if (sql.driver === 'postgres') {
      const { queryPostgres } = await import('./postgres.js');
      return await queryPostgres(connection, bound.text, bound.values);
    }
    const { querySqlite } = await import('./sqlite.js');
    return await querySqlite(connection, bound.text, bound.values);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    // The driver's own error is not kept as the cause: it may carry what the scrubbed message leaves out.
    const reason = connection.scrub(error.message);
    throw new UserError(
      error.stage === 'connect'
        ? {
            location: sql.location,
            message: `cannot open the ${sql.driver} database ${connection.shown}: ${reason}`,
            hint: sql.driver === 'postgres' ? 'check snapshots.sql.url (or the variable it names), that the server is running, and the user\'s password' : 'check snapshots.sql.url: a SQLite file, relative to the config',
          }
        : {
            location: sql.queryLocation,
            message: `the snapshot query for ${period} failed on ${connection.shown}: ${reason}`,
            hint: 'run the query by hand (psql, sqlite3) with the same parameters to see what the database says',
          },
    );
  }
}

/** The query's rows as cells for the typing step; problems are placed at the query, by row and column. */
function queryTable(result: QueryResult, sql: SqlSource): RawTable {
  const line = sql.queryLocation.line;
  return {
    file: sql.queryLocation.file,
    columns: result.columns,
    ...(line === undefined ? {} : { headerLine: line }),
    lineNoun: 'row',
    rows: result.rows.map((row) => row.map(cellValue)),
    locate: (rowIndex) => ({ ...(line === undefined ? {} : { line }), row: rowIndex + 1 }),
    columnLabel: (index) => result.columns[index]!,
  };
}

function cellValue(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'bigint') return value.toString();
  return value;
}
