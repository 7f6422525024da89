/** `court-report calendar`: every period's due date as an .ics calendar, or as JSON. */
import path from 'node:path';
import { buildCalendar, dueDateEvents } from '../calendar/calendar.js';
import { fixedDueDateWarnings, calendarPeriods } from '../calendar/due-dates.js';
import { loadConfig } from '../config/load.js';
import { displayPath } from '../display-path.js';
import { writeCaseFiles } from '../init/write-files.js';
import { VERSION } from '../version.js';
import { asOfOption, parseCommand, requireOption } from './options.js';
import { warn, writeJson } from './output.js';
import { UsageError } from './usage.js';

const usage = `Usage: court-report calendar --config FILE [--out FILE.ics] [--remind DAYS] [--as-of YYYY-MM-DD] [--json]

An iCalendar (RFC 5545) file of every period's due date, for Outlook, Google
Calendar or any calendar: one all-day event per period, with a reminder.
Without periods.last, the calendar runs a year past the as-of month.

Options:
  -c, --config FILE        the report definition (YAML)
  -o, --out FILE.ics       write here (default: print to standard output)
  --remind DAYS            the reminder, this many days before (default 3; 0 for none)
  --as-of YYYY-MM-DD       the calendar's timestamp (DTSTAMP; default: today)
  --json                   the due dates as JSON: { ok, case, caseNumber, asOf, remindDays, file,
                           periods: [{ period, snapshotDate, dueDate, remindOn, uid, summary,
                           description }], warnings }; with --out the .ics is written too
  --debug                  show stack traces
  --help                   this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(args, { config: { type: 'string', short: 'c' }, out: { type: 'string', short: 'o' }, remind: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, usage);
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const asOf = asOfOption(values['as-of'], usage);
  const remindDays = values.remind === undefined ? 3 : Number(values.remind);
  if (!Number.isInteger(remindDays) || remindDays < 0 || remindDays > 60) throw new UsageError(`--remind must be a whole number of days from 0 to 60, got "${values.remind}"`, usage);
  const cwd = process.cwd();
  const config = await loadConfig(configFile, { cwd });
  const ics = buildCalendar(config, { asOf, remindDays, version: VERSION });
  const warnings = fixedDueDateWarnings(config.periods, calendarPeriods(config.periods, asOf));
  const out = values.out === undefined ? undefined : path.resolve(cwd, values.out);
  if (out !== undefined) await writeCaseFiles(path.dirname(out), { [path.basename(out)]: ics });
  if (values.json) {
    // The events the .ics holds, from the same list; warnings are in the document, as status --json gives them.
    const periods = dueDateEvents(config, { asOf, remindDays });
    writeJson({ ok: true, case: config.id, caseNumber: config.caseNumber, asOf, remindDays, file: out ?? null, periods, warnings });
    return;
  }
  for (const warning of warnings) warn(warning);
  if (out === undefined) process.stdout.write(ics);
  else process.stderr.write(`wrote ${displayPath(out, cwd)}\n`);
}
