/** `court-report build`: writes each period's report.html, report.pdf, diff.json and metrics.json. */
/*
 * Only light modules are imported up front: Chrome is started before the
 * config, template and snapshot libraries load, so that it boots meanwhile.
 */
import path from 'node:path';
import { dueNote, latestPeriod, periodOf, periodRange } from '../config/periods.js';
import type { ResolvedConfig } from '../config/types.js';
import { displayPath } from '../display-path.js';
import { formatProblem, isUserError, UserError, type Problem } from '../errors.js';
import { interruptSignal } from '../interrupt.js';
import { PendingWrites } from '../output/atomic.js';
import type { PdfPrinter } from '../pdf/printer.js';
import { describeRestatements } from '../review/restatements.js';
import type { Restatement } from '../review/types.js';
import { BatchReport } from './batch-report.js';
import { asOfOption, parseCommand, periodsOption, timeoutOption } from './options.js';
import { isQuiet, withPartialResult } from './output.js';
import type { CommandContext } from './main.js';
import { warn } from './output.js';
import { UsageError } from './usage.js';

const usage = `Usage: court-report build --config FILE (--period YYYY-MM | --all) [options]

Builds the status report of one period, or of every period through the as-of date.
Writes DIR/<period>/report.html, report.pdf, diff.json and metrics.json.

Options:
  -c, --config FILE    the report definition (YAML); repeat it to build several cases
                       in one run, through one browser (each into its own output folder)
  -p, --period YYYY-MM the period to report on; repeat it to build several, in that order
  --all                every period from the first through the latest one as of --as-of;
                       periods already filed (final) are left as they are and listed
  -o, --out DIR        output folder (default: output.dir of the config, else out/<id>);
                       with several configs, DIR/<id>
  --html-only          skip the PDF (no browser needed, unless --docx draws a chart)
  --docx               also write report.docx, the same filing as a Word document
  --as-of YYYY-MM-DD   the filing date (default: today); fixes every date the report prints
  --final              a final report: no DRAFT watermark, and a manifest.json of every input and output
  --accept ID          with --final: file although review fails ID (a check, anomaly or
                       restated.<period>); repeatable; recorded in manifest.json
  --reason TEXT        why the accepted failures are filed anyway (required with --accept)
  --force              overwrite periods that already hold a final report
  --timeout SECONDS    bound on each browser step (launch, load, print), and on the wait
                       for another build writing to the same folder; default 60
  --json               the results as one JSON document (problems too, on failure)
  -q, --quiet          no line per period written, no summary
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[], context: CommandContext = {}): Promise<void> {
  const values = parseCommand(
    args,
    {
      config: { type: 'string', multiple: true },
      period: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      out: { type: 'string' },
      'html-only': { type: 'boolean' },
      docx: { type: 'boolean' },
      'as-of': { type: 'string' },
      final: { type: 'boolean' },
      force: { type: 'boolean' },
      accept: { type: 'string', multiple: true },
      reason: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  );
  if (!values) return;
  const configFiles = values.config ?? [];
  if (configFiles.length === 0) throw new UsageError('missing --config', usage);
  if (Boolean(values.all) === (values.period !== undefined)) throw new UsageError('give exactly one of --period or --all', usage);
  // Several --period build each, in period order.
  const givenPeriods = values.all ? undefined : periodsOption(values.period, usage);
  const asOf = asOfOption(values['as-of'], usage);
  const htmlOnly = values['html-only'] ?? false;
  const timeoutMs = timeoutOption(values.timeout, usage);
  const cwd = process.cwd();
  const accept = acceptOption(values.accept ?? [], values.reason, values.final ?? false);

  // Chrome's start-up is the slowest step and needs nothing from the inputs: begin it first.
  const printer = htmlOnly ? undefined : import('../pdf/printer.js').then(({ Printer }) => Printer.launch({ timeoutMs, started: context.browser }));
  printer?.catch(() => undefined);
  const pending = new PendingWrites();
  const json = values.json ?? false;
  // The wall clock only times the batch for the person watching; nothing built depends on it.
  const batch = new BatchReport({ json, quiet: isQuiet(), progress: process.stderr.isTTY ? process.stderr : undefined, now: () => performance.now() });
  try {
    // Every config is checked before the first report is built, so a typo in the last one costs nothing.
    const configs = await loadConfigs(configFiles, cwd);
    // A large first period's snapshots get their loader threads now, while the pipeline's code loads.
    const first = configs[0]!;
    const { startLoaderThreadsFor } = await import('../snapshots/csv-off-thread.js');
    startLoaderThreadsFor(first.snapshots, (givenPeriods ?? allPeriods(first.periods, asOf))[0], first.periods.first);
    const { buildReports } = await import('../pipeline.js');
    for (const config of configs) {
      const periods = givenPeriods ?? allPeriods(config.periods, asOf);
      const outDir = values.out === undefined ? undefined : path.resolve(cwd, values.out, configs.length > 1 ? config.id : '');
      batch.expect(config.id, periods);
      if (!(values.final ?? false) && !isQuiet()) warnOfPlaceholders(config.placeholders ?? []);
      await buildReports({
        config,
        periods,
        asOf,
        onWarning: (warning) => warn(formatProblem(warning)),
        final: values.final ?? false,
        force: values.force ?? false,
        skipFiled: values.all ?? false,
        onSkipped: (skipped, filedAsOf) =>
          batch.skip(config.id, skipped, `${skipped}: filed, skipped (final as of ${filedAsOf}; --force replaces it)`, { filedAsOf }),
        lock: { timeoutMs, onNote: (note) => process.stderr.write(`court-report: ${note}\n`) },
        accept,
        outDir,
        htmlOnly,
        docx: values.docx ?? false,
        timeoutMs,
        printer,
        cwd,
        // A signal ends the process from main (interrupt.ts); the pipeline stops between steps meanwhile.
        signal: interruptSignal,
        pending,
        onPeriod: (result) => {
          const names = result.files.map((f) => path.basename(f)).join(', ');
          const { dueDate } = periodOf(result.period, config.periods);
          const due = dueNote(periodOf(result.period, config.periods));
          const record = { dir: result.dir, files: result.files.map((f) => path.basename(f)), dueDate };
          batch.done(config.id, result.period, `${result.period}: ${displayPath(result.dir, cwd)}/ (${names})${due ? `, ${due}` : ''}`, record);
          for (const [period, figures] of restatedByPeriod(result.restatements)) {
            process.stderr.write(`court-report: warning: ${result.period}: figures filed for ${period} have changed since filing: ${describeRestatements(figures)}\n`);
          }
        },
      });
    }
    batch.finish();
  } catch (error) {
    const finished = batch.abandon();
    if (interruptSignal.aborted) throw interruptSignal.reason;
    // With --json the periods that were written are in the problems document too.
    throw json && isUserError(error) ? withPartialResult(error, { reports: finished }) : error;
  } finally {
    await pending.discard();
    if (printer) await closePrinter(printer);
  }
}

function acceptOption(ids: string[], reason: string | undefined, final: boolean): { ids: string[]; reason: string } | undefined {
  if (ids.length === 0) {
    if (reason !== undefined) throw new UsageError('--reason goes with --accept ID', usage);
    return undefined;
  }
  if (!final) throw new UsageError('--accept files a final report anyway: it needs --final', usage);
  if (reason === undefined || reason.trim() === '') throw new UsageError('--accept needs --reason TEXT: the manifest records why each failure was filed anyway', usage);
  return { ids, reason: reason.trim() };
}

function restatedByPeriod(restatements: Restatement[]): Map<string, Restatement[]> {
  const byPeriod = new Map<string, Restatement[]>();
  for (const r of restatements) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  return byPeriod;
}

async function loadConfigs(files: string[], cwd: string): Promise<ResolvedConfig[]> {
  const { loadConfigCached: loadConfig } = await import('../config/cached.js');
  const problems: Problem[] = [];
  const configs: ResolvedConfig[] = [];
  for (const file of files) {
    try {
      configs.push(await loadConfig(file, { cwd }));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  const ids = new Map<string, number>();
  for (const config of configs) ids.set(config.id, (ids.get(config.id) ?? 0) + 1);
  const repeated = [...ids].filter(([, count]) => count > 1).map(([id]) => id);
  if (repeated.length > 0) {
    throw new UserError({ message: `several configs share the id ${repeated.join(', ')}; their reports would overwrite each other`, hint: 'give each case its own id' });
  }
  return configs;
}

function allPeriods(rules: Parameters<typeof latestPeriod>[0], asOf: string): string[] {
  const latest = latestPeriod(rules, asOf);
  if (!latest) {
    throw new UserError({ message: `no period has ended by the as-of date ${asOf}`, hint: `the first period is ${rules.first}` });
  }
  return periodRange(rules.first, latest);
}

async function closePrinter(printer: Promise<PdfPrinter>): Promise<void> {
  try {
    await (await printer).close();
  } catch {
    // A browser that never launched has nothing to close; the launch error was reported.
  }
}

/** A draft builds with init's placeholders, but says which are left (a final build refuses them). */
function warnOfPlaceholders(placeholders: readonly Problem[]): void {
  if (placeholders.length === 0) return;
  const where = placeholders.map((p) => (p.location?.line === undefined ? p.message : `${p.location.file}:${p.location.line}`));
  process.stderr.write(`court-report: warning: ${placeholders.length} placeholder${placeholders.length === 1 ? '' : 's'} not yet filled in (${where.join(', ')}); --final refuses them\n`);
}
