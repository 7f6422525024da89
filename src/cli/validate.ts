/** `court-report validate`: checks the config, the templates and every snapshot, reporting all problems. */
import { inspectConfig } from '../config/load.js';
import { dueNote, latestPeriod, periodOf, periodRange } from '../config/periods.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatProblem, UserError, type Problem } from '../errors.js';
import { renderPeriod } from '../pipeline.js';
import { groupMissingSnapshots } from '../snapshots/missing-groups.js';
import { SnapshotStore } from '../snapshot-store.js';
import { checkExhibits } from '../pdf/exhibits/index.js';
import { compileTemplates } from '../render/engine.js';
import { templateOriginLines } from '../render/template-origins.js';
import { fixedDueDateWarnings } from '../calendar/due-dates.js';
import { asOfOption, parseCommand, requireOption } from './options.js';
import { isQuiet, warn, writeJson } from './output.js';

const usage = `Usage: court-report validate --config FILE [--as-of YYYY-MM-DD]

Checks the report definition, the templates, and the snapshot of every period
through the as-of date, and renders the latest report in memory. Reports every
problem found, each with its file, line and column.

Options:
  -c, --config FILE    the report definition (YAML)
  --as-of YYYY-MM-DD   check periods through this date (default: today)
  --json               the result as JSON: { ok, checked, latest, dueDate, warnings }, or the problems
  -q, --quiet          print nothing when all is well
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(
    args,
    {
      config: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const asOf = asOfOption(values['as-of'], usage);
  const cwd = process.cwd();
  const inspection = await inspectConfig(configFile, { cwd });
  const problems: Problem[] = [...inspection.problems];
  const collect = (error: unknown) => {
    if (error instanceof UserError) problems.push(...error.problems);
    else throw error;
  };
  const { config } = inspection;
  // Even when other parts of the config are broken, its snapshots can still be checked.
  const sources = config ?? inspection.snapshotsOnly;
  const templates = config ? await compileTemplates(config.template, { displayBase: cwd }).catch(collect) : undefined;
  // The exhibit PDFs a build would append, refused here for the same reasons (encrypted, damaged, JavaScript…).
  if (config) await checkExhibits(config.template.exhibits ?? [], cwd).catch(collect);
  for (const warning of templates ? templates.warnings : []) warn(formatProblem(warning));
  const latest = sources ? latestPeriod(sources.periods, asOf) : null;
  const periods = sources && latest ? periodRange(sources.periods.first, latest) : [];
  if (sources) {
    const store = new SnapshotStore({ ...(config ?? ({} as ResolvedConfig)), snapshots: sources.snapshots, periods: sources.periods }, cwd);
    for (const period of periods) await store.snapshot(period).catch(collect);
    if (config && problems.length === 0 && templates && latest) {
      await renderPeriod(latest, { config, asOf, final: false }, store, templates).catch(collect);
    }
  }
  if (problems.length > 0) throw new UserError(groupMissingSnapshots(problems));
  const warnings = config ? fixedDueDateWarnings(config.periods, periods.map((id) => periodOf(id, config.periods))) : [];
  if (values.json) {
    writeJson({ ok: true, config: configFile, checked: periods, latest, dueDate: config && latest ? periodOf(latest, config.periods).dueDate : null, warnings });
    return;
  }
  for (const warning of warnings) warn(warning);
  if (isQuiet()) return;
  const checked = periods.length ? `${periods.length} snapshots (${periods[0]} through ${latest})` : 'no snapshots yet';
  const due = config && latest ? dueNote(periodOf(latest, config.periods)) : '';
  process.stdout.write(`${configFile}: valid; checked the templates and ${checked}${due ? `; the ${latest} report is ${due}` : ''}\n`);
  // With a template folder of the user's, say which of its files are the user's and which the bundled ones.
  if (config?.template.fallbackDir && templates) process.stdout.write(templateOriginLines(templates.origins, config.template, cwd));
}
