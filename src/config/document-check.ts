/**
 * Checks of the document a config files that the schema cannot express:
 * a declaration needs someone to declare it, and other documents a title.
 */
import type { Problem } from '../errors.js';
import type { ReportDefinition } from './schema.js';
import type { YamlSource } from './yaml-source.js';

export function documentProblems(definition: ReportDefinition, source: YamlSource): Problem[] {
  const { kind, title } = definition.template;
  const problems: Problem[] = [];
  if (title === undefined && kind !== 'declaration') {
    problems.push({
      location: source.locate(['template']),
      message: `template.title is missing: a ${kind} needs a title`,
      expected: kind === 'status-report' ? "a title such as DEFENDANTS' STATUS REPORT" : "a title such as DEFENDANTS' NOTICE OF FILING",
      hint: 'only a declaration is titled for you (DECLARATION OF <declarant>)',
    });
  }
  if (kind === 'status-report' || definition.declarant) return problems;
  return [
    ...problems,
    {
      location: source.locate(['template', 'kind']),
      message: `a ${kind} needs a declarant`,
      value: kind,
      expected: 'a declarant block at the top level: { name, title, place }',
      hint: 'add declarant: { name: ..., title: ..., place: ... } (the official who signs under 28 U.S.C. § 1746), or set template.kind: status-report',
    },
  ];
}

/** "DECLARATION OF JOHN Q. OFFICIAL": the title of a declaration, and of a notice's Exhibit 1. */
export function declarationTitle(declarantName: string): string {
  return `DECLARATION OF ${declarantName.toUpperCase()}`;
}
