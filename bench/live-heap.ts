/**
 * What node keeps as a batch grows: builds several cases in one process
 * through one browser, as `build --config … --config …` does, and after each
 * case forces a full garbage collection and records the heap that is still in
 * use. A peak (VmHWM) depends on when V8 chooses to collect; what survives a
 * collection is what the process holds. Runs with --expose-gc; prints JSON on
 * its last line.
 *
 * `node --expose-gc live-heap.js --library DIR/dist/index.js --as-of DATE --out DIR CONFIG...`
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Library from '../src/index.js';

export interface LiveHeapSample {
  /** Reports built so far. */
  reports: number;
  heapUsedKb: number;
  arrayBuffersKb: number;
  rssKb: number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { library: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } },
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const library = (await import(pathToFileURL(path.resolve(values.library!)).href)) as typeof Library;
  const asOf = values['as-of']!;
  const out = path.resolve(values.out!);
  rmSync(out, { recursive: true, force: true });
  const printer = await library.Printer.launch();
  const samples: LiveHeapSample[] = [];
  let reports = 0;
  try {
    for (const file of positionals) {
      const config = await library.loadConfig(file);
      const periods = library.periodRange(config.periods.first, library.latestPeriod(config.periods, asOf)!);
      await library.buildReports({ config, periods, asOf, final: false, outDir: path.join(out, config.id), printer });
      reports += periods.length;
      gc();
      gc();
      const memory = process.memoryUsage();
      samples.push({ reports, heapUsedKb: memory.heapUsed / 1024, arrayBuffersKb: memory.arrayBuffers / 1024, rssKb: memory.rss / 1024 });
    }
  } finally {
    // Also when a build fails: the browser runs in a process group of its own.
    await printer.close();
  }
  console.log(JSON.stringify(samples));
}

await main();
