/** What a driver gives back: column names and rows of raw cells. */
export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

/** A driver's failure, before its message is scrubbed and placed. */
export class DriverError extends Error {
  constructor(
    readonly stage: 'connect' | 'query',
    message: string,
  ) {
    super(message);
  }
}

/** Bounds on waiting for a database: connecting, and running the query. */
export const CONNECT_TIMEOUT_MS = 10_000;
export const QUERY_TIMEOUT_MS = 120_000;
