/**
 * The one place defaults are applied: a validated definition becomes a
 * ResolvedConfig with absolute paths, ordered fields and filled-in options.
 */
import { existsSync, statSync } from 'node:fs';
import { present } from '../present.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../errors.js';
import type { FieldSpec } from '../snapshots/types.js';
import { declarationTitle } from './document-check.js';
import { courtFormat, pleadingProblem } from './local-rules.js';
import type { ReportDefinition } from './schema.js';
import { resolveSnapshotSource } from './snapshot-source.js';
import type { ResolvedConfig } from './types.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** The templates that ship with court-report. */
export const bundledTemplatesDir = fileURLToPath(new URL('../../templates/court-status-report', import.meta.url));

export function resolveConfig(
  definition: ReportDefinition,
  file: string,
  source: YamlSource,
  cwd: string,
): { config: ResolvedConfig; problems: Problem[] } {
  const dir = path.dirname(file);
  const problems: Problem[] = [];

  /** Relative paths stay inside the config's folder; absolute ones are the user's choice. */
  const inside = (relative: string, yamlPath: YamlPath): string => {
    const resolved = path.resolve(dir, relative);
    if (!path.isAbsolute(relative) && path.relative(dir, resolved).startsWith('..')) {
      problems.push({
        location: source.locate(yamlPath),
        message: 'a relative path may not leave the folder of the report definition',
        value: relative,
        expected: `a path inside the folder of ${source.displayPath}, or an absolute path`,
        hint: 'move the files into that folder, or write the full path starting with /',
      });
    }
    return resolved;
  };

  const fields: FieldSpec[] = Object.entries(definition.snapshots.fields).map(([name, field]) => ({
    name,
    label: field.label ?? name,
    type: field.type,
    column: field.column ?? name,
    formats: field.formats ?? ['yyyy-MM-dd'],
    values: field.values,
    ...(field.type === 'number' ? { decimal: field.decimal ?? (definition.snapshots.delimiter === ';' ? 'unstated' : 'point') } : {}),
    required: field.required ?? name === definition.snapshots.key,
    pii: field.pii ?? false,
  }));

  const templateDir = definition.template.dir ? inside(definition.template.dir, ['template', 'dir']) : bundledTemplatesDir;
  // A folder of the user's may hold only the files it changes; the rest come from the bundled one.
  const fallbackDir = templateDir === bundledTemplatesDir ? undefined : bundledTemplatesDir;
  const body = definition.template.body
    ? inside(definition.template.body, ['template', 'body'])
    : [templateDir, bundledTemplatesDir].map((folder) => path.join(folder, 'body.hbs')).find((file) => existsSync(file))!;
  // Shown as written in the YAML, with where it was looked for (relative to the working folder when inside it).
  const shown = (absolute: string) => {
    const relative = path.relative(cwd, absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  };
  if (!isDirectory(templateDir)) {
    problems.push({
      location: source.locate(['template', 'dir']),
      message: 'template folder not found',
      value: definition.template.dir,
      expected: `a folder (with the template files it changes), relative to the folder of ${source.displayPath}`,
      hint: `looked for ${shown(templateDir)}`,
    });
  }
  if (!present(body)) {
    problems.push({
      location: source.locate(['template', 'body']),
      message: 'template body not found',
      value: definition.template.body ?? shown(body),
      expected: `a Handlebars file, relative to the folder of ${source.displayPath}`,
      hint: `looked for ${shown(body)}`,
    });
  }

  // `?? []`: a definition salvaged for its snapshots alone has no defaults applied.
  const exhibits = (definition.template.exhibits ?? []).map((exhibit, i) => {
    const pdf = inside(exhibit.pdf, ['template', 'exhibits', i, 'pdf']);
    if (!present(pdf)) {
      problems.push({
        location: source.locate(['template', 'exhibits', i, 'pdf']),
        message: 'exhibit PDF not found',
        value: exhibit.pdf,
        expected: `a PDF file, relative to the folder of ${source.displayPath}`,
        hint: `looked for ${shown(pdf)}`,
      });
    }
    return { title: exhibit.title, pdf, cover: exhibit.cover };
  });

  const { output } = definition;
  const config: ResolvedConfig = {
    file,
    dir,
    id: definition.id,
    case: definition.case,
    caseNumber: [definition.case.number, ...definition.case.judges].join('-'),
    filer: Array.isArray(definition.filer) ? definition.filer[0]! : definition.filer,
    filers: Array.isArray(definition.filer) ? definition.filer : [definition.filer],
    declarant: definition.declarant,
    periods: {
      first: definition.periods.first,
      last: definition.periods.last,
      snapshotDay: definition.periods.snapshotDay,
      due:
        definition.periods.due?.daysAfterSnapshot !== undefined
          ? { daysAfterSnapshot: definition.periods.due.daysAfterSnapshot, holidays: definition.periods.due.holidays }
          : definition.periods.due?.dayOfFollowingMonth !== undefined
            ? { dayOfFollowingMonth: definition.periods.due.dayOfFollowingMonth, holidays: definition.periods.due.holidays }
            : undefined,
    },
    snapshots: resolveSnapshotSource(definition.snapshots, definition.periods.snapshotDay, fields, dir, source, inside, problems),
    metrics: Object.entries(definition.metrics).map(([id, metric]) => ({ id, ...metric })),
    events: Object.entries(definition.events).map(([id, event]) => ({ id, ...event, change: event.change ?? 'changed' })),
    review: {
      checks: Object.entries(definition.checks ?? {}).map(([id, check]) => ({ id, ...check })),
      expectations: Object.entries(definition.snapshots.fields).flatMap(([field, f]) => (f.expect ? [{ field, expect: f.expect }] : [])),
    },
    template: {
      dir: templateDir,
      ...(fallbackDir ? { fallbackDir } : {}),
      body,
      kind: definition.template.kind ?? 'status-report',
      serviceByMail: definition.template.serviceByMail ?? [],
      title: definition.template.title ?? declarationTitle(definition.declarant?.name ?? ''),
      filingParty: definition.template.filingParty,
      filingPartyPlural: definition.template.filingPartyPlural,
      exhibits,
    },
    // Salvaged from a definition with problems, a section may be missing.
    privacy: { allow: definition.privacy?.allow ?? [] },
    locations: {
      periods: source.locate(['periods'], { key: true }),
      first: source.locate(['periods', 'first']),
      ...(definition.periods.last === undefined ? {} : { last: source.locate(['periods', 'last']) }),
    },
    output: {
      dir: output.dir ? inside(output.dir, ['output', 'dir']) : path.resolve(cwd, 'out', definition.id),
      pdf: output.pdf,
      docx: output.docx ?? false,
      watermark: output.watermark,
      maskVisible: output.maskVisible,
      pdfa: output.pdfa ?? false,
      format: courtFormat(output.localRules ?? 'nd-fla', output.format ?? {}),
    },
  };
  const pleading = pleadingProblem(config.output.format);
  if (pleading) {
    problems.push({
      location: source.locate(['output', 'format']),
      message: 'the numbered lines do not fit the page',
      value: pleading,
      expected: 'fewer linesPerPage, a smaller fontSizePt or lineSpacing, or a smaller marginInches',
    });
  }
  return { config, problems };
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

