/**
 * court-report's side of the batch comparison with the warm-up excluded, the
 * way jsreport's renders are timed: a child process that loads the report
 * definition and launches the browser, builds a warm-up round (one period per
 * page of the pool, so every page has printed once), then times a build of
 * every period through the same browser. It drives the library API from the
 * benchmark's copy of the package (the code the bin runs), and prints its
 * timings as JSON on its last line.
 *
 * `node warm-batch.js --library DIR/dist/index.js --config FILE --as-of DATE --out DIR`
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Library from '../src/index.js';

/** What the runner prints on its last line. */
export interface WarmBatchTimings {
  /** Loading the library and the report definition, launching the browser. Excluded. */
  initMs: number;
  /** The warm-up round. Excluded. */
  warmupMs: number;
  warmupPeriods: string[];
  /** The timed part: every period built (snapshots, diff, metrics, render, print, stamp, write). */
  buildMs: number;
  periods: number;
  closeMs: number;
}

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({
    options: { library: { type: 'string' }, config: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } },
  });
  const library = (await import(pathToFileURL(path.resolve(values.library!)).href)) as typeof Library;
  const asOf = values['as-of']!;
  const config = await library.loadConfig(values.config!);
  const periods = library.periodRange(config.periods.first, library.latestPeriod(config.periods, asOf)!);
  const printer = await library.Printer.launch();
  const initialized = performance.now();

  const out = path.resolve(values.out!);
  const warmupOut = `${out}-warmup`;
  rmSync(warmupOut, { recursive: true, force: true });
  // One period per page of the pool (the default concurrency), as jsreport warms up one render per browser.
  const warmupPeriods = periods.slice(0, Math.min(4, availableParallelism()));
  let warmedUp: number;
  let built: number;
  try {
    await library.buildReports({ config, periods: warmupPeriods, asOf, final: false, outDir: warmupOut, printer });
    warmedUp = performance.now();
    await library.buildReports({ config, periods, asOf, final: false, outDir: out, printer });
    built = performance.now();
  } finally {
    // Also when a build fails: the browser runs in a process group of its own.
    await printer.close();
  }
  const closed = performance.now();
  rmSync(warmupOut, { recursive: true, force: true });

  const timings: WarmBatchTimings = {
    initMs: initialized - started,
    warmupMs: warmedUp - initialized,
    warmupPeriods,
    buildMs: built - warmedUp,
    periods: periods.length,
    closeMs: closed - built,
  };
  console.log(JSON.stringify(timings));
}

await main();
