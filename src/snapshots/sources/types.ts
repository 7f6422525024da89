import type { Snapshot } from '../types.js';

/** Where a snapshot's records came from, as a final build's manifest records it. */
export type SnapshotOrigin = FileOrigin | QueryOrigin;

export interface FileOrigin {
  kind: 'file';
  /** Absolute path of the file read. */
  file: string;
}

export interface QueryOrigin {
  kind: 'query';
  period: string;
  driver: 'postgres' | 'sqlite';
  /** Host and database (postgres) or the database file (sqlite); never a user name or password. */
  database: string;
  query: string;
  /** The values bound to the query's named parameters. */
  parameters: Record<string, string>;
  /** SHA-256 of the typed records in key order: the same rows give the same digest. */
  rowsSha256: string;
}

export interface SourcedSnapshot {
  snapshot: Snapshot;
  origin: SnapshotOrigin;
}

export interface ReadSnapshotOptions {
  /** Folder that paths in messages are shown relative to. Default: the working directory. */
  displayBase?: string;
  /** Environment that `url: env:NAME` reads. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}
