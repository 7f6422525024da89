/** `court-report init`: a new case folder from one export, or the bundled example. */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isMonthId, periodOf } from '../config/periods.js';
import { displayPath } from '../display-path.js';
import { initExample, initFromExport, periodInFileName, type InitResult } from '../init/init.js';
import { parseCommandLine } from './options.js';
import { isQuiet, warn, writeJson } from './output.js';
import { UsageError } from './usage.js';

const usage = `Usage: court-report init DIR --from FILE [--key COLUMN] [--period YYYY-MM] [--root PATH] [--force] [--json]
       court-report init DIR --example [--force] [--json]

Starts a case in DIR: report.yaml, body.hbs and snapshots/<period>.<ext>, inferred
from one export (CSV, Excel, JSON or YAML): its fields and their types, the date
formats it uses, enums, required fields, the key, personal data, and starter
metrics and events. Or, with --example, the bundled Florida v. Mayorkas example.

Options:
  --from FILE          the export to start from
  --key COLUMN         the column that identifies a record (default: inferred)
  -p, --period YYYY-MM the export's period (default: from its file name, else asked)
  --root PATH          JSON/YAML: where the records are, e.g. data.items (default: the one
                       list of records in the file)
  --example            write the bundled example instead
  --force              write into a folder that is not empty
  --json               what was written and inferred as JSON (the problems too, on failure)
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[]): Promise<void> {
  const parsed = parseCommandLine(
    args,
    { from: { type: 'string' }, key: { type: 'string' }, period: { type: 'string', short: 'p' }, root: { type: 'string' }, example: { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    usage,
  );
  if (!parsed) return;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the folder to create (DIR)' : `one folder only, got ${positionals.join(' ')}`, usage);
  if (Boolean(values.example) === (values.from !== undefined)) throw new UsageError('give exactly one of --from FILE or --example', usage);
  if (values.example && (values.key !== undefined || values.period !== undefined || values.root !== undefined)) throw new UsageError('--key, --period and --root go with --from', usage);
  const cwd = process.cwd();
  const dir = path.resolve(cwd, positionals[0]!);
  const shownDir = displayPath(dir, cwd);
  const force = values.force ?? false;
  const say = (text: string) => {
    if (!isQuiet()) process.stdout.write(text);
  };
  const json = values.json ?? false;
  if (values.example) {
    const result = await initExample({ dir, shownDir, force });
    if (json) return writeJson({ ok: true, dir: shownDir, files: result.files.map((f) => path.join(shownDir, f)) });
    say(`${written(shownDir, result)}\nnext: court-report build --config ${path.join(shownDir, 'report.yaml')} --period 2024-05\n`);
    return;
  }
  const from = path.resolve(cwd, values.from!);
  let period = values.period;
  if (period !== undefined && !isMonthId(period)) throw new UsageError(`--period must be a month as YYYY-MM, got "${period}"`, usage);
  period ??= periodInFileName(from) ?? (await askPeriod(usage));
  const result = await initFromExport({ dir, shownDir, force, from, shownFrom: displayPath(from, cwd), key: values.key, period, ...(values.root === undefined ? {} : { root: values.root }) });
  if (!json) say(`${written(shownDir, result)}\n${inferred(result)}\n`);
  if (result.dialect?.encoding) {
    // Windows-1252 reads any bytes, so it may be the wrong guess: said even with --quiet.
    const columns = result.accentedColumns ?? [];
    warn(`${displayPath(from, cwd)} is not UTF-8; read as Windows-1252 (snapshots.encoding in report.yaml)${columns.length ? `: check the accented letters in ${columns.join(', ')} with court-report preview` : ''}`);
  }
  if (json) return writeJson(initDocument(shownDir, result));
  const config = path.join(shownDir, 'report.yaml');
  say(`next: fill in the [placeholders] in ${config}, then court-report validate --config ${config} --as-of ${periodOf(period, { first: period, last: undefined, snapshotDay: 'last', due: undefined }).snapshotDate}\n`);
}

/** --json: what was written and inferred; enum values only, never a personal column's values. */
function initDocument(shownDir: string, result: InitResult): Record<string, unknown> {
  const { dialect = {} } = result;
  return {
    ok: true,
    dir: shownDir,
    files: result.files.map((f) => path.join(shownDir, f)),
    period: result.period,
    key: result.key?.id,
    ...(dialect.encoding ? { encoding: dialect.encoding } : {}),
    ...(dialect.delimiter ? { delimiter: dialect.delimiter } : {}),
    ...(result.root && result.root.length > 0 ? { root: result.root.join('.') } : {}),
    fields: (result.fields ?? []).map((f) => ({
      id: f.id,
      column: f.column,
      type: f.type,
      ...(f.formats ? { formats: f.formats } : {}),
      ...(f.values ? { values: f.values } : {}),
      required: f.required,
      pii: f.piiReason !== undefined,
      ...(f.piiReason ? { piiReason: f.piiReason } : {}),
    })),
  };
}

function written(shownDir: string, result: InitResult): string {
  return `wrote ${result.files.map((f) => path.join(shownDir, f)).join(', ')}`;
}

function inferred(result: InitResult): string {
  const fields = result.fields ?? [];
  const describe = (f: (typeof fields)[number]) =>
    `  ${f.id} (${f.column}): ${f.type}${f.formats ? ` [${f.formats.join(', ')}]` : ''}${f.decimal ? ` (decimal ${f.decimal})` : ''}${f.values ? ` [${f.values.join(', ')}]` : ''}${f.required ? ', required' : ''}${f === result.key ? ', key' : ''}${f.piiReason ? `, personal data: ${f.piiReason}` : ''}`;
  return [`fields of the ${result.period} export:`, ...fields.map(describe)].join('\n');
}

/** The period, asked on a terminal; a script gets a usage error instead of a prompt it cannot answer. */
async function askPeriod(usage: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError("the export's file name holds no period (YYYY-MM): give --period", usage);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await prompt.question('Which month does this export report on (YYYY-MM)? ')).trim();
    if (!isMonthId(answer)) throw new UsageError(`a month as YYYY-MM, got "${answer}"`, usage);
    return answer;
  } finally {
    prompt.close();
  }
}
