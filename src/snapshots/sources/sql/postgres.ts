/**
 * Runs a snapshot query on PostgreSQL with `pg` (pure JavaScript). Values
 * that JavaScript would change are kept as the server's text: DATE (a Date
 * would shift with the time zone), NUMERIC and BIGINT (a number would lose
 * digits), timestamps. The typing step then reads them as it reads CSV cells.
 */
import pg from 'pg';
import type { Connection } from './connection.js';
import { CONNECT_TIMEOUT_MS, DriverError, QUERY_TIMEOUT_MS, type QueryResult } from './result.js';

const { builtins } = pg.types;
const keptAsText = new Set<number>([builtins.DATE, builtins.NUMERIC, builtins.INT8, builtins.TIMESTAMP, builtins.TIMESTAMPTZ, builtins.TIME, builtins.TIMETZ, builtins.INTERVAL]);
const asText = (value: string) => value;

// Per query, so that nothing else in the process sees other parsers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    keptAsText.has(oid) ? asText : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export async function queryPostgres(connection: Connection, text: string, values: string[]): Promise<QueryResult> {
  const client = new pg.Client({
    connectionString: connection.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: QUERY_TIMEOUT_MS,
    application_name: 'court-report',
  });
  // An idle client that loses its server emits 'error'; without a listener that would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DriverError('connect', describe(error));
  }
  try {
    const result = await client.query({ text, values, rowMode: 'array', types });
    return { columns: result.fields.map((field) => field.name), rows: result.rows as unknown[][] };
  } catch (error) {
    throw new DriverError('query', describe(error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: string };
  // AggregateError (every address refused) has an empty message.
  const message = error.message || (error instanceof AggregateError ? error.errors.map(describe).join('; ') : '') || code || error.name;
  return message;
}
