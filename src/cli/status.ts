/** `court-report status`: one line per period through the as-of date. */
import path from 'node:path';
import { caseStatus, type PeriodStatus } from '../calendar/status.js';
import { loadConfig } from '../config/load.js';
import { asOfOption, parseCommand, requireOption } from './options.js';
import { writeJson, warn } from './output.js';

const usage = `Usage: court-report status --config FILE [--out DIR] [--as-of YYYY-MM-DD] [--json]

One line per period from the first through the as-of date: whether its snapshot
is there, whether its report was built (draft) or filed (final, with its as-of
date), when it is due, and "overdue" when past due and not final.

Options:
  -c, --config FILE        the report definition (YAML)
  -o, --out DIR            the output folder builds wrote to (default: output.dir, else out/<id>)
  --as-of YYYY-MM-DD       the day to report as of (default: today)
  --json                   the same as JSON objects
  --debug                  show stack traces
  --help                   this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(args, { config: { type: 'string', short: 'c' }, out: { type: 'string', short: 'o' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, usage);
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const asOf = asOfOption(values['as-of'], usage);
  const cwd = process.cwd();
  const config = await loadConfig(configFile, { cwd });
  const status = await caseStatus(config, { asOf, outDir: values.out === undefined ? undefined : path.resolve(cwd, values.out) });
  if (values.json) {
    writeJson(status);
    return;
  }
  for (const warning of status.warnings) warn(warning);
  if (status.periods.length === 0) {
    process.stdout.write(`${config.id}: no period has ended by ${asOf} (the first is ${config.periods.first})\n`);
    return;
  }
  const rows = status.periods.map((p) => [p.period, p.snapshotPresent === null ? 'snapshot by query' : p.snapshotPresent ? 'snapshot' : 'snapshot MISSING', reportText(p), p.dueDate ? `due ${p.dueDate}` : 'no due date', p.overdue ? 'OVERDUE' : '']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd() + '\n');
  const overdue = status.periods.filter((p) => p.overdue).length;
  const final = status.periods.filter((p) => p.report === 'final').length;
  process.stdout.write(`${config.id} as of ${asOf}: ${status.periods.length} periods, ${final} filed, ${overdue} overdue\n`);
}

function reportText(period: PeriodStatus): string {
  if (period.report === 'final') return `filed (final, as of ${period.filedAsOf})`;
  if (period.report === 'damaged') return `DAMAGED manifest (${period.problem})`;
  return period.report === 'draft' ? 'built (draft)' : 'not built';
}
