/**
 * Target 1: one report. The whole `court-report build --period P` process
 * (PDF included) against the whole `chromium --headless --print-to-pdf`
 * process printing the same finished HTML.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_CONFIG } from './fixtures.js';
import { measureOk } from './measure.js';
import { AS_OF, type BenchContext, CHROMIUM, courtReport, display, interleave, relative, seriesResult, SINGLE_PERIOD, type SeriesResult, timedEnv } from './series.js';

export const SINGLE_TARGET = 1.0;

export interface SingleResult {
  prepare: string;
  ours: SeriesResult;
  chromium: SeriesResult;
  /** ours / chromium, medians. */
  ratio: number;
  target: number;
  pass: boolean;
}

/** Flags court-report also gives Chrome; --no-sandbox because the benchmark runs as root here. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function benchSingle(ctx: BenchContext): Promise<SingleResult> {
  ctx.log(`Target 1: one report (${SINGLE_PERIOD}), court-report build vs chromium --print-to-pdf`);
  const htmlOut = path.join(ctx.work, 'out');
  const prepare = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--period', SINGLE_PERIOD, '--html-only', '--as-of', AS_OF, '--out', relative(ctx, htmlOut));
  await measureOk(prepare, { cwd: ctx.root, env: timedEnv() });
  const html = path.join(htmlOut, SINGLE_PERIOD, 'report.html');

  const oursOut = path.join(ctx.work, 'out-single');
  const oursPdf = path.join(oursOut, SINGLE_PERIOD, 'report.pdf');
  const ours = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--period', SINGLE_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, oursOut));
  const chromiumPdf = path.join(ctx.work, 'chromium-single.pdf');
  // A profile of its own under bench/.work (kept between runs) rather than root's ~/.config/chromium.
  const profile = path.join(ctx.work, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const chromium = [CHROMIUM, ...CHROMIUM_FLAGS, `--user-data-dir=${relative(ctx, profile)}`, '--no-pdf-header-footer', `--print-to-pdf=${relative(ctx, chromiumPdf)}`, relative(ctx, html)];

  const runs = await interleave(
    ctx,
    [
      { name: 'court-report build', command: ours, before: () => rmSync(oursOut, { recursive: true, force: true }), check: () => mustExist(oursPdf) },
      { name: 'chromium --print-to-pdf', command: chromium, before: () => rmSync(chromiumPdf, { force: true }), check: () => mustExist(chromiumPdf) },
    ],
    ctx.runs,
  );
  const oursResult = seriesResult('court-report build', ours, runs.get('court-report build')!);
  const chromiumResult = seriesResult('chromium --print-to-pdf', chromium, runs.get('chromium --print-to-pdf')!);
  const ratio = oursResult.wall.median / chromiumResult.wall.median;
  return { prepare: display(prepare), ours: oursResult, chromium: chromiumResult, ratio, target: SINGLE_TARGET, pass: ratio <= SINGLE_TARGET };
}

export function mustExist(file: string): void {
  if (!existsSync(file)) throw new Error(`expected output missing: ${file}`);
}
