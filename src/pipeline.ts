/**
 * The pipeline: config → snapshots → diff → metrics → render → pdf, for one
 * period or a batch. Snapshots are read once per batch; each period's outputs
 * are written together, at the end, atomically.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { debuglog } from 'node:util';
import { periodOf, periodRange, previousMonth, type Period } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { diffSnapshotsPausing } from './diff/diff.js';
import type { PeriodDiff } from './diff/types.js';
import { formatProblem, UserError, type Problem } from './errors.js';
import { CountCache, defaultCacheDir } from './metrics/count-cache.js';
import { compareMetrics, type Count } from './metrics/metrics.js';
import type { PeriodMetrics } from './metrics/types.js';
import { PendingWrites, writeOutputs } from './output/atomic.js';
import { lockOutputFolder, type LockOptions } from './output/lock.js';
import { digestFile, digestFiles, MANIFEST, sha256, type Manifest } from './output/manifest.js';
import { filedPeriods } from './output/filed.js';
import { finishPdf, needsRewrite, prepareRewrite } from './pdf/finish.js';
import type { AppendedExhibit } from './render/appended-exhibits.js';
import { stampPdf, type PdfProperties } from './pdf/metadata.js';
import type { PdfPrinter } from './pdf/printer.js';
import { publicDiff } from './privacy/mask.js';
import { assertNoPersonalData, personalDataCheckSteps, personalDataOf } from './privacy/scan.js';
import { runSteps, runStepsPausing } from './steps.js';
import { displayPath } from './display-path.js';
import { compileTemplates, type CompiledReport } from './render/engine.js';
import { earlierFiled, earlierRestatements } from './review-context.js';
import { gateFinal, type Acceptance, type AcceptedFailure } from './review/gate.js';
import { reviewPeriodPausing } from './review/index.js';
import type { Restatement } from './review/types.js';
import { buildReportView } from './render/report-view.js';
import type { ReportView } from './render/types.js';
import { ChartDrawer, docxTemplateWarnings, reportDocx } from './report-docx.js';
import { SnapshotStore } from './snapshot-store.js';
import type { SnapshotOrigin } from './snapshots/sources/index.js';
import type { Snapshot } from './snapshots/types.js';
import { CODE_VERSION, VERSION } from './version.js';

/** How long work beside Chrome's print runs between pauses that let Chrome's requests be answered. */
const BESIDE_CHROME_MS = 4;

/** NODE_DEBUG=court-report-pipeline shows each period's steps with their times. */
const debug = debuglog('court-report-pipeline');

export interface BuildOptions {
  config: ResolvedConfig;
  /** Told of what does not stop the build but should not pass unseen (a {{{ }}} in a template). */
  onWarning?: (warning: Problem) => void;
  /** Periods to build, YYYY-MM, in order. */
  periods: string[];
  /** The filing date, YYYY-MM-DD: the only "now" the pipeline knows. */
  asOf: string;
  /** Final reports carry no DRAFT watermark and get a manifest. */
  final: boolean;
  /** Overwrite periods that already have a final manifest. */
  force?: boolean;
  /** Leave periods that have a final manifest as they are (build --all) instead of refusing; ignored with force. */
  skipFiled?: boolean;
  /** Called for each filed period left as it is under skipFiled. */
  onSkipped?: (period: string, filedAsOf: string) => void;
  /** How long to wait for another build holding the output folder, and where to say so. */
  lock?: LockOptions;
  /** Output folder; default config.output.dir. */
  outDir?: string;
  /** Skip the PDF. */
  htmlOnly?: boolean;
  /** Also write report.docx (as output.docx: true does). */
  docx?: boolean;
  /** Bound on each step of the browser that draws the DOCX's charts, in milliseconds. Default 60 s. */
  timeoutMs?: number;
  /** Prints PDFs; launched by the caller, who also closes it. Required unless htmlOnly. */
  printer?: Promise<PdfPrinter> | PdfPrinter;
  /** Periods printed at once (pages in the browser). Default: the number of cores, at most 4. */
  concurrency?: number;
  /** Base for paths in messages. */
  cwd?: string;
  /** Stops the batch between steps; temp files are removed. */
  signal?: AbortSignal;
  /** Temp files in flight, for the caller's interrupt handling. */
  pending?: PendingWrites;
  /** Failures of review that a final build files anyway, with the reason. */
  accept?: Acceptance;
  /** Review a final build first and refuse what fails (default true; verify, rebuilding what was filed, turns it off). */
  reviewGate?: boolean;
  /** Called after each period's outputs are written. */
  onPeriod?: (result: PeriodResult) => void;
}

export interface PeriodResult {
  period: string;
  dir: string;
  files: string[];
  diff: PeriodDiff;
  metrics: PeriodMetrics;
  /** Figures of earlier final reports that the data no longer gives: the build warns of them. */
  restatements: Restatement[];
}

/** Checks that a period can be reported on as of a date: configured, and its snapshot day has passed. */
export function checkPeriod(config: ResolvedConfig, period: string, asOf: string): void {
  const { first, last } = config.periods;
  if (period < first) {
    throw new UserError({ location: config.locations?.first, message: `period ${period} comes before the first period of this report`, value: period, expected: `${first} or later` });
  }
  if (last !== undefined && period > last) {
    throw new UserError({ location: config.locations?.last, message: `period ${period} comes after the last period of this report`, value: period, expected: `${last} or earlier` });
  }
  const { snapshotDate } = periodOf(period, config.periods);
  if (snapshotDate > asOf) {
    throw new UserError({
      message: `period ${period} is in the future: its snapshot is taken as of ${snapshotDate}, after the as-of date ${asOf}`,
      hint: 'pick an earlier period, or pass --as-of',
    });
  }
}

export async function buildReports(options: BuildOptions): Promise<PeriodResult[]> {
  const { config } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = options.outDir ?? config.output.dir;
  for (const period of options.periods) checkPeriod(config, period, options.asOf);
  // A filing signed "/s/ [Signing attorney]" is not a filing: drafts may carry init's placeholders, finals not.
  if (options.final && config.placeholders && config.placeholders.length > 0) {
    throw new UserError(config.placeholders).withContext('a final report cannot be filed with placeholders');
  }
  const lock = await lockOutputFolder(outDir, { signal: options.signal, ...options.lock });
  try {
    return await buildUnderLock({ ...options, outDir }, cwd);
  } finally {
    await lock.release();
  }
}

async function buildUnderLock(options: BuildOptions & { outDir: string }, cwd: string): Promise<PeriodResult[]> {
  const { config, outDir } = options;
  let periods = options.periods;
  if (!options.force) {
    const filed = await filedPeriods(periods, outDir, options.skipFiled ?? false);
    for (const [period, asOf] of filed) options.onSkipped?.(period, asOf);
    periods = periods.filter((p) => !filed.has(p));
  }
  const store = new SnapshotStore(config, cwd, new CountCache(defaultCacheDir(), config, CODE_VERSION));
  const templates = await compileTemplates(config.template, { displayBase: cwd });
  if (config.output.pdf && !options.htmlOnly && needsRewrite({ pdfa: config.output.pdfa, exhibits: config.template.exhibits })) prepareRewrite();
  for (const warning of templates.warnings) options.onWarning?.(warning);
  if (options.docx || config.output.docx) for (const warning of docxTemplateWarnings(templates, cwd)) options.onWarning?.(warning);
  const concurrency = options.concurrency ?? Math.min(4, availableParallelism());
  // Launched at the first chart a DOCX draws, and closed with the batch.
  const drawer = new ChartDrawer(options.timeoutMs ?? 60_000);
  try {
    return await mapInOrder(periods, concurrency, options.signal, async (period) => {
      try {
        const result = await buildPeriod(period, options, store, templates, drawer);
        options.onPeriod?.(result);
        return result;
      } catch (error) {
        if (error instanceof UserError) throw error.withContext(`while building ${period}`);
        throw error;
      }
    });
  } finally {
    await drawer.close();
  }
}

export interface RenderedPeriod {
  period: Period;
  priorPeriod: Period | null;
  /** The report, self-contained (report.html). */
  html: string;
  /** The same with its fonts by URL, as the printer loads it. */
  printHtml: string;
  /** PDF exhibits to append to the printed PDF, lettered. */
  appendedExhibits: AppendedExhibit[];
  diff: PeriodDiff;
  metrics: PeriodMetrics;
  view: ReportView;
  /** The snapshots loaded whole: current and prior. */
  snapshots: Snapshot[];
  /** Every snapshot file the report's figures come from, oldest first. */
  snapshotFiles: string[];
  /** Where every snapshot the figures come from was read: files and queries, oldest first. */
  snapshotOrigins: SnapshotOrigin[];
}

/** A period's figures: its snapshot and the prior one loaded, every metric counted; no diff, no text. */
export interface PeriodFigures {
  period: Period;
  priorPeriod: Period | null;
  current: Snapshot;
  prior: Snapshot | null;
  metrics: PeriodMetrics;
  /** Every period from the first to this one, with its metric counts. */
  historyIds: string[];
  historyCounts: Array<Map<string, Count>>;
}

/** What review reads (src/review-build.ts): the figures alone, which renderPeriod then diffs and writes up. */
export async function periodFigures(id: string, config: ResolvedConfig, store: SnapshotStore): Promise<PeriodFigures> {
  const period = store.period(id);
  const priorId = id > config.periods.first ? previousMonth(id) : null;
  const priorPeriod = priorId ? store.period(priorId) : null;
  const historyIds = periodRange(config.periods.first, id);

  // The diff needs the current and prior records; earlier periods only their counts.
  // Problems are reported oldest period first.
  const [prior, current, ...historyCounts] = await settleInOrder([
    priorId ? store.snapshot(priorId) : Promise.resolve(null),
    store.snapshot(id),
    ...historyIds.map((h) => store.metricCounts(h)),
  ] as const);

  const currentCounts = historyCounts[historyCounts.length - 1]!;
  const priorCounts = priorId ? historyCounts[historyCounts.length - 2]! : null;
  const metrics = compareMetrics(
    config.metrics,
    { period: id, counts: currentCounts },
    priorId && priorCounts ? { period: priorId, counts: priorCounts } : null,
  );
  return { period, priorPeriod, current, prior, metrics, historyIds, historyCounts };
}

/** Everything but the PDF and the files: snapshots, diff, metrics and the HTML. */
export async function renderPeriod(
  id: string,
  options: Pick<BuildOptions, 'config' | 'asOf' | 'final'> & { restatements?: Restatement[] },
  store: SnapshotStore,
  templates: CompiledReport,
): Promise<RenderedPeriod> {
  const { config } = options;
  const { period, priorPeriod, current, prior, metrics, historyIds, historyCounts } = await periodFigures(id, config, store);
  const diff = await diffSnapshotsPausing({ current, prior, events: config.events, periodStart: period.start, periodEnd: period.end });
  const history = historyIds.map((h, i) => ({ period: store.period(h), values: headlineValues(historyCounts[i]!) }));

  const watermark = config.output.watermark ?? (options.final ? null : 'DRAFT');
  const view = buildReportView({
    config, period, priorPeriod, metrics, diff, history, asOf: options.asOf, watermark, final: options.final, restatements: options.restatements ?? [],
  });
  const { html, printHtml, appendedExhibits } = templates.renderDocument(view);
  const snapshotOrigins = await Promise.all(historyIds.map((h) => store.origin(h)));
  return {
    period,
    priorPeriod,
    html,
    printHtml,
    appendedExhibits,
    diff,
    metrics,
    view,
    snapshots: prior ? [current, prior] : [current],
    snapshotFiles: snapshotOrigins.flatMap((origin) => (origin.kind === 'file' ? [origin.file] : [])),
    snapshotOrigins,
  };
}

async function buildPeriod(
  id: string,
  options: BuildOptions & { outDir: string },
  store: SnapshotStore,
  templates: CompiledReport,
  drawer: ChartDrawer,
): Promise<PeriodResult> {
  const { config, signal } = options;
  signal?.throwIfAborted();
  const started = performance.now();
  // One clock for every line, the pipeline's and the printer's: milliseconds since the process started.
  const step = (what: string) => debug('%s %s at %d ms (%d ms into the period)', id, what, Math.round(performance.now()), Math.round(performance.now() - started));
  const restatements = await earlierRestatements(config, await earlierFiled(config, id, options.outDir), store);
  const rendered = await renderPeriod(id, { ...options, restatements }, store, templates);
  const { html, printHtml, appendedExhibits, diff, metrics, view, snapshots, snapshotOrigins } = rendered;
  step('rendered');
  // A final report is reviewed before anything is printed; what fails is filed only when accepted.
  let accepted: AcceptedFailure[] = [];
  if (options.final && options.reviewGate !== false) {
    const [current, prior] = snapshots;
    const { failures } = await reviewPeriodPausing({ config, period: rendered.period, priorPeriod: rendered.priorPeriod, current: current!, prior: prior ?? null, metrics, restatements });
    accepted = gateFinal(id, failures, options.accept, options.periods.length === 1);
    // The reason is free text the manifest keeps and verify prints: checked as every output is.
    if (options.accept) assertNoPersonalData([{ name: '--reason', text: options.accept.reason }], personalDataOf(snapshots, config), { maskVisible: config.output.maskVisible });
    step('reviewed');
  }
  const { fields, key } = config.snapshots;
  // diff.json is made while Chrome loads the report (a million records list tens of thousands of keys).
  const files: Record<string, string | Uint8Array> = { 'report.html': html, 'diff.json': '', 'metrics.json': json(metrics) };
  const writeDiffJson = () => void (files['diff.json'] = json(publicDiff(diff, fields, key, config.output.maskVisible)));
  // Nothing is written, not even the HTML, if a pii value would be printed in any output.
  const personalDataCheck = () => {
    const outputs = Object.entries(files).flatMap(([name, text]) => (typeof text === 'string' ? [{ name, text }] : []));
    return personalDataCheckSteps(outputs, snapshots, config, {
      maskVisible: config.output.maskVisible,
      sources: [...templates.files.filter((f) => /\.(hbs|css)$/.test(f)), config.file],
      displayPath: (file) => displayPath(file, options.cwd ?? process.cwd()),
    });
  };
  if (options.htmlOnly || !config.output.pdf) {
    writeDiffJson();
    runSteps(personalDataCheck());
    step('checked for personal data');
  } else {
    if (!options.printer) throw new Error('buildReports needs a printer unless htmlOnly');
    const printer = await options.printer;
    signal?.throwIfAborted();
    step('printing');
    // Chrome loads the fonts by URL, so it decodes each face once per page rather than once per report.
    const printing = printer.print(printHtml, {
      paper: config.output.format.paper,
      name: `${config.id} ${id}`,
      assets: templates.printAssets,
    });
    printing.catch(() => undefined);
    // diff.json and the check are made while Chrome loads and prints (the PDF is thrown away if the
    // check fails): first the document goes out to Chrome, which the printer does a few promise steps
    // from here. The check then runs in slices of a few milliseconds, and between them the event loop
    // answers Chrome (the fonts it loads, the end of loading, the PDF it hands back), which would
    // otherwise wait for the whole check, printing on one core while this one checks.
    await new Promise((resolve) => setImmediate(resolve));
    writeDiffJson();
    await runStepsPausing(personalDataCheck(), BESIDE_CHROME_MS);
    step('checked for personal data');
    const printed = await printing;
    step('printed');
    const properties: PdfProperties = {
      title: `${config.template.title} — ${view.period.label}`,
      author: config.filer.name,
      subject: `${partiesShort(config)}, No. ${config.caseNumber} (${config.case.district}): ${KIND_SUBJECT[config.template.kind]} for ${view.period.label}`,
      keywords: ['status report', config.caseNumber, id],
      creator: `court-report ${VERSION}`,
      date: options.asOf,
    };
    const exhibits = appendedExhibits.map((exhibit) => ({ ...exhibit, shown: displayPath(exhibit.pdf, options.cwd ?? process.cwd()) }));
    // The exhibits' own words go through the same check before anything is written (src/pdf/exhibits/personal-data.ts).
    if (exhibits.length > 0) {
      const { checkExhibitsForPersonalData } = await import('./pdf/exhibits/personal-data.js');
      for (const warning of await checkExhibitsForPersonalData(exhibits, personalDataOf(snapshots, config), config.output.maskVisible)) options.onWarning?.(warning);
    }
    files['report.pdf'] = await finishPdf(stampPdf(printed, properties), { pdfa: config.output.pdfa, properties, exhibits });
  }
  step('stamped');
  if (options.docx || config.output.docx) {
    const pii = personalDataOf(snapshots, config);
    files['report.docx'] = await reportDocx({ view, templates, drawer, name: `${config.id} ${id}`, pii, maskVisible: config.output.maskVisible });
    step('wrote the docx');
  }
  if (options.final) {
    files[MANIFEST] = json({ ...(await manifestFor(id, options, templates, snapshotOrigins, files)), ...(accepted.length > 0 ? { accepted } : {}) });
    assertNoPersonalData([{ name: MANIFEST, text: files[MANIFEST] }], personalDataOf(snapshots, config), { maskVisible: config.output.maskVisible });
  }
  signal?.throwIfAborted();
  const dir = path.join(options.outDir, id);
  // A file of the previous set this one lacks goes with it: no manifest left claiming a draft, no stale PDF.
  const written = await writeOutputs(dir, files, options.pending, { supersedes: [MANIFEST, 'report.pdf', 'report.docx'] });
  step('written');
  return { period: id, dir, files: written, diff, metrics, restatements };
}

async function manifestFor(
  id: string,
  options: BuildOptions,
  templates: CompiledReport,
  snapshotOrigins: SnapshotOrigin[],
  outputs: Record<string, string | Uint8Array>,
): Promise<Manifest> {
  const base = options.config.dir;
  const snapshotFiles = snapshotOrigins.flatMap((origin) => (origin.kind === 'file' ? [origin.file] : []));
  const queries = snapshotOrigins.flatMap((origin) =>
    origin.kind === 'query'
      ? [{ period: origin.period, driver: origin.driver, database: origin.database, query: origin.query, parameters: origin.parameters, sha256: origin.rowsSha256 }]
      : [],
  );
  return {
    tool: { name: 'court-report', version: VERSION },
    ...('report.pdf' in outputs && options.printer ? { printedWith: await (await options.printer).identity() } : {}),
    case: options.config.id,
    period: id,
    asOf: options.asOf,
    final: true,
    inputs: {
      config: await digestFile(options.config.file, base),
      templates: await digestFiles(templates.files, base),
      snapshots: await digestFiles(snapshotFiles, base),
      ...(queries.length > 0 ? { queries } : {}),
    },
    outputs: Object.entries(outputs)
      .map(([name, data]) => ({ path: name, sha256: sha256(data) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}

/**
 * Awaits every promise; if any fail, throws their problems together, in the
 * order given (not the order they failed in, which varies from run to run).
 */
async function settleInOrder<T extends readonly Promise<unknown>[]>(promises: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: Awaited<T[K]> };
  const bug = failures.find((f) => !(f instanceof UserError));
  if (bug) throw bug;
  const seen = new Set<string>();
  const problems = (failures as UserError[]).flatMap((f) => f.problems).filter((p) => {
    // As printed (bounded): the raw value may be nested too deep to stringify.
    const text = formatProblem(p);
    return seen.has(text) ? false : (seen.add(text), true);
  });
  throw new UserError(problems);
}

/**
 * Runs tasks with at most `limit` at once, results in input order. After the
 * first failure (or an abort) no new task starts; running ones finish.
 */
async function mapInOrder<T, R>(items: T[], limit: number, signal: AbortSignal | undefined, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      if (signal?.aborted) {
        failure ??= { error: signal.reason };
        return;
      }
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

function headlineValues(counts: Map<string, Count>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [id, count] of counts) {
    values[id] = typeof count === 'number' ? count : [...count.values()].reduce((a, b) => a + b, 0);
  }
  return values;
}

/** What the PDF's Subject calls each document kind. */
const KIND_SUBJECT = { 'status-report': 'status report', declaration: 'declaration', 'notice-with-declaration': 'notice of filing with declaration' } as const;

function partiesShort(config: ResolvedConfig): string {
  const { plaintiffs, defendants } = config.case;
  return `${plaintiffs.names[0]} v. ${defendants.names[0]}${defendants.etAl || defendants.names.length > 1 ? ', et al.' : ''}`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
