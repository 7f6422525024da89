/**
 * Handlebars errors as UserErrors that point at the template: file, line and
 * column, the expression at fault and what the report has instead. Handlebars
 * reports some of this in its message text ("Parse error on line N",
 * "... - L:C"), some not at all (a missing partial, a property read on
 * undefined); those are found in the source or its syntax tree.
 */
import Handlebars from 'handlebars';
import { UserError, type Problem } from '../errors.js';
import { HelperMisuse } from './helpers.js';
import type { ReportView } from './types.js';

type Node = hbs.AST.Node;

/** A template file as the engine holds it. */
export interface TemplateFile {
  /** Absolute path. */
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
  EOF: 'the end of the file',
  CLOSE: '}}',
  OPEN: '{{',
  ID: 'a name',
};

/** A template that does not parse. `lexer` is where the Handlebars lexer stopped, 0-based column. */
export function syntaxError(file: string, error: unknown, lexer?: { first_line: number; first_column: number }): UserError {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^(?:Parse|Lexical) error on line (\d+)/.exec(message);
  let problem: Problem;
  if (parse) {
    const line = Number(parse[1]);
    const column = lexer && lexer.first_line === line ? lexer.first_column + 1 : undefined;
    const got = /got '([^']+)'$/.exec(message)?.[1];
    const what = got ? (TOKENS[got] ?? `'${got}'`) : 'text';
    problem = { location: { file, line, ...(column ? { column } : {}) }, message: `template syntax error: unexpected ${what}`, hint: SYNTAX_HINT };
  } else {
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
    const detail = mismatch ? `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}` : withoutPosition(message);
    problem = { location: locate(file, error), message: `template syntax error: ${detail}`, hint: SYNTAX_HINT };
  }
  return new UserError(problem, { cause: error });
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
    problem = { location: { file, ...at }, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  } else if (error instanceof Handlebars.Exception) {
    const message = withoutPosition(error.message);
    const location = locate(file, error);
    const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
    if (partial !== undefined) {
      const at = positionOf(source, new RegExp(`\\{\\{~?#?>\\s*${escapeRegExp(partial)}(?=[\\s}~])`));
      problem = {
        location: { file, ...at },
        message: `no partial named ${partial}`,
        hint: `the partials are: ${names.partials.join(', ')}; a partial is a file partials/<name>.hbs in the template folder`,
      };
    } else if (/^".*" not defined in /.test(message) && location.line !== undefined) {
      const expression = expressionAt(source, location.line, location.column ?? 1);
      // `{{name arg}}` is a helper call; `{{name}}` may be a value or a helper.
      problem = isCall(source, location.line, location.column ?? 1, expression)
        ? { location, message: `no helper named ${expression}`, hint: `the helpers are: ${names.helpers.join(', ')}` }
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

function hintForPath(expression: string, view: ReportView): string {
  const parts = expression.replace(/^@root\./, '').split('.');
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
  return `a template sees ${Object.keys(view).join(', ')}; inside {{#each}} or {{#with}} names refer to the current item (use @root. for the top level)`;
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
