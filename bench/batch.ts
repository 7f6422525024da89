/**
 * Target 2: a batch. `court-report build --all` (every period of the
 * example, one browser, a page pool sized to the cores) as a whole process,
 * against jsreport turning the same final HTML documents into PDFs, one at a
 * time and two at once.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_CONFIG } from './fixtures.js';
import { ensureJsreport, JSREPORT_INSTALL, type InstalledVersions, type JsreportTimings } from './jsreport.js';
import { type Measurement, measureOk } from './measure.js';
import { type BenchContext, CHROMIUM, courtReport, display, interleave, relative, seriesResult, type SeriesResult, timedEnv } from './series.js';
import { mustExist } from './single.js';
import { summarize, type Summary } from './stats.js';

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

export interface BatchResult {
  asOf: string;
  documents: number;
  prepare: string;
  install: string;
  installMs: number;
  versions: InstalledVersions;
  ours: SeriesResult;
  jsreport: JsreportSeries[];
  /** ours (whole process) / the faster jsreport series (renders only), medians. */
  ratio: number;
  fasterJsreport: number;
  target: number;
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

  const { runner, versions, installMs } = ensureJsreport(path.join(ctx.work, 'jsreport'), ctx.log);
  const oursOut = path.join(ctx.work, 'out-all');
  const ours = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--all', '--as-of', asOf, '--out', relative(ctx, oursOut));
  const lastPeriod = periods.at(-1)!;
  const jsreportOut = (concurrency: number) => path.join(ctx.work, `jsreport-out-${concurrency}`);
  const jsreportCommand = (concurrency: number) => [
    process.execPath,
    relative(ctx, runner),
    '--concurrency',
    String(concurrency),
    '--chrome',
    CHROMIUM,
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
  const jsreport = concurrencies.map((concurrency) => jsreportSeries(concurrency, jsreportCommand(concurrency), runs.get(`jsreport ×${concurrency}`)!));
  const faster = jsreport.reduce((a, b) => (b.renders.median < a.renders.median ? b : a));
  const ratio = oursResult.wall.median / faster.renders.median;
  return {
    asOf,
    documents: periods.length,
    prepare: display(prepare),
    install: `(in ${relative(ctx, path.dirname(runner))}) ${JSREPORT_INSTALL}`,
    installMs,
    versions,
    ours: oursResult,
    jsreport,
    ratio,
    fasterJsreport: faster.concurrency,
    target: BATCH_TARGET_VS_JSREPORT,
    pass: ratio <= BATCH_TARGET_VS_JSREPORT,
    sameOutput: {
      period: lastPeriod,
      ours: pdfFacts(path.join(oursOut, lastPeriod, 'report.pdf')),
      jsreport: pdfFacts(path.join(jsreportOut(concurrencies.at(-1)!), `${lastPeriod}.pdf`)),
    },
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
