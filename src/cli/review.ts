/** `court-report review`: checks, anomalies, bridges and restatements of a period before it is filed. */
import path from 'node:path';
import { loadConfigCached as loadConfig } from '../config/cached.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { reviewReport } from '../review-build.js';
import { startLoaderThreadsFor } from '../snapshots/csv-off-thread.js';
import { failedWithJsonShown } from './output.js';
import { asOfOption, parseCommand, periodOption, requireOption, timeoutOption } from './options.js';

const usage = `Usage: court-report review --config FILE --period YYYY-MM [options]

Reviews a period before it is filed: the declared checks, the built-in anomalies
(a fixed field changed, a date cleared or after the snapshot day, a counted record
gone), a bridge for every metric (prior − removed + added + entered − left = value),
and the figures of earlier filed reports that the data no longer gives.
It also compares the report's text, word by word, with the last filed report.
Writes DIR/<period>/review/: review.json, review.html, review.pdf and
workpapers.xlsx (never part of the filing).
Exit 0 when no error-severity item fails, 1 listing those that do.

Options:
  -c, --config FILE    the report definition (YAML)
  -p, --period YYYY-MM the period to review
  -o, --out DIR        output folder, as for build (the review goes to DIR/<period>/review/)
  --as-of YYYY-MM-DD   the filing date (default: today)
  --against P|FILE     compare the text with this period's report.html in DIR, or this
                       report.html (default: the most recent earlier final report)
  --reveal-pii         workpapers with keys and personal data in full, every sheet headed
                       "CONTAINS PERSONAL DATA — NOT FOR FILING", and the file name says so
  --timeout SECONDS    bound on each browser step (review.pdf), and on the wait for
                       a build writing to the same folder; default 60
  --json               print review.json to stdout; a problem with the inputs as
                       { ok: false, context, problems: [{ file, line, column, message, hint }] }
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(
    args,
    {
      config: { type: 'string' },
      period: { type: 'string', multiple: true },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
      against: { type: 'string' },
      'reveal-pii': { type: 'boolean' },
      timeout: { type: 'string' },
    },
    usage,
  );
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const period = periodOption(values.period, usage);
  const asOf = asOfOption(values['as-of'], usage);
  const timeoutMs = timeoutOption(values.timeout, usage);
  const cwd = process.cwd();
  const config = await loadConfig(configFile, { cwd });
  startLoaderThreadsFor(config.snapshots, period, config.periods.first);
  const outDir = values.out === undefined ? undefined : path.resolve(cwd, values.out);
  const printer = config.output.pdf ? import('../pdf/printer.js').then(({ Printer }) => Printer.launch({ timeoutMs })) : undefined;
  printer?.catch(() => undefined);
  let result;
  try {
    result = await reviewReport({
      config,
      period,
      asOf,
      outDir,
      cwd,
      against: values.against,
      revealPii: values['reveal-pii'] ?? false,
      printer,
      lock: { timeoutMs, onNote: (note) => process.stderr.write(`court-report: ${note}\n`) },
    });
  } finally {
    if (printer) await printer.then((p) => p.close()).catch(() => undefined);
  }
  const { review, failures, dir, files } = result;

  if (values.json) process.stdout.write(JSON.stringify(review, null, 2) + '\n');
  else {
    const { summary } = review;
    process.stdout.write(
      `${period}: ${displayPath(dir, cwd)}/ (${files.map((f) => path.basename(f)).join(', ')}); ` +
        `checks ${summary.checksPassed} passed, ${summary.checksFailed} failed; ` +
        `${summary.anomalies} ${summary.anomalies === 1 ? 'anomaly' : 'anomalies'}; ` +
        `${summary.restatements} restated ${summary.restatements === 1 ? 'figure' : 'figures'}\n`,
    );
    for (const id of summary.warnings) {
      const check = review.checks.find((c) => c.id === id)!;
      process.stdout.write(`  warning ${id}: ${check.message}\n`);
    }
  }
  if (failures.length > 0) {
    const failed = new UserError(
      failures.map((f) => ({ message: `${f.id}: ${f.message}` })),
    ).withContext(`review of ${period} fails ${failures.length} ${failures.length === 1 ? 'item' : 'items'} (build --final refuses them unless accepted)`);
    // With --json the review document went out already, its failing items in summary.blocking.
    throw values.json ? failedWithJsonShown(failed) : failed;
  }
}
