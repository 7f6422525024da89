/**
 * Handlebars errors as UserErrors that point at the template: file, line and
 * column, the expression at fault and what the report has instead. Handlebars
 * reports some of this in its message text ("Parse error on line N",
 * "... - L:C"), some not at all (a missing partial, a property read on
 * undefined); those are found in the source or its syntax tree.
 */
import Handlebars from 'handlebars';
import { UserError, type Problem } from '../errors.js';
import { closest } from '../snapshots/did-you-mean.js';
import { HelperMisuse } from './helpers.js';
import type { ReportView } from './types.js';

type Node = hbs.AST.Node;

/** A template file as the engine holds it. */
export interface TemplateFile {
  /** Path as shown in messages. */
  file: string;
  source: string;
  ast: hbs.AST.Program;
  /** Rendered with the ReportView itself as context (layout, body, stylesheet), not a partial's own context. */
  rootContext: boolean;
}

export interface Position {
  line: number;
  /** 1-based. */
  column: number;
}

const SYNTAX_HINT = 'every {{ needs its }}, and every {{#block}} its {{/block}}';

const TOKENS: Record<string, string> = {
  INVALID: 'text that is not Handlebars syntax',
  EOF: 'end of the file',
  CLOSE: '}}',
  OPEN: '{{',
  ID: 'a name',
};

/** A template that does not parse. `lexer` is where the Handlebars lexer stopped, 0-based column. */
export function syntaxError(file: string, source: string, error: unknown, lexer?: { first_line: number; first_column: number }): UserError {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^(?:Parse|Lexical) error on line (\d+)/.exec(message);
  let problem: Problem;
  const got = parse ? /got '([^']+)'$/.exec(message)?.[1] : undefined;
  const unclosed = got === 'EOF' ? unclosedBlock(source) : undefined;
  if (unclosed) {
    problem = {
      location: { file, line: unclosed.line, column: unclosed.column },
      message: `template syntax error: {{#${unclosed.name}}} is never closed`,
      hint: `add {{/${unclosed.name}}} where the block ends`,
    };
  } else if (parse) {
    const line = Number(parse[1]);
    const column = lexer && lexer.first_line === line ? lexer.first_column + 1 : undefined;
    const text = column === undefined ? undefined : /^\S{1,12}/.exec(source.split('\n')[line - 1]?.slice(column - 1) ?? '')?.[0];
    const what = got === 'INVALID' && text ? JSON.stringify(text) : got ? (TOKENS[got] ?? `'${got}'`) : 'text';
    problem = { location: { file, line, ...(column ? { column } : {}) }, message: `template syntax error: unexpected ${what}`, hint: SYNTAX_HINT };
  } else {
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
    const detail = mismatch ? `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}` : withoutPosition(message);
    problem = { location: locate(file, error), message: `template syntax error: ${detail}`, hint: SYNTAX_HINT };
  }
  return new UserError(problem, { cause: error });
}

/** The innermost {{#block}} (or {{^block}}) the file never closes, found by pairing the tags in the text. */
function unclosedBlock(source: string): (Position & { name: string }) | undefined {
  const open: Array<{ name: string; index: number }> = [];
  for (const match of source.matchAll(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*[*>]?\s*([^\s}~]+)/g)) {
    const [, sign, name] = match;
    if (sign === undefined || name === undefined) continue;
    if (sign !== '/') open.push({ name, index: match.index });
    else if (open.at(-1)?.name === name) open.pop();
  }
  const block = open.at(-1);
  if (!block) return undefined;
  const before = source.slice(0, block.index).split('\n');
  return { name: block.name, line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * A render-time failure in `template` as a UserError, or undefined when it is
 * not the template's fault (a bug, which keeps its stack).
 */
export function renderError(
  template: TemplateFile,
  error: unknown,
  view: ReportView,
  names: { partials: string[]; helpers: string[] },
): UserError | undefined {
  const { file, source } = template;
  let problem: Problem | undefined;
  if (error instanceof UserError) return error;
  if (error instanceof HelperMisuse) {
    const at = error.loc ? { line: error.loc.start.line, column: error.loc.start.column + 1 } : {};
    // Strict mode lets a helper's missing argument through; name it rather than the helper's complaint.
    const missing = error.loc && template.rootContext && error.message.includes('got nothing') ? undefinedArgument(template.ast, error.loc.start, view) : undefined;
    problem = missing
      ? { location: { file, ...at }, message: `${missing} is not defined (given to ${error.message.split(':')[0]})`, hint: hintForPath(missing, view) }
      : { location: { file, ...at }, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  } else if (error instanceof Handlebars.Exception) {
    const message = withoutPosition(error.message);
    const location = locate(file, error);
    const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
    if (partial !== undefined) {
      const at = positionOf(source, new RegExp(`\\{\\{~?#?>\\s*${escapeRegExp(partial)}(?=[\\s}~])`));
      problem = { location: { file, ...at }, message: `no partial named ${partial}`, hint: partialHint(partial, names.partials) };
    } else if (/^".*" not defined in /.test(message) && location.line !== undefined) {
      const expression = expressionAt(source, location.line, location.column ?? 1);
      // `{{name arg}}` is a helper call; `{{name}}` may be a value or a helper.
      problem = isCall(source, location.line, location.column ?? 1, expression)
        ? { location, message: `no helper named ${expression}`, hint: helperHint(expression, names.helpers) }
        : { location, message: `${expression} is not defined`, hint: hintForPath(expression, view) };
    } else {
      problem = { location, message };
    }
  } else if (error instanceof TypeError && /^Cannot (read properties of (undefined|null)|use 'in' operator)/.test(error.message)) {
    // A path like metrics.nope.value given to a helper: Handlebars reads .value of undefined, with no location.
    const found = template.rootContext ? findMissingPath(template.ast, view) : undefined;
    problem = found
      ? { location: { file, line: found.line, column: found.column }, message: `${found.path} is not defined`, hint: hintForPath(found.path, view) }
      : { location: { file }, message: `a value used in this template is not defined (${error.message})`, hint: hintForPath('', view) };
  }
  return problem ? new UserError(problem, { cause: error }) : undefined;
}

export function partialHint(name: string, partials: string[]): string {
  const near = closest(name, partials);
  return `${near ? `did you mean "${near}"? The` : 'the'} partials are: ${partials.join(', ')}; a partial is a file partials/<name>.hbs in the template folder`;
}

export function helperHint(name: string, helpers: string[]): string {
  const near = closest(name, helpers);
  return `${near ? `did you mean "${near}"? The` : 'the'} helpers are: ${helpers.join(', ')}`;
}

function withoutPosition(message: string): string {
  return message.replace(/ - \d+:\d+$/, '');
}

/** Handlebars Exceptions carry a 1-based line and a 0-based column. */
function locate(file: string, error: unknown): { file: string; line?: number; column?: number } {
  const { lineNumber, column } = (error ?? {}) as { lineNumber?: unknown; column?: unknown };
  if (typeof lineNumber !== 'number') return { file };
  return { file, line: lineNumber, column: (typeof column === 'number' ? column : 0) + 1 };
}

function positionOf(source: string, pattern: RegExp): Partial<Position> {
  const match = pattern.exec(source);
  if (!match) return {};
  const before = source.slice(0, match.index).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function expressionAt(source: string, line: number, column: number): string {
  const rest = source.split('\n')[line - 1]?.slice(column - 1) ?? '';
  return /^[^\s}()=~]+/.exec(rest)?.[0] ?? 'a name';
}

function isCall(source: string, line: number, column: number, expression: string): boolean {
  const after = source.split('\n')[line - 1]?.slice(column - 1 + expression.length) ?? '';
  return /^\s+[^\s}~]/.test(after);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function hintForPath(expression: string, view: ReportView): string {
  const parts = expression.replace(/^@root\./, '').split('.');
  const near = nearestPath(parts, view);
  return near ? `did you mean ${near}? ${capitalise(listForPath(parts, view))}` : listForPath(parts, view);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What there is at the level of `parts` where a name is missing. */
function listForPath(parts: readonly string[], view: ReportView): string {
  const [head, id, field] = parts;
  for (const kind of ['metrics', 'events'] as const) {
    if (head !== kind || id === undefined) continue;
    if (!Object.hasOwn(view[kind], id)) return `the ${kind} of this report are: ${Object.keys(view[kind]).join(', ')}`;
    const fields = kind === 'metrics' ? 'id, label, value, prior, delta, groups' : 'id, label, count';
    if (field !== undefined) return `a ${kind === 'metrics' ? 'metric' : 'event'} has: ${fields}`;
  }
  if (head === 'priorPeriod' && view.priorPeriod === null) {
    return 'the first report has no prior period: put this inside {{#if priorPeriod}} ... {{/if}}';
  }
  const missingAt = parts.findIndex((_, i) => valueAt(view, parts.slice(0, i + 1)) === undefined);
  if (missingAt > 0) {
    const parent = valueAt(view, parts.slice(0, missingAt));
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      return `the names in ${parts.slice(0, missingAt).join('.')} are: ${Object.keys(parent).join(', ')}`;
    }
  }
  return `a template sees ${Object.keys(view).join(', ')}; inside {{#each}} or {{#with}} names refer to the current item (use @root. for the top level)`;
}

/** The path the user probably meant: the first name that is not there, replaced by the nearest one that is. */
function nearestPath(parts: readonly string[], view: ReportView): string | undefined {
  for (let i = 0; i < parts.length; i++) {
    const parent = valueAt(view, parts.slice(0, i));
    if (parent === null || typeof parent !== 'object') return undefined;
    if (Object.hasOwn(parent, parts[i]!)) continue;
    const near = closest(parts[i]!, Object.keys(parent));
    return near === undefined ? undefined : `"${[...parts.slice(0, i), near].join('.')}"`;
  }
  return undefined;
}

function valueAt(view: ReportView, parts: readonly string[]): unknown {
  let value: unknown = view;
  for (const part of parts) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The first argument of the helper call at `start` that names a value the
 * view does not have, e.g. period.snapshotDay in {{date period.snapshotDay}}.
 */
function undefinedArgument(ast: hbs.AST.Program, start: { line: number; column: number }, view: ReportView): string | undefined {
  let call: (Node & { params?: Node[] }) | undefined;
  const visit = (node: unknown): void => {
    if (call || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const candidate = node as Node & { params?: Node[] };
    if (typeof candidate.type !== 'string') return;
    if (candidate.params && candidate.loc?.start.line === start.line && candidate.loc.start.column === start.column) {
      call = candidate;
      return;
    }
    for (const [key, child] of Object.entries(candidate)) if (key !== 'loc') visit(child);
  };
  visit(ast);
  for (const param of call?.params ?? []) {
    if (param.type !== 'PathExpression') continue;
    const path = param as hbs.AST.PathExpression;
    const fromRoot = path.data && path.parts[0] === 'root';
    if ((path.data && !fromRoot) || path.depth > 0) continue;
    if (valueAt(view, fromRoot ? path.parts.slice(1) : path.parts) === undefined) return path.original;
  }
  return undefined;
}

/**
 * The first path, in document order, that reads a property of a missing
 * value, judged against the view. Only paths evaluated in the view's own
 * context count: inside {{#each}} the context is unknown here.
 */
export function findMissingPath(ast: hbs.AST.Program, view: ReportView): { path: string; line: number; column: number } | undefined {
  const scoped = (block: hbs.AST.BlockStatement) => ['if', 'unless'].includes(block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '');
  const visit = (node: Node | null | undefined, atRoot: boolean): ReturnType<typeof findMissingPath> => {
    if (!node) return undefined;
    const any = node as Node & Record<string, unknown>;
    switch (node.type) {
      case 'Program':
        return first((any['body'] as Node[]).map((child) => () => visit(child, atRoot)));
      case 'MustacheStatement':
      case 'SubExpression':
      case 'BlockStatement':
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const params = (any['params'] as Node[] | undefined) ?? [];
        const hash = ((any['hash'] as hbs.AST.Hash | undefined)?.pairs ?? []).map((pair) => pair.value);
        const isCall = params.length > 0 || hash.length > 0 || node.type !== 'MustacheStatement';
        const inner = node.type === 'BlockStatement' && atRoot && scoped(node as hbs.AST.BlockStatement);
        return first([
          () => (isCall ? undefined : visit(any['path'] as Node, atRoot)),
          ...[...params, ...hash].map((child) => () => visit(child, atRoot)),
          () => visit(any['program'] as Node | undefined, inner),
          () => visit(any['inverse'] as Node | undefined, inner),
        ]);
      }
      case 'PathExpression': {
        const path = node as hbs.AST.PathExpression;
        const fromRoot = path.data && path.parts[0] === 'root';
        if (path.data && !fromRoot) return undefined;
        if (!fromRoot && (!atRoot || path.depth > 0)) return undefined;
        const parts = fromRoot ? path.parts.slice(1) : path.parts;
        let value: unknown = view;
        for (let i = 0; i < parts.length - 1; i++) {
          value = value !== null && typeof value === 'object' && Object.hasOwn(value, parts[i]!) ? (value as Record<string, unknown>)[parts[i]!] : undefined;
          if (value === undefined || value === null) {
            return { path: path.original, line: node.loc.start.line, column: node.loc.start.column + 1 };
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  return visit(ast, true);
}

function first<T>(thunks: Array<() => T | undefined>): T | undefined {
  for (const thunk of thunks) {
    const result = thunk();
    if (result !== undefined) return result;
  }
  return undefined;
}
