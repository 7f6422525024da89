/**
 * A partial that includes itself, directly or through others, recurses until
 * the stack runs out (an internal error, after a long wait on a large view).
 * Found before anything renders, from the parsed templates: each cycle is
 * reported once, at the line of the inclusion that closes it.
 */
import type { Problem } from '../errors.js';
import { forEachStatement } from './template-walk.js';

interface Inclusion {
  partial: string;
  line: number;
  column: number;
}

/** One problem per partial that includes itself, in the order the templates are given. */
export function partialCycleProblems(templates: ReadonlyMap<string, { file: string; ast: hbs.AST.Program }>): Problem[] {
  const includes = new Map<string, Inclusion[]>();
  for (const [name, template] of templates) includes.set(name, inclusionsOf(template.ast));
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const [name, template] of templates) {
    const path = cycleFrom(name, includes);
    if (!path || reported.has(name)) continue;
    path.chain.forEach((member) => reported.add(member));
    const through = path.chain.length > 2 ? ` (${path.chain.join(' → ')})` : '';
    problems.push({
      location: { file: template.file, line: path.first.line, column: path.first.column },
      message: `partial "${name}" includes itself${through}`,
      hint: 'a partial cannot include itself, directly or through another partial: it would never finish',
    });
  }
  return problems;
}

/** A way back from `start` to itself: the names along it and the first inclusion taken. */
function cycleFrom(start: string, includes: ReadonlyMap<string, Inclusion[]>): { chain: string[]; first: Inclusion } | undefined {
  const seen = new Set<string>();
  const search = (name: string, chain: string[]): string[] | undefined => {
    for (const inclusion of includes.get(name) ?? []) {
      if (inclusion.partial === start) return [...chain, start];
      if (seen.has(inclusion.partial) || !includes.has(inclusion.partial)) continue;
      seen.add(inclusion.partial);
      const found = search(inclusion.partial, [...chain, inclusion.partial]);
      if (found) return found;
    }
    return undefined;
  };
  for (const first of includes.get(start) ?? []) {
    const chain = first.partial === start ? [start, start] : (() => {
      seen.add(first.partial);
      return search(first.partial, [start, first.partial]);
    })();
    if (chain) return { chain, first };
  }
  return undefined;
}

/** The partials a template includes by a fixed name ({{> name}}, {{#> name}}), with where. */
function inclusionsOf(ast: hbs.AST.Program): Inclusion[] {
  const found: Inclusion[] = [];
  forEachStatement(ast, (node) => {
    if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') return;
    const { name } = node as hbs.AST.PartialStatement;
    if (name.type !== 'PathExpression') return;
    found.push({ partial: String((name as hbs.AST.PathExpression).original), line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  });
  return found;
}
