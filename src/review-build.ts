/**
 * `court-report review` end to end: renders the period as it would be filed,
 * reviews it against its snapshots and the earlier filed reports, and writes
 * DIR/<period>/review/ — never part of the filing, never in its manifest.
 */
import path from 'node:path';
import { debuglog } from 'node:util';
import { isMonthId } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { CountCache, defaultCacheDir } from './metrics/count-cache.js';
import { writeOutputs } from './output/atomic.js';
import { lockOutputFolder, type LockOptions } from './output/lock.js';
import { checkPeriod, periodFigures, renderPeriod, type PeriodFigures } from './pipeline.js';
import { personalDataCheckSteps } from './privacy/scan.js';
import { runStepsPausing } from './steps.js';
import { compileTemplates, type CompiledReport } from './render/engine.js';
import { earlierFiled, earlierRestatements } from './review-context.js';
import { reviewPeriodPausing, type ReviewOutcome } from './review/index.js';
import { SnapshotStore } from './snapshot-store.js';
import { CODE_VERSION, VERSION } from './version.js';
import { displayPath } from './display-path.js';
import { UserError } from './errors.js';
import { stampPdf } from './pdf/metadata.js';
import type { PdfPrinter } from './pdf/printer.js';
import type { ReportView } from './render/types.js';
import type { Snapshot } from './snapshots/types.js';
import { filedReportHtml, type FiledReport } from './review/filed.js';
import { reviewPageView } from './review/page.js';
import { reviewTemplateSource } from './review/page-template.js';
import { redlineReports, type Redline } from './review/redline/index.js';
import { workpaperSheetSteps, workpapersName, writeWorkpapersPausing } from './review/workpapers.js';
import { workpapersOutput } from './review/workpaper-places.js';

/** NODE_DEBUG=court-report-review shows the review's steps, on the clock the pipeline's and the printer's lines use. */
const debug = debuglog('court-report-review');

/** How long work beside Chrome's print of review.pdf runs between pauses that let Chrome be answered. */
const BESIDE_CHROME_MS = 4;

export interface ReviewOptions {
  config: ResolvedConfig;
  period: string;
  /** The filing date, YYYY-MM-DD. */
  asOf: string;
  /** Output folder; default config.output.dir. The review goes to <outDir>/<period>/review/. */
  outDir?: string;
  /** Base for paths in messages. */
  cwd?: string;
  /** The report the redline compares with: a period (its report.html in outDir) or a report.html; default the last filed one. */
  against?: string;
  /** Workpapers with record keys and personal data in full, labelled so on every sheet and in the file name. */
  revealPii?: boolean;
  /** Prints review.pdf; launched and closed by the caller. Without it, no PDF. */
  printer?: Promise<PdfPrinter>;
  /** How long to wait for a build holding the output folder, and where to say so. */
  lock?: LockOptions;
}

export interface ReviewResult extends ReviewOutcome {
  dir: string;
  files: string[];
}

/** The redline as a Word document with tracked changes, written when there is an earlier report to compare with. */
export const REDLINE_DOCX = 'redline.docx';

/** The folder of a period's review, inside the period's folder but outside the filing. */
export const REVIEW_DIR = 'review';

/** A period's review in memory: what review.json and review.html say, before any file is written. */
export interface ReviewDocument extends ReviewOutcome {
  /** review.json's text. */
  json: string;
  /** review.html, as written. */
  html: string;
  /** The page as the printer is given it, with what it loads. */
  printHtml: string;
  printAssets: CompiledReport['printAssets'];
  view: ReturnType<typeof reviewPageView>;
  /** The snapshots and metrics reviewed. */
  figures: PeriodFigures;
  /** The snapshots read, current then prior: what the outputs are checked against for personal data. */
  snapshots: Snapshot[];
  /** The redline against the last filed report (or --against), null without one. */
  redline: Redline | null;
}

/**
 * Renders the period as it would be filed and reviews it, in memory: the
 * review command writes the result, the preview serves its page.
 */
export async function reviewDocument(options: ReviewOptions & { store?: SnapshotStore }): Promise<ReviewDocument> {
  const { config, period } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = options.outDir ?? config.output.dir;
  checkPeriod(config, period, options.asOf);
  const store = options.store ?? new SnapshotStore(config, cwd, new CountCache(defaultCacheDir(), config, CODE_VERSION));
  const filed = await earlierFiled(config, period, outDir);
  const restatements = await earlierRestatements(config, filed, store);
  // The review reads the figures; the report's text (its diff and render) is made only for a redline.
  const figures = await periodFigures(period, config, store);
  const { current, prior } = figures;
  debug('%s figures at %d ms', period, Math.round(performance.now()));
  const outcome = await reviewPeriodPausing({
    config,
    period: figures.period,
    priorPeriod: figures.priorPeriod,
    current,
    prior,
    metrics: figures.metrics,
    restatements,
    redline: null,
  });
  // Compared as it would be filed: the final text, without the DRAFT watermark.
  const reportText = async () => {
    const templates = await compileTemplates(config.template, { displayBase: cwd });
    return (await renderPeriod(period, { config, asOf: options.asOf, final: true, restatements }, store, templates)).html;
  };
  const redline = await redlineFor(options, filed, outDir, cwd, reportText);
  outcome.review.redline = redline && { against: redline.against, insertions: redline.insertions, deletions: redline.deletions };

  debug('%s reviewed at %d ms', period, Math.round(performance.now()));
  const json = JSON.stringify(outcome.review, null, 2) + '\n';
  const page = await compileTemplates(reviewTemplateSource, { displayBase: cwd });
  const view = reviewPageView({
    config,
    review: outcome.review,
    metrics: figures.metrics,
    period: figures.period,
    priorPeriod: figures.priorPeriod,
    asOf: options.asOf,
    fields: current.fields,
    redline,
  });
  // The page's view is its own shape; the engine only needs something to render.
  const { html, printHtml } = page.renderDocument(view as unknown as ReportView);
  return { ...outcome, json, html, printHtml, printAssets: page.printAssets, view, figures, snapshots: prior ? [current, prior] : [current], redline };
}

export async function reviewReport(options: ReviewOptions): Promise<ReviewResult> {
  const outDir = options.outDir ?? options.config.output.dir;
  checkPeriod(options.config, options.period, options.asOf);
  // Under the build's lock: a build replacing the filed reports meanwhile would be half read, or half overwritten.
  const lock = await lockOutputFolder(outDir, { command: 'review', ...options.lock });
  try {
    return await reviewUnderLock(options, outDir);
  } finally {
    await lock.release();
  }
}

async function reviewUnderLock(options: ReviewOptions, outDir: string): Promise<ReviewResult> {
  const { config, period } = options;
  const document = await reviewDocument(options);
  const { figures, view } = document;
  const { current, prior } = figures;
  const outcome: ReviewOutcome = { review: document.review, trail: document.trail, failures: document.failures };
  const files: Record<string, string | Uint8Array> = { 'review.json': document.json, 'review.html': document.html };
  // The browser prints review.pdf while the workpapers are made here: two processes, two cores. The
  // print is sent first, and the work here pauses every few milliseconds, so Chrome's requests (its
  // fonts, the PDF it hands back) are answered as they come rather than after the workpapers.
  const printer = options.printer ? await options.printer : null;
  const printing = printer?.print(document.printHtml, { paper: config.output.format.paper, name: `${config.id} ${period} review`, assets: document.printAssets });
  // Awaited below; until then a failure must not count as unhandled.
  printing?.catch(() => {});
  await new Promise((resolve) => setImmediate(resolve));
  const revealPii = options.revealPii ?? false;
  const sheets = await runStepsPausing(workpaperSheetSteps({ config, review: outcome.review, trail: outcome.trail, prior, current, asOf: options.asOf, revealPii }), BESIDE_CHROME_MS);
  debug('%s workpaper sheets at %d ms', period, Math.round(performance.now()));
  // Review outputs go to a supervisor, not the court, but personal data stays masked in them too
  // (in the workpapers too, unless --reveal-pii asked for it and labels them).
  const outputs = Object.entries(files).flatMap(([name, text]) => (typeof text === 'string' ? [{ name, text }] : []));
  // A refusal names the cell (released!D14) and the Word paragraph, not a line of the text checked.
  if (!revealPii) outputs.push(workpapersOutput(workpapersName(false), sheets));
  if (document.redline) {
    // docx (and jszip) only for a review with a redline: loading them is ~30 ms of every review's start.
    const [{ redlineDocx }, { docxOutput }] = await Promise.all([import('./review/redline/docx.js'), import('./render/docx/paragraphs.js')]);
    const docx = await redlineDocx({ edits: document.redline.edits, title: `Redline of the ${view.period.label} report against ${document.redline.against}`, asOf: options.asOf });
    files[REDLINE_DOCX] = docx.bytes;
    outputs.push(docxOutput(REDLINE_DOCX, docx));
  }
  // The workbook is made while the outputs are checked: its sheets deflate on libuv's threads (the
  // other core) meanwhile. Nothing is written unless the check passes; the bytes do not depend on it.
  const workbook = writeWorkpapersPausing(sheets, options.asOf, BESIDE_CHROME_MS);
  // Awaited below; until then a failure must not count as unhandled.
  workbook.catch(() => {});
  await runStepsPausing(personalDataCheckSteps(outputs, document.snapshots, config, { maskVisible: config.output.maskVisible }), BESIDE_CHROME_MS);
  debug('%s checked for personal data at %d ms', period, Math.round(performance.now()));
  files[workpapersName(revealPii)] = await workbook;
  debug('%s workpapers written at %d ms', period, Math.round(performance.now()));
  if (printing) {
    files['review.pdf'] = stampPdf(await printing, {
      title: `Review before filing — ${config.caseNumber} — ${view.period.label}`,
      author: config.filer.name,
      subject: `Review of the ${view.period.label} report before filing; not for filing`,
      keywords: ['review', config.caseNumber, period],
      creator: `court-report ${VERSION}`,
      date: options.asOf,
    });
  }
  const dir = path.join(outDir, period, REVIEW_DIR);
  // A previous review's files this one lacks go with it: a redline against a report no longer filed,
  // a PDF no longer printed, and above all workpapers written with personal data revealed.
  const supersedes = [REDLINE_DOCX, 'review.pdf', workpapersName(true), workpapersName(false)];
  const written = await writeOutputs(dir, files, undefined, { supersedes });
  return { ...outcome, dir, files: written };
}

/** The redline against --against, else the most recent earlier filed report; null when there is none. */
async function redlineFor(options: ReviewOptions, filed: readonly FiledReport[], outDir: string, cwd: string, currentHtml: () => Promise<string>): Promise<Redline | null> {
  let file: string;
  let against: string;
  if (options.against !== undefined) {
    file = isMonthId(options.against) ? path.join(outDir, options.against, 'report.html') : path.resolve(cwd, options.against);
    against = displayPath(file, cwd);
  } else {
    const last = filed[filed.length - 1];
    if (!last) return null;
    file = path.join(last.dir, 'report.html');
    against = `${displayPath(file, cwd)} (final, as of ${last.manifest.asOf})`;
  }
  const html = await filedReportHtml(file);
  if (html === null) {
    throw new UserError({ message: `no report to compare with: ${displayPath(file, cwd)} cannot be read`, hint: '--against takes a period with a report.html in the output folder, or the path of a report.html' });
  }
  return redlineReports(html, await currentHtml(), against);
}
