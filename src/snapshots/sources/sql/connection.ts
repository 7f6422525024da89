/**
 * The database a query runs against: the URL read from the config or the
 * environment, what may be shown of it (host and database, never a user name
 * or password), and a scrubber that takes every secret out of driver messages.
 */
import path from 'node:path';
import { parse } from 'pg-connection-string';
import type { SqlSource } from '../../../config/types.js';
import { displayPath } from '../../../display-path.js';
import { UserError } from '../../../errors.js';

export interface Connection {
  /** What the driver connects with. Never shown. */
  url: string;
  /** Host/database or the SQLite file, as messages and manifests show it. */
  shown: string;
  /** Takes the URL, the password and the user name out of a message. */
  scrub(message: string): string;
}

const ENV = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

export function connectionOf(sql: SqlSource, env: NodeJS.ProcessEnv, displayBase: string): Connection {
  const fromEnv = ENV.exec(sql.url.trim());
  let url = sql.url.trim();
  if (fromEnv) {
    const value = env[fromEnv[1]!];
    if (value === undefined || value.trim() === '') {
      throw new UserError({
        location: sql.location,
        message: `snapshots.sql.url reads the environment variable ${fromEnv[1]}, which is not set`,
        hint: `set it before running court-report, e.g. export ${fromEnv[1]}=postgres://user:password@host/database`,
      });
    }
    url = value.trim();
  }
  if (sql.driver === 'sqlite') {
    const file = path.resolve(sql.dir, url.replace(/^(sqlite|file):(\/\/)?/, ''));
    return { url: file, shown: displayPath(file, displayBase), scrub: (message) => message };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError({
      location: sql.location,
      message: `snapshots.sql.url for postgres must be a postgres:// URL${fromEnv ? ` (from ${fromEnv[1]})` : ''}`,
      hint: 'e.g. postgres://user@db.example.gov/cases, or env:DATABASE_URL; the password is best given by PGPASSWORD or ~/.pgpass',
    });
  }
  const parts = parse(url);
  const host = parts.host ?? 'localhost';
  const shown = `${host}${parts.port ? `:${parts.port}` : ''}/${parts.database ?? ''}`;
  const secrets = [url, parts.password, parts.password && encodeURIComponent(parts.password), parts.user && `${parts.user}@`]
    .filter((secret): secret is string => typeof secret === 'string' && secret.length > 0)
    .sort((a, b) => b.length - a.length);
  const scrub = (message: string) => secrets.reduce((text, secret) => text.split(secret).join(secret.endsWith('@') ? '***@' : '***'), message);
  return { url, shown, scrub };
}
