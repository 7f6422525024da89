/**
 * Named parameters in a snapshot query (:period, :snapshotDate, :periodStart,
 * :periodEnd) become the driver's placeholders; the values are bound by the
 * driver, never written into the SQL. The scan skips what is not a parameter:
 * string literals (with '' and, in E'…', backslash escapes), quoted
 * identifiers, comments, PostgreSQL's $tag$…$tag$ strings and ::casts.
 */
import type { Period } from '../../../config/periods.js';

export const parameterNames = ['period', 'snapshotDate', 'periodStart', 'periodEnd'] as const;
export type ParameterName = (typeof parameterNames)[number];

export interface BoundQuery {
  /** The query with placeholders for the driver. */
  text: string;
  /** The values, in placeholder order. */
  values: string[];
  /** Each parameter used, with its value, for the manifest. */
  parameters: Partial<Record<ParameterName, string>>;
}

export class UnknownParameter extends Error {
  constructor(readonly parameter: string) {
    super(`unknown query parameter :${parameter}`);
  }
}

export function parameterValues(period: Period): Record<ParameterName, string> {
  return { period: period.id, snapshotDate: period.snapshotDate, periodStart: period.start, periodEnd: period.end };
}

/** `placeholder(n)` writes the driver's n-th (1-based) placeholder: `$1` for pg, `?1` for SQLite. */
export function bindParameters(query: string, values: Record<ParameterName, string>, placeholder: (position: number) => string): BoundQuery {
  const positions = new Map<ParameterName, number>();
  const bound: string[] = [];
  let text = '';
  let copiedTo = 0;
  let at = 0;
  while (at < query.length) {
    const char = query[at]!;
    const next = query[at + 1];
    if (char === "'") at = skipQuoted(query, at, "'", isEscapeString(query, at));
    else if (char === '"' || char === '`') at = skipQuoted(query, at, char, false);
    else if (char === '[') at = skipTo(query, at + 1, ']');
    else if (char === '-' && next === '-') at = skipTo(query, at + 2, '\n');
    else if (char === '/' && next === '*') at = skipBlockComment(query, at);
    else if (char === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(query.slice(at))) at = skipDollarQuoted(query, at);
    else if (char === ':' && next === ':') at += 2;
    else if (char === ':' && /[A-Za-z_]/.test(next ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(at + 1))![0];
      if (!(parameterNames as readonly string[]).includes(name)) throw new UnknownParameter(name);
      const parameter = name as ParameterName;
      let position = positions.get(parameter);
      if (position === undefined) {
        bound.push(values[parameter]);
        position = bound.length;
        positions.set(parameter, position);
      }
      text += query.slice(copiedTo, at) + placeholder(position);
      at += 1 + name.length;
      copiedTo = at;
    } else at++;
  }
  text += query.slice(copiedTo);
  const parameters = Object.fromEntries([...positions.keys()].map((name) => [name, values[name]]));
  return { text, values: bound, parameters };
}

/** E'…' (PostgreSQL) lets a backslash escape the quote. */
function isEscapeString(query: string, quoteAt: number): boolean {
  return quoteAt > 0 && /[eE]/.test(query[quoteAt - 1]!) && (quoteAt === 1 || !/[A-Za-z0-9_]/.test(query[quoteAt - 2]!));
}

/** Past the closing quote; a doubled quote is part of the text. Unclosed: to the end (the database will say so). */
function skipQuoted(query: string, at: number, quote: string, backslashEscapes: boolean): number {
  let i = at + 1;
  while (i < query.length) {
    if (backslashEscapes && query[i] === '\\') i += 2;
    else if (query[i] === quote) {
      if (query[i + 1] !== quote) return i + 1;
      i += 2;
    } else i++;
  }
  return i;
}

function skipTo(query: string, from: number, end: string): number {
  const found = query.indexOf(end, from);
  return found === -1 ? query.length : found + end.length;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(query: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < query.length) {
    if (query.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (query.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return i;
}

function skipDollarQuoted(query: string, at: number): number {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(query.slice(at))![0];
  return skipTo(query, at + tag.length, tag);
}
