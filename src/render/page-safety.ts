/**
 * What keeps report.html inert when it is opened in a browser rather than
 * printed: a Content-Security-Policy that allows no script and no fetch
 * (fonts and images only as data: URLs), and a warning for each {{{triple-stash}}}, which prints a value
 * unescaped, so a `<script>` in snapshot data would reach the page.
 */
import type { Problem } from '../errors.js';
import { forEachStatement } from './template-walk.js';

/** The policy of report.html, whose fonts are inlined as data: URLs. */
export function contentSecurityPolicy(): string {
  return "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
}

/** The document with the policy as the first element of its head (or before everything, without one), on the head's line so that line numbers stay. */
export function withContentSecurityPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

/** One warning per {{{ }}} (or {{& }}) in a template, at its line and column. */
export function tripleStashWarnings(file: string, ast: hbs.AST.Program): Problem[] {
  const warnings: Problem[] = [];
  forEachStatement(ast, (node) => {
    if (node.type !== 'MustacheStatement' || (node as hbs.AST.MustacheStatement).escaped !== false) return;
    const path = (node as hbs.AST.MustacheStatement).path as Partial<hbs.AST.PathExpression>;
    warnings.push({
      location: { file, line: node.loc?.start.line, column: (node.loc?.start.column ?? 0) + 1 },
      message: `{{{${String(path.original ?? '')}}}} prints its value unescaped: markup in snapshot data (a <script>) would reach report.html`,
      hint: 'use {{ }} unless the value is markup you wrote; report.html allows no script, but the markup still shows',
    });
  });
  return warnings;
}
