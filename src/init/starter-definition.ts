/**
 * The report.yaml and body.hbs that init writes for an export: its fields,
 * starter metrics and events, and a case and filer skeleton whose
 * placeholders validate but are plainly not yet filled in.
 */
import type { InferredField } from './infer-fields.js';
import type { CsvDialect } from './sniff-csv.js';
import { camelCase, IdAllocator } from './names.js';

export interface StarterInput {
  id: string;
  period: string;
  /** snapshots.path, with {period}. */
  snapshotPath: string;
  key: InferredField;
  fields: InferredField[];
  /** The `$schema` path written in the first line, relative to the new report.yaml. */
  schemaPath: string;
  /** Shown in the opening comment. */
  exportName: string;
  /** How the CSV was saved, where not UTF-8 with commas. */
  dialect?: CsvDialect;
  /** JSON/YAML: the path to the records, where the export wraps them. */
  root?: string[];
}

export interface StarterMetric {
  id: string;
  label: string;
  /** The filter, as YAML flow text; undefined for a total. */
  where?: string;
}

export interface StarterEvent {
  id: string;
  label: string;
  field: string;
}

/** A total, one count per enum value, a count of records with each (non-personal) date set. */
export function starterMetrics(fields: InferredField[]): StarterMetric[] {
  const ids = new IdAllocator(['total']);
  const metrics: StarterMetric[] = [{ id: 'total', label: 'Records in the snapshot' }];
  for (const field of fields) {
    if (field.type === 'enum' && field.values) {
      for (const value of field.values) {
        metrics.push({ id: ids.take(camelCase(`${field.id} ${value}`)), label: `${field.label}: ${value}`, where: `{ field: ${field.id}, equals: ${yamlString(value)} }` });
      }
    }
  }
  for (const field of fields) {
    if (field.type === 'date' && !field.piiReason && !field.required) {
      metrics.push({ id: ids.take(camelCase(`with ${field.id}`)), label: `With a ${field.label.toLowerCase()}`, where: `{ field: ${field.id}, present: true }` });
    }
  }
  return metrics;
}

/** One event per optional, non-personal date field: the date set since the prior snapshot (a required one is never set later). */
export function starterEvents(fields: InferredField[]): StarterEvent[] {
  const ids = new IdAllocator();
  return fields
    .filter((field) => field.type === 'date' && !field.piiReason && !field.required)
    .map((field) => ({ id: ids.take(camelCase(`${field.id} set`)), label: `${field.label} recorded`, field: field.id }));
}

export function starterDefinition(input: StarterInput, metrics: StarterMetric[], events: StarterEvent[]): string {
  const lines = [
    `# yaml-language-server: $schema=${input.schemaPath}`,
    '#',
    `# Written by \`court-report init\` from ${input.exportName}. Everything in [brackets] is a`,
    '# placeholder to replace; the fields, metrics and events were inferred from the export: check them.',
    `id: ${input.id}`,
    '',
    'case:',
    '  court: United States District Court',
    '  district: "[District, e.g. Northern District of Florida]"',
    '  division: "[Division, e.g. Pensacola Division]"',
    '  number: "[Case number without the judges\' initials, e.g. 3:23-cv-9962]"',
    '  judges: []',
    '  plaintiffs:',
    '    names: ["[Plaintiff]"]',
    '    role: Plaintiff',
    '  defendants:',
    '    names: ["[Defendant]"]',
    '    role: Defendant',
    '  order:',
    '    docket: "[ECF No. of the order]"',
    `    date: ${input.period}-01 # [the order's date]`,
    '    requires: "[One line: what the order requires to be reported]"',
    '',
    'filer:',
    '  name: "[Signing attorney]"',
    '  barNumber: "[Bar No.]"',
    '  office: "[Office or firm]"',
    '  address: ["[Street address]", "[City, State ZIP]"]',
    '  email: "[e-mail]"',
    '  phone: "[telephone]"',
    '  represents: "[Counsel for ...]"',
    '',
    'periods:',
    `  first: ${input.period}`,
    '  snapshotDay: last',
    '  due:',
    '    daysAfterSnapshot: 14 # [as the order says], counted under Fed. R. Civ. P. 6(a)',
    '',
    'snapshots:',
    `  path: ${yamlString(input.snapshotPath)}`,
    ...(input.dialect?.encoding ? [`  encoding: ${input.dialect.encoding} # the export is not UTF-8: read as Windows-1252 (Excel's "CSV"); check its accented letters`] : []),
    ...(input.dialect?.delimiter ? [`  delimiter: ${JSON.stringify(input.dialect.delimiter)}`] : []),
    ...(input.root && input.root.length > 0 ? [`  root: ${yamlString(input.root.join('.'))} # where the export keeps its records`] : []),
    `  key: ${input.key.id}`,
    '  fields:',
    ...input.fields.flatMap(fieldLines),
    '',
    'metrics:',
    ...metrics.map((m) => `  ${m.id}: { label: ${yamlString(m.label)}${m.where ? `, where: ${m.where}` : ''} }`),
    '',
    ...(events.length > 0 ? ['events:', ...events.map((e) => `  ${e.id}: { label: ${yamlString(e.label)}, field: ${e.field}, change: set }`), ''] : []),
    'template:',
    '  body: body.hbs',
    '  title: "[FILING PARTY\'S] STATUS REPORT"',
    '  filingParty: "[Filing party, e.g. Defendants]"',
    '',
  ];
  return lines.join('\n');
}

function fieldLines(field: InferredField): string[] {
  const parts = [`type: ${field.type}`];
  if (field.column !== field.id) parts.push(`column: ${yamlString(field.column)}`);
  parts.push(`label: ${yamlString(field.label)}`);
  if (field.required) parts.push('required: true');
  if (field.formats && !(field.formats.length === 1 && field.formats[0] === 'yyyy-MM-dd')) parts.push(`formats: [${field.formats.map(yamlString).join(', ')}]`);
  if (field.decimal) parts.push(`decimal: ${field.decimal}`);
  if (field.values) parts.push(`values: [${field.values.map(yamlString).join(', ')}]`);
  if (field.piiReason) parts.push('pii: true');
  const lines = [`    ${field.id}: { ${parts.join(', ')} }`];
  // Said above the field, so whoever checks the definition sees why it is masked.
  if (field.piiReason) lines.unshift(`    # personal data: ${field.piiReason}`);
  if (field.note) lines.unshift(`    # ${field.note}`);
  return lines;
}

/** A body.hbs with one numbered paragraph per metric, the events, and a table of every figure. */
export function starterBody(metrics: StarterMetric[], events: StarterEvent[]): string {
  const lines = [
    '{{!--',
    '  Written by `court-report init`: one numbered paragraph per figure. Each <p> directly',
    '  here is a numbered paragraph; figures come from metrics.<id> and events.<id> in report.yaml.',
    '--}}',
    ...metrics.map(
      (m) => `<p>${m.id === 'total' ? 'As of {{date period.snapshotDate}}, the number of records' : `{{metrics.${m.id}.label}}`}: {{number metrics.${m.id}.value}}{{#if priorPeriod}} ({{signed metrics.${m.id}.delta}} since the {{priorPeriod.label}} report){{/if}}.</p>`,
    ),
    ...(events.length > 0
      ? ['{{#if priorPeriod}}', ...events.map((e) => `<p>{{events.${e.id}.label}} during the period: {{number events.${e.id}.count}}.</p>`), '{{/if}}']
      : []),
    '',
    '<p>The figures are summarized in the following table{{#if priorPeriod}}, with those of the prior report and the change{{/if}}.</p>',
    `{{> metric-table rows=(lookupMetrics ${metrics.map((m) => `"${m.id}"`).join(' ')})}}`,
    '',
    '{{!-- Says which figures of an earlier filed report the corrected data now gives differently; prints nothing otherwise. --}}',
    '{{> restatements}}',
    '',
  ];
  return lines.join('\n');
}

/** A YAML scalar for any text: JSON strings are valid YAML double-quoted scalars. */
export function yamlString(text: string): string {
  return /^[A-Za-z][A-Za-z0-9 _./-]*$/.test(text) && !/^(true|false|yes|no|null|on|off|y|n)$/i.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
}
