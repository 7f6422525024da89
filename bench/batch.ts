/**
 * Target 2: a batch. `court-report build --all` (every period of the
 * example, one browser, a page pool sized to the cores) against jsreport
 * turning the same final HTML documents into PDFs, one at a time and two at
 * once, with the same browser. The issue allows the warm-up "excluded or
 * included the same way for both"; both ways are measured:
 * - included: each side's whole process (start, browser launch, warm-up or
 *   first prints, every document, exit);
 * - excluded: each side timed in its process after start-up and a warm-up
 *   round through the same browser (court-report: bench/warm-batch.ts).
 * The target holds when both ratios are within it. Our whole process against
 * jsreport's warm renders is shown too.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_CONFIG } from './fixtures.js';
import { ensureJsreport, JSREPORT_INSTALL, type InstalledVersions, type JsreportTimings } from './jsreport.js';
import { type Measurement, measureOk } from './measure.js';
import { type BenchContext, courtReport, display, interleave, printer, relative, seriesResult, type SeriesResult, timedEnv } from './series.js';
import { mustExist } from './single.js';
import { summarize, type Summary } from './stats.js';
import type { WarmBatchTimings } from './warm-batch.js';

export const BATCH_TARGET_VS_JSREPORT = 0.5;
export const BATCH_TARGET_VS_SINGLE = 3;

export interface JsreportSeries extends SeriesResult {
  concurrency: number;
  /** The timed part: the documents rendered after init and the warm-up. */
  renders: Summary;
  init: Summary;
  warmup: Summary;
  perRenderMedianMs: number;
  timings: JsreportTimings[];
}

export interface WarmSeries extends SeriesResult {
  /** The timed part: every period built after start-up and a warm-up round. */
  build: Summary;
  init: Summary;
  warmup: Summary;
  warmupPeriods: string[];
  timings: WarmBatchTimings[];
}

/** One way of timing both sides: ours / jsreport's faster mode, medians. */
export interface BatchRatio {
  ratio: number;
  fasterJsreport: number;
  pass: boolean;
}

export interface BatchResult {
  asOf: string;
  documents: number;
  /** The browser both sides print with. */
  printer: string;
  prepare: string;
  install: string;
  installMs: number;
  versions: InstalledVersions;
  /** Whole process. */
  ours: SeriesResult;
  /** In process, after start-up and a warm-up round. */
  oursWarm: WarmSeries;
  jsreport: JsreportSeries[];
  /** Warm-up included for both: whole process / whole process. */
  included: BatchRatio;
  /** Warm-up excluded for both: our warm build / jsreport's renders. */
  excluded: BatchRatio;
  /** Our whole process / jsreport's renders (not a like-for-like reading; shown for reference). */
  crossed: BatchRatio;
  target: number;
  /** Both like-for-like ratios within the target. */
  pass: boolean;
  /** Pages and tagging of one report from each side, to show they print the same thing. */
  sameOutput: { period: string; ours: PdfFacts | null; jsreport: PdfFacts | null };
}

export interface PdfFacts {
  pages: number;
  tagged: boolean;
  pageSize: string;
  bytes: number;
}

export async function benchBatch(ctx: BenchContext, asOf: string, concurrencies: number[]): Promise<BatchResult> {
  ctx.log(`Target 2: a batch (build --all --as-of ${asOf}) vs jsreport`);
  const htmlOut = path.join(ctx.work, 'out-all-html');
  rmSync(htmlOut, { recursive: true, force: true });
  const prepare = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--all', '--html-only', '--as-of', asOf, '--out', relative(ctx, htmlOut));
  await measureOk(prepare, { cwd: ctx.root, env: timedEnv() });
  const periods = readdirSync(htmlOut).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort();
  const htmlFiles = periods.map((period) => relative(ctx, path.join(htmlOut, period, 'report.html')));

  const browser = printer();
  const { runner, versions, installMs } = ensureJsreport(path.join(ctx.work, 'jsreport'), ctx.log);
  const oursOut = path.join(ctx.work, 'out-all');
  const ours = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--all', '--as-of', asOf, '--out', relative(ctx, oursOut));
  const warmOut = path.join(ctx.work, 'out-all-warm');
  // The library of the same copy of the package that the bin runs from.
  const library = path.join(path.dirname(ctx.bin), '..', 'index.js');
  const oursWarm = [process.execPath, relative(ctx, path.join(ctx.work, 'dist/bench/warm-batch.js')), '--library', relative(ctx, library), '--config', EXAMPLE_CONFIG, '--as-of', asOf, '--out', relative(ctx, warmOut)];
  const lastPeriod = periods.at(-1)!;
  const jsreportOut = (concurrency: number) => path.join(ctx.work, `jsreport-out-${concurrency}`);
  const jsreportCommand = (concurrency: number) => [
    process.execPath,
    relative(ctx, runner),
    '--concurrency',
    String(concurrency),
    '--chrome',
    browser,
    '--out',
    relative(ctx, jsreportOut(concurrency)),
    '--warmup',
    htmlFiles[0]!,
    ...htmlFiles,
  ];
  const runs = await interleave(
    ctx,
    [
      {
        name: 'court-report build --all',
        command: ours,
        before: () => rmSync(oursOut, { recursive: true, force: true }),
        check: () => periods.forEach((period) => mustExist(path.join(oursOut, period, 'report.pdf'))),
      },
      {
        name: 'court-report, warm',
        command: oursWarm,
        options: { captureStdout: true },
        before: () => rmSync(warmOut, { recursive: true, force: true }),
        check: () => periods.forEach((period) => mustExist(path.join(warmOut, period, 'report.pdf'))),
      },
      ...concurrencies.map((concurrency) => ({
        name: `jsreport ×${concurrency}`,
        command: jsreportCommand(concurrency),
        options: { captureStdout: true },
        before: () => rmSync(jsreportOut(concurrency), { recursive: true, force: true }),
        check: () => periods.forEach((period) => mustExist(path.join(jsreportOut(concurrency), `${period}.pdf`))),
      })),
    ],
    ctx.runs,
  );

  const oursResult = seriesResult('court-report build --all', ours, runs.get('court-report build --all')!);
  const warmResult = warmSeries(oursWarm, runs.get('court-report, warm')!);
  const jsreport = concurrencies.map((concurrency) => jsreportSeries(concurrency, jsreportCommand(concurrency), runs.get(`jsreport ×${concurrency}`)!));
  const against = (oursMs: number, theirs: (s: JsreportSeries) => number): BatchRatio => {
    const faster = jsreport.reduce((a, b) => (theirs(b) < theirs(a) ? b : a));
    const ratio = oursMs / theirs(faster);
    return { ratio, fasterJsreport: faster.concurrency, pass: ratio <= BATCH_TARGET_VS_JSREPORT };
  };
  const included = against(oursResult.wall.median, (s) => s.wall.median);
  const excluded = against(warmResult.build.median, (s) => s.renders.median);
  return {
    asOf,
    documents: periods.length,
    printer: browser,
    prepare: display(prepare),
    install: `(in ${relative(ctx, path.dirname(runner))}) ${JSREPORT_INSTALL}`,
    installMs,
    versions,
    ours: oursResult,
    oursWarm: warmResult,
    jsreport,
    included,
    excluded,
    crossed: against(oursResult.wall.median, (s) => s.renders.median),
    target: BATCH_TARGET_VS_JSREPORT,
    pass: included.pass && excluded.pass,
    sameOutput: {
      period: lastPeriod,
      ours: pdfFacts(path.join(oursOut, lastPeriod, 'report.pdf')),
      jsreport: pdfFacts(path.join(jsreportOut(concurrencies.at(-1)!), `${lastPeriod}.pdf`)),
    },
  };
}

function warmSeries(command: string[], runs: Measurement[]): WarmSeries {
  const timings = runs.map((run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!) as WarmBatchTimings);
  return {
    ...seriesResult('court-report, warm', command, runs),
    build: summarize(timings.map((t) => t.buildMs)),
    init: summarize(timings.map((t) => t.initMs)),
    warmup: summarize(timings.map((t) => t.warmupMs)),
    warmupPeriods: timings[0]?.warmupPeriods ?? [],
    timings,
  };
}

function jsreportSeries(concurrency: number, command: string[], runs: Measurement[]): JsreportSeries {
  const timings = runs.map((run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!) as JsreportTimings);
  const base = seriesResult(`jsreport ×${concurrency}`, command, runs);
  const perRender = timings.flatMap((t) => t.perRenderMs);
  return {
    ...base,
    command: display(command),
    concurrency,
    renders: summarize(timings.map((t) => t.rendersMs)),
    init: summarize(timings.map((t) => t.loadMs + t.initMs)),
    warmup: summarize(timings.map((t) => t.warmupMs)),
    perRenderMedianMs: summarize(perRender).median,
    timings,
  };
}

/** From pdfinfo (poppler-utils), when installed. */
export function pdfFacts(file: string): PdfFacts | null {
  const result = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(result.stdout)?.[1]?.trim() ?? '';
  return { pages: Number(field('Pages')), tagged: field('Tagged') === 'yes', pageSize: field('Page size'), bytes: Number(field('File size').split(' ')[0]) };
}
