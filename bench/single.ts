/**
 * Target 1: one report. The whole `court-report build --period P` process
 * (PDF included) against the whole `chromium --headless --print-to-pdf`
 * process printing the same finished HTML.
 *
 * court-report prints with the browser it finds (Chromium's headless shell
 * when installed). Two more series keep the comparison honest: the headless
 * shell's own --print-to-pdf (the same browser as ours, doing only the
 * print), and court-report made to print with the desktop chromium (the
 * same browser as the target's command).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_CONFIG } from './fixtures.js';
import { measureOk } from './measure.js';
import { AS_OF, type BenchContext, CHROMIUM, courtReport, display, interleave, printer, relative, type Series, seriesResult, SINGLE_PERIOD, type SeriesResult, timedEnv } from './series.js';

export const SINGLE_TARGET = 1.0;

export interface SingleResult {
  prepare: string;
  /** The browser court-report found and printed with. */
  printer: string;
  ours: SeriesResult;
  chromium: SeriesResult;
  /** ours / chromium, medians: the target. */
  ratio: number;
  target: number;
  pass: boolean;
  /** The same browser's own --print-to-pdf, when court-report's browser is not chromium itself. */
  printerCli?: SeriesResult;
  /** court-report with PUPPETEER_EXECUTABLE_PATH=chromium, likewise. */
  oursOnChromium?: SeriesResult;
}

/** Flags court-report also gives Chrome; --no-sandbox because the benchmark runs as root here. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function benchSingle(ctx: BenchContext): Promise<SingleResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`target 1's baseline is ${CHROMIUM} --print-to-pdf, and it is not installed: apt-get install chromium`);
  const browser = printer();
  ctx.log(`Target 1: one report (${SINGLE_PERIOD}), court-report build (printing with ${browser}) vs chromium --print-to-pdf`);
  const htmlOut = path.join(ctx.work, 'out');
  const prepare = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--period', SINGLE_PERIOD, '--html-only', '--as-of', AS_OF, '--out', relative(ctx, htmlOut));
  await measureOk(prepare, { cwd: ctx.root, env: timedEnv() });
  const html = path.join(htmlOut, SINGLE_PERIOD, 'report.html');

  const build = (name: string, out: string, env: Record<string, string> = {}): Series => {
    const pdf = path.join(out, SINGLE_PERIOD, 'report.pdf');
    const command = courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--period', SINGLE_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, out));
    return { name, command, env, options: { env: timedEnv(env) }, before: () => rmSync(out, { recursive: true, force: true }), check: () => mustExist(pdf) };
  };
  const printToPdf = (name: string, browser: string, headless: string[]): Series => {
    const pdf = path.join(ctx.work, `${path.basename(browser)}-single.pdf`);
    // A profile of its own under bench/.work (kept between runs) rather than root's ~/.config.
    const profile = path.join(ctx.work, `${path.basename(browser)}-profile`);
    mkdirSync(profile, { recursive: true });
    const command = [browser, ...headless, ...CHROMIUM_FLAGS, `--user-data-dir=${relative(ctx, profile)}`, '--no-pdf-header-footer', `--print-to-pdf=${relative(ctx, pdf)}`, relative(ctx, html)];
    return { name, command, before: () => rmSync(pdf, { force: true }), check: () => mustExist(pdf) };
  };

  const ours = build('court-report build', path.join(ctx.work, 'out-single'));
  const chromium = printToPdf('chromium --print-to-pdf', CHROMIUM, ['--headless']);
  const series = [ours, chromium];
  const separateBrowser = browser !== CHROMIUM;
  if (separateBrowser) {
    series.push(printToPdf(`${path.basename(browser)} --print-to-pdf`, browser, []));
    series.push(build('court-report build, printing with chromium', path.join(ctx.work, 'out-single-chromium'), { PUPPETEER_EXECUTABLE_PATH: CHROMIUM }));
  }
  const runs = await interleave(ctx, series, ctx.runs);
  const result = (s: Series) => seriesResult(s.name, s.command, runs.get(s.name)!, s.env);
  const oursResult = result(ours);
  const chromiumResult = result(chromium);
  const ratio = oursResult.wall.median / chromiumResult.wall.median;
  return {
    prepare: display(prepare),
    printer: browser,
    ours: oursResult,
    chromium: chromiumResult,
    ratio,
    target: SINGLE_TARGET,
    pass: ratio <= SINGLE_TARGET,
    ...(separateBrowser ? { printerCli: result(series[2]!), oursOnChromium: result(series[3]!) } : {}),
  };
}

export function mustExist(file: string): void {
  if (!existsSync(file)) throw new Error(`expected output missing: ${file}`);
}
