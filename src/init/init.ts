/**
 * `init`: a new case folder from one export (report.yaml, body.hbs, the
 * export as the first snapshot), or the bundled Florida v. Mayorkas example.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { chooseKey, inferFields, type InferredField } from './infer-fields.js';
import { readExport } from './read-export.js';
import type { CsvDialect } from './sniff-csv.js';
import { starterBody, starterDefinition, starterEvents, starterMetrics } from './starter-definition.js';
import { checkTargetFolder, writeCaseFiles } from './write-files.js';

/** The installed package's root (dist/<stage>/ and the bundle in dist/bin/ both sit two levels down). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const exampleDir = path.join(packageRoot, 'data', 'florida-v-mayorkas');
const schemaFile = path.join(packageRoot, 'schema', 'report.schema.json');

export interface InitOptions {
  /** The new case folder (absolute). */
  dir: string;
  /** The folder as the user named it, for messages. */
  shownDir: string;
  force: boolean;
}

export interface InitFromExport extends InitOptions {
  /** The export (absolute) and as the user named it. */
  from: string;
  shownFrom: string;
  /** A column (header or field id) to use as the key. */
  key?: string;
  /** YYYY-MM; else read from the export's file name. */
  period?: string;
  /** JSON/YAML: where the records are (data.items); else found. */
  root?: string;
}

export interface InitResult {
  /** Files written, relative to the folder. */
  files: string[];
  period?: string;
  key?: InferredField;
  fields?: InferredField[];
  /** The CSV's encoding and delimiter, where init had to tell them (written to snapshots.encoding and .delimiter). */
  dialect?: CsvDialect;
  /** JSON/YAML: the path to the records, where the export wraps them. */
  root?: string[];
  /** With a Windows-1252 reading: the columns holding letters outside ASCII, to check (their values are not shown: they may be personal). */
  accentedColumns?: string[];
}

/** The period an export's file name holds (…2024-05…), or undefined. */
export function periodInFileName(file: string): string | undefined {
  return /(?:^|[^0-9])(\d{4})[-_](0[1-9]|1[0-2])(?![0-9])/.exec(path.basename(file))?.slice(1, 3).join('-');
}

export async function initFromExport(options: InitFromExport): Promise<InitResult> {
  const period = options.period ?? periodInFileName(options.from);
  if (period === undefined) throw new Error('initFromExport needs a period; the CLI asks for one');
  await checkTargetFolder(options.dir, options.shownDir, options.force);
  const table = await readExport(options.from, options.shownFrom, options.root === undefined ? {} : { root: options.root });
  const fields = inferFields(table);
  const key = chooseKey(fields, options.key);
  if (!key) {
    throw new UserError(
      options.key !== undefined
        ? { location: { file: options.shownFrom }, message: `has no column "${options.key}"`, hint: `its columns are: ${table.columns.join(', ')}` }
        : { location: { file: options.shownFrom }, message: 'has no column whose values are all present and different, to identify a record across months', hint: 'name the column that identifies a record with --key COLUMN' },
    );
  }
  if (options.key !== undefined && !key.unique) {
    throw new UserError({ location: { file: options.shownFrom, columnName: key.column }, message: 'cannot be the key: some records share a value or have none', hint: 'the key identifies one record in every snapshot; choose another column with --key' });
  }
  key.required = true;
  const extension = table.format === 'yaml' ? path.extname(options.from).toLowerCase() : `.${table.format}`;
  const snapshotFile = `snapshots/${period}${extension}`;
  const metrics = starterMetrics(fields);
  const events = starterEvents(fields);
  const yaml = starterDefinition(
    {
      id: caseId(path.basename(options.dir)),
      period,
      snapshotPath: `snapshots/{period}${extension}`,
      key,
      fields,
      schemaPath: schemaPathFrom(options.dir),
      exportName: path.basename(options.from),
      dialect: table.dialect,
      root: table.root,
    },
    metrics,
    events,
  );
  const files = await writeCaseFiles(options.dir, {
    'report.yaml': yaml,
    'body.hbs': starterBody(metrics, events),
    [snapshotFile]: await readFile(options.from),
  });
  const accentedColumns = table.dialect.encoding ? table.columns.filter((_, i) => table.rows.some((row) => /[^\x00-\x7f]/.test(row[i] ?? ''))) : undefined;
  return { files, period, key, fields, dialect: table.dialect, root: table.root, ...(accentedColumns ? { accentedColumns } : {}) };
}

/** The bundled example, with its `$schema` line pointing at this installation's schema. */
export async function initExample(options: InitOptions): Promise<InitResult> {
  await checkTargetFolder(options.dir, options.shownDir, options.force);
  const files: Record<string, string | Uint8Array> = {};
  // Every definition the example holds (the status report, the notice with a declaration) and its templates.
  for (const entry of (await readdir(exampleDir, { withFileTypes: true })).filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(exampleDir, entry.name);
    files[entry.name] = /\.ya?ml$/.test(entry.name)
      ? (await readFile(file, 'utf8')).replace(/^# yaml-language-server: \$schema=.*$/m, `# yaml-language-server: $schema=${schemaPathFrom(options.dir)}`)
      : await readFile(file);
  }
  for (const name of (await readdir(path.join(exampleDir, 'snapshots'))).sort()) {
    files[`snapshots/${name}`] = await readFile(path.join(exampleDir, 'snapshots', name));
  }
  return { files: await writeCaseFiles(options.dir, files) };
}

/** The schema's path as yaml-language-server reads it: relative to the new report.yaml, with forward slashes. */
function schemaPathFrom(dir: string): string {
  return path.relative(dir, schemaFile).split(path.sep).join('/');
}

/** A folder name as a case id: lower-case letters, digits and dashes. */
export function caseId(folderName: string): string {
  const id = folderName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'my-case' : id;
}
