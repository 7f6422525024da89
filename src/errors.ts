/**
 * Errors a user can fix: a bad config, snapshot or template, a missing file,
 * a period out of range. The CLI prints them without a stack and exits 1.
 * Anything else is a bug and keeps its stack.
 */

/** Where in an input a problem sits. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path of the file, as the user would recognise it. */
  file: string;
  line?: number;
  column?: number;
  /** A column name (CSV, Excel) when the column is better known by name. */
  columnName?: string;
  /** Excel sheet name. */
  sheet?: string;
  /** Row of a database query's result, 1-based (the line is then the query's, in the config). */
  row?: number;
}

export interface Problem {
  location?: SourceLocation;
  /** What is wrong, one sentence. */
  message: string;
  /** The offending value, shown as given. */
  value?: unknown;
  /** What was expected instead. */
  expected?: string;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
}

export class UserError extends Error {
  override readonly name = 'UserError';
  /** Every problem found; a UserError always has at least one. */
  readonly problems: Problem[];

  constructor(problems: Problem | Problem[], options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'), options);
    this.problems = list;
  }

  /** The same problems, prefixed with a line of context ("while building 2024-05"). */
  withContext(context: string): UserError {
    const err = new UserError(this.problems, { cause: this.cause });
    err.context = [context, ...this.context];
    return err;
  }

  context: string[] = [];
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.sheet !== undefined) text += ` [sheet ${location.sheet}]`;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  if (location.row !== undefined) text += `, query row ${location.row}`;
  if (location.columnName !== undefined) text += ` (column ${location.columnName})`;
  return text;
}

/** Shows a value so that blanks, whitespace and type are visible. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || value === '') return 'an empty value';
  if (typeof value === 'string') return showInvisibles(JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value));
  if (typeof value === 'object') {
    const json = jsonPreview(value, 80);
    return json.length > 80 ? json.slice(0, 77) + '...' : json;
  }
  return String(value);
}

/**
 * Characters that print as nothing or as a plain space — a right-to-left mark,
 * a zero-width space, a byte order mark, a no-break space — written as \u escapes,
 * as JSON already writes control characters: `got "\u200fnumeroA"` shows why
 * the value differs from the "numeroA" it looks like.
 */
const invisible = /[\p{Cf}\p{Zl}\p{Zp}\u00a0\u034f\u115f\u1160\u2000-\u200a\u202f\u205f\u3000\u3164]/gu;

export function showInvisibles(text: string): string {
  return text.replace(invisible, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The start of a value's JSON, about `limit` characters of it: a value nested
 * thousands deep or holding a million items costs no more to show than a
 * small one (JSON.stringify would walk all of it, or overflow the stack).
 */
export function jsonPreview(value: unknown, limit: number): string {
  let out = '';
  const emit = (item: unknown, depth: number): void => {
    if (out.length > limit) return;
    if (depth > 32) {
      out += '…';
      return;
    }
    if (Array.isArray(item)) {
      out += '[';
      for (let i = 0; i < item.length && out.length <= limit; i++) {
        if (i > 0) out += ',';
        const element: unknown = item[i];
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol') out += 'null';
        else emit(element, depth + 1);
      }
      out += ']';
      return;
    }
    if (item !== null && typeof item === 'object' && (Object.getPrototypeOf(item) === Object.prototype || Object.getPrototypeOf(item) === null)) {
      out += '{';
      let first = true;
      for (const key of Object.keys(item)) {
        if (out.length > limit) break;
        const member: unknown = (item as Record<string, unknown>)[key];
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':';
        first = false;
        emit(member, depth + 1);
      }
      out += '}';
      return;
    }
    // Only the start of a long text is shown anyway.
    const leaf = typeof item === 'string' && item.length > limit ? item.slice(0, limit + 1) : item;
    out += JSON.stringify(leaf) ?? String(leaf);
  };
  emit(value, 0);
  return out;
}

export function formatProblem(problem: Problem): string {
  const parts: string[] = [];
  if (problem.location) parts.push(`${formatLocation(problem.location)}: `);
  parts.push(problem.message);
  if ('value' in problem && problem.value !== undefined) parts.push(`: got ${showValue(problem.value)}`);
  if (problem.expected) parts.push(`, expected ${problem.expected}`);
  let text = parts.join('');
  if (problem.hint) text += `\n    hint: ${problem.hint}`;
  return text;
}

/** Collects problems during a pass that should report all of them at once. */
export class ProblemList {
  readonly items: Problem[] = [];
  add(problem: Problem): void {
    this.items.push(problem);
  }
  get size(): number {
    return this.items.length;
  }
  /** Throws one UserError carrying everything collected, if anything was. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new UserError(this.items);
  }
}
