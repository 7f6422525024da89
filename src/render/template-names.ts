/**
 * Every name a template uses that the report does not have, found in one
 * pass over the parsed templates rather than one per render: Handlebars stops
 * at the first, so a template with five typos took five runs to fix.
 *
 * Checked against the view of the period being rendered: helpers and
 * partials by name; metric ids given to lookupMetric, lookupMetrics and
 * trendChart; and paths read in the view's own context (the layout and the
 * body, outside {{#each}} and {{#with}}, or from @root). A path is only
 * called undefined when the object that should hold it is there and lacks
 * the name (a typo), never when a part on the way is null (priorPeriod in the
 * first report): that one depends on the period and is left to the render.
 * {{#if}} and {{#unless}} are followed as the render will, so what the
 * period does not render is not judged.
 */
import type { Problem } from '../errors.js';
import { closest } from '../snapshots/did-you-mean.js';
import { helperHint, hintForPath, partialHint, type TemplateFile } from './template-errors.js';
import { forEachStatement } from './template-walk.js';
import type { ReportView } from './types.js';

type Node = hbs.AST.Node;

export interface KnownNames {
  partials: string[];
  helpers: string[];
}

/** Handlebars' own block helpers; `if` and `unless` keep the context, the others change it. */
const BUILT_IN = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);
/** Block helpers of ours that render their block in the same context. */
const SAME_CONTEXT = new Set(['if', 'unless', 'exhibit']);
/** Helpers whose string arguments (after `skip` others) are metric ids. */
const METRIC_ARGUMENTS: Record<string, number> = { lookupMetric: 0, lookupMetrics: 0, trendChart: 1 };

/** The problems of every template, in the order the templates are given, each file's in line order; repeats grouped. */
export function undefinedNameProblems(templates: Iterable<TemplateFile>, view: ReportView, names: KnownNames): Problem[] {
  const problems: Problem[] = [];
  for (const template of templates) problems.push(...grouped(template.file, namesIn(template, view, names)));
  return problems;
}

interface Found {
  line: number;
  column: number;
  message: string;
  hint: string;
}

function namesIn(template: TemplateFile, view: ReportView, names: KnownNames): Found[] {
  const helpers = new Set([...names.helpers, ...BUILT_IN]);
  // Partials the file defines itself ({{#*inline "party"}}) count as well.
  const partials = new Set([...names.partials, ...inlinePartials(template.ast)]);
  const found: Found[] = [];
  const at = (node: Node, message: string, hint: string) => found.push({ line: node.loc.start.line, column: node.loc.start.column + 1, message, hint });

  /** A path read as a value; `givenTo` is the helper it is passed to. */
  const checkPath = (node: Node, inView: boolean, givenTo?: string) => {
    if (node.type !== 'PathExpression') return;
    const path = node as hbs.AST.PathExpression;
    const fromRoot = path.data && path.parts[0] === 'root';
    if ((path.data && !fromRoot) || path.depth > 0 || (!fromRoot && !inView)) return;
    const parts = fromRoot ? path.parts.slice(1) : path.parts;
    if (parts.length === 0 || (!fromRoot && givenTo === undefined && helpers.has(parts[0]!))) return;
    if (resolve(view, parts) !== 'missing') return;
    // Handlebars' block helpers take a missing value as false or empty (an optional key of the config, case.division):
    // only a metric or an event that the report does not have is surely a mistake there.
    if (givenTo !== undefined && BUILT_IN.has(givenTo) && !(['metrics', 'events'].includes(parts[0]!) && parts.length >= 2)) return;
    at(node, `${path.original} is not defined${givenTo ? ` (given to ${givenTo})` : ''}`, hintForPath(path.original, view));
  };

  const checkMetricIds = (helper: string, params: Node[]) => {
    const skip = METRIC_ARGUMENTS[helper];
    if (skip === undefined) return;
    for (const param of params.slice(skip)) {
      if (param.type !== 'StringLiteral') continue;
      const id = (param as hbs.AST.StringLiteral).value;
      if (Object.hasOwn(view.metrics, id)) continue;
      const near = closest(id, Object.keys(view.metrics));
      at(param, `${helper}: no metric "${id}"`, `${near ? `did you mean "${near}"? The` : 'the'} metrics of this report are: ${Object.keys(view.metrics).join(', ')}`);
    }
  };

  /** A mustache, block or subexpression: its helper (if it calls one), its arguments, its blocks. */
  const visitCall = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, inView: boolean) => {
    const params = node.params ?? [];
    const hash = node.hash?.pairs.map((pair) => pair.value) ?? [];
    const callee = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression) : undefined;
    const name = callee && !callee.data && callee.depth === 0 && callee.parts.length === 1 ? callee.original : undefined;
    const calls = params.length > 0 || hash.length > 0 || node.type === 'SubExpression';
    if (calls && name !== undefined && !helpers.has(name)) at(node.path, `no helper named ${name}`, helperHint(name, names.helpers));
    if (!calls && node.type === 'MustacheStatement') checkPath(node.path, inView);
    const givenTo = name !== undefined && helpers.has(name) ? name : undefined;
    for (const argument of [...params, ...hash]) visitValue(argument, inView, givenTo);
    if (givenTo) checkMetricIds(givenTo, params);
    if (node.type !== 'BlockStatement') return;
    const block = node as hbs.AST.BlockStatement;
    // {{#if}} and {{#unless}} render one branch: the one this period takes, when the condition is a plain path.
    const branch = name === 'if' || name === 'unless' ? takenBranch(params[0], inView, name) : 'both';
    const inner = inView && name !== undefined && SAME_CONTEXT.has(name);
    if (branch !== 'inverse') visit(block.program, inner);
    if (branch !== 'program') visit(block.inverse, name === 'if' || name === 'unless' ? inView : inner);
  };

  const takenBranch = (condition: Node | undefined, inView: boolean, helper: 'if' | 'unless'): 'program' | 'inverse' | 'both' => {
    if (!inView || condition?.type !== 'PathExpression') return 'both';
    const path = condition as hbs.AST.PathExpression;
    if (path.data || path.depth > 0) return 'both';
    const value = resolve(view, path.parts);
    if (value === 'unknown') return 'both';
    const truthy = value !== 'missing' && isTruthy(value.value);
    return truthy === (helper === 'if') ? 'program' : 'inverse';
  };

  const visitValue = (node: Node, inView: boolean, givenTo?: string) => {
    if (node.type === 'SubExpression') visitCall(node as hbs.AST.SubExpression, inView);
    else checkPath(node, inView, givenTo);
  };

  const visit = (node: Node | null | undefined, inView: boolean): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const child of (node as hbs.AST.Program).body) visit(child, inView);
        return;
      case 'MustacheStatement':
      case 'BlockStatement':
        visitCall(node as hbs.AST.MustacheStatement, inView);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const partial = node as hbs.AST.PartialStatement;
        const named = partial.name as Node;
        const partialName =
          named.type === 'PathExpression' ? (named as hbs.AST.PathExpression).original : named.type === 'StringLiteral' ? (named as hbs.AST.StringLiteral).value : undefined;
        // A partial block renders its own content when the partial is missing; a dynamic name is not known here.
        const isData = named.type === 'PathExpression' && (named as hbs.AST.PathExpression).data;
        if (node.type === 'PartialStatement' && partialName !== undefined && !isData && !partials.has(partialName)) {
          at(node, `no partial named ${partialName}`, partialHint(partialName, names.partials));
        }
        for (const argument of [...(partial.params ?? []), ...(partial.hash?.pairs.map((pair) => pair.value) ?? [])]) visitValue(argument, inView);
        if (node.type === 'PartialBlockStatement') visit((node as hbs.AST.PartialBlockStatement).program, inView);
        return;
      }
      default:
        return;
    }
  };
  visit(template.ast, template.rootContext);
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The names of the inline partials a file defines, wherever in it. */
function inlinePartials(ast: hbs.AST.Program): string[] {
  const names: string[] = [];
  forEachStatement(ast, (node) => {
    const candidate = node as Partial<hbs.AST.BlockStatement>;
    const [first] = candidate.params ?? [];
    if (node.type === 'DecoratorBlock' && (candidate.path as hbs.AST.PathExpression | undefined)?.original === 'inline' && first?.type === 'StringLiteral') {
      names.push(String((first as hbs.AST.StringLiteral).value));
    }
  });
  return names;
}

/** The value at a path of the view; "missing" when an object on the way lacks the name, "unknown" when a part is null or not an object. */
function resolve(view: ReportView, parts: readonly string[]): { value: unknown } | 'missing' | 'unknown' {
  let value: unknown = view;
  for (const part of parts) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'unknown';
    if (!Object.hasOwn(value, part)) return 'missing';
    value = (value as Record<string, unknown>)[part];
  }
  return { value };
}

/** As Handlebars' {{#if}}: false, null, undefined, "", 0 and [] are false. */
function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** One problem per distinct message in a file, at its first place, naming the others. */
function grouped(file: string, found: Found[]): Problem[] {
  const byMessage = new Map<string, Found[]>();
  for (const item of found) byMessage.set(item.message, [...(byMessage.get(item.message) ?? []), item]);
  return [...byMessage.values()].map(([first, ...others]) => ({
    location: { file, line: first!.line, column: first!.column },
    message: others.length === 0 ? first!.message : `${first!.message}, also at ${others.map((o) => `${o.line}:${o.column}`).join(', ')}`,
    hint: first!.hint,
  }));
}
