/** Writes BENCHMARKS.md from the results of one `npm run bench`. */
import { nationalSection, nationalSummaryRows, type NationalResult } from './national.js';
import type { BatchResult, JsreportSeries } from './batch.js';
import type { DiffResult } from './diffs.js';
import { DIFF_RSS_TARGET_KB, DIFF_WALL_TARGET_MS } from './diffs.js';
import type { Machine } from './machine.js';
import { FLAT_TOLERANCE, type MemoryResult } from './memory.js';
import type { RunRecord, SeriesResult } from './series.js';
import type { SingleResult } from './single.js';
import { median, megabytes, range, seconds, times, type Summary } from './stats.js';

export interface DebugRun {
  title: string;
  command: string;
  wallMs: number;
  stderr: string;
}

export interface Results {
  quick: boolean;
  warmUp: boolean;
  command: string;
  /** Where the raw results are written, relative to the checkout. */
  resultsFile: string;
  durationMs: number;
  machine: Machine;
  single?: SingleResult;
  batch?: BatchResult;
  batchVsSingle?: { ratio: number; target: number; pass: boolean };
  diff?: DiffResult;
  memory?: MemoryResult;
  national?: NationalResult;
  debug: DebugRun[];
}

/** Issue 11's targets 6 and 5: the whole build against the shell's own print, the batch against jsreport. */
const NATIONAL_SINGLE_TARGET = 1.0;
const NATIONAL_BATCH_TARGET = 0.2;

export function benchmarksMarkdown(results: Results): string {
  const { machine: m } = results;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    `Written by \`${results.command}\` on ${m.date.slice(0, 10)} in ${seconds(results.durationMs, 0)}` +
      (results.quick ? ' — a **quick** run: smaller inputs and fewer runs, a smoke test of the harness, not the targets\' measurements.' : '.'),
    `Re-run: \`npm run bench\` (the first run also installs jsreport into bench/.work/jsreport and generates the 1M and 7M snapshot pairs, ~1.5 GB under bench/.work), or \`npm run bench -- --quick\` (under a minute; writes bench/.work/BENCHMARKS.quick.md and leaves this file alone); \`-- --only single,batch,diff,memory\` runs some sections, \`-- --runs N\` changes N.`,
    `Every timed thing is a whole process started by the harness (bench/run.ts); comparisons run interleaved (A B A B …)${results.warmUp ? ' after one untimed warm-up run of each side' : ', without warm-up runs'}.`,
    `Medians, with min–max over the runs. These machines are noisy: read ratios, not absolute times. Raw runs: \`${results.resultsFile}\`.`,
    '',
  );
  out.push('## Machine', '', '| | |', '|---|---|');
  out.push(`| CPU | ${m.cpu}, ${m.cores} cores |`, `| memory | ${megabytes(m.memoryKb)} |`, `| OS | ${m.os} |`);
  out.push(`| Node / npm | ${m.node} / ${m.npm} |`, `| chromium (target 1's baseline) | ${m.chromium} (/usr/bin/chromium) |`);
  out.push(`| browser court-report prints with (and jsreport, in target 2) | ${m.printer.version} (${m.printer.path}) |`, `| court-report | ${m.courtReport} at ${m.commit}, puppeteer-core ${m.puppeteerCore} |`);
  if (results.batch) out.push(`| jsreport | ${Object.entries(results.batch.versions).map(([name, version]) => `${name} ${version}`).join(', ')} |`);
  out.push(`| load average at start (1, 5, 15 min) | ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')} |`);
  const loads = allRuns(results).map((r) => r.loadAverage);
  if (loads.length > 0) out.push(`| 1-minute load average before each timed run | ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)}) |`);
  out.push('');

  out.push('## Summary', '', '| target | measured | limit | result |', '|---|---:|---:|---|');
  const { single, batch, batchVsSingle, diff, memory } = results;
  if (single) {
    out.push(`| 1. one report: court-report build / chromium --print-to-pdf | ${times(single.ratio)} | ≤ ${times(single.target)} | ${verdict(single.pass)} |`);
    if (single.oursOnChromium) {
      const onChromium = single.oursOnChromium.wall.median / single.chromium.wall.median;
      out.push(`| 1. (check) court-report made to print with chromium / chromium --print-to-pdf | ${times(onChromium)} | ≤ ${times(single.target)} | ${verdict(onChromium <= single.target)} |`);
    }
    if (single.printerCli) out.push(`| 1. (reference) court-report build / ${single.printerCli.name}, the same browser printing only | ${times(single.ours.wall.median / single.printerCli.wall.median)} | — | not a target |`);
  }
  if (batch) {
    const { included, excluded, crossed } = batch;
    out.push(`| 2. batch of ${batch.documents}, warm-up included for both: court-report build --all / jsreport ×${included.fasterJsreport}, whole processes | ${times(included.ratio)} | ≤ ${times(batch.target)} | ${verdict(included.pass)} |`);
    out.push(`| 2. batch of ${batch.documents}, warm-up excluded for both: court-report's build / jsreport ×${excluded.fasterJsreport}'s renders, after start-up and a warm-up round | ${times(excluded.ratio)} | ≤ ${times(batch.target)} | ${verdict(excluded.pass)} |`);
    out.push(`| 2. (reference) court-report build --all, whole process / jsreport ×${crossed.fasterJsreport}'s warm renders | ${times(crossed.ratio)} | — | not like for like |`);
  }
  if (batchVsSingle) out.push(`| 2. batch of ${batch?.documents} / one report (court-report) | ${times(batchVsSingle.ratio)} | ≤ ${times(batchVsSingle.target)} | ${verdict(batchVsSingle.pass)} |`);
  if (diff) {
    const row = diffRow(diff, 'stream', diff.small);
    const label = diff.small.toLocaleString('en-US');
    if (row) out.push(`| 3. diff of ${label} records, diff-large (diffCsvFiles: both snapshots loaded at once into columns, then diffSnapshots; whole child process) | ${seconds(row.medianWallMs)} | ≤ ${seconds(DIFF_WALL_TARGET_MS)} | ${verdict(diff.smallPass)} |`);
    out.push(`| 3. diff of ${label} records, \`court-report diff --json\` (whole process) | ${seconds(diff.cli.wall.median)} | ≤ ${seconds(DIFF_WALL_TARGET_MS)} | ${verdict(diff.cliPass)} |`);
    const large = diffRow(diff, 'stream', diff.large);
    if (large) out.push(`| 3. diff of ${diff.large.toLocaleString('en-US')} records, peak RSS | ${megabytes(large.peakRssKb)} | ≤ ${megabytes(DIFF_RSS_TARGET_KB)} (4 GB) | ${verdict(diff.largePass)} |`);
  }
  if (memory) {
    const first = memory.batches[0]!;
    const last = memory.batches.at(-1)!;
    out.push(`| 4. peak RSS of the tree (node + Chromium), ${last.reports} reports / ${first.reports} reports ("flat") | ${times(memory.growth)} | ≤ ${times(1 + FLAT_TOLERANCE)} | ${verdict(memory.flat)} |`);
    const live = memory.liveHeap;
    out.push(`| 4. node's heap in use after a full collection, after ${live.samples.at(-1)!.reports} reports / after ${live.samples[0]!.reports} ("flat") | ${times(live.growth)} | ≤ ${times(1 + FLAT_TOLERANCE)} | ${verdict(live.flat)} |`);
    out.push(`| 4. (reference) node's own peak (VmHWM), ${last.reports} reports / ${first.reports} reports | ${times(memory.nodeGrowth)} | — | when V8 collects; see section 4 |`);
  }
  if (results.national) out.push(...nationalSummaryRows(results.national));
  // Issue 11 raised two of the bars above: one report within the print of the browser it uses, a batch at a fifth of jsreport's.
  if (single?.printerCli) {
    const ratio = single.ours.wall.median / single.printerCli.wall.median;
    out.push(`| N. one report: court-report build / ${single.printerCli.name}, the same browser printing the finished HTML | ${times(ratio)} | ≤ ${times(NATIONAL_SINGLE_TARGET)} | ${verdict(ratio <= NATIONAL_SINGLE_TARGET)} |`);
  }
  if (batch) {
    const { included } = batch;
    out.push(`| N. batch of ${batch.documents}, whole processes: court-report build --all / jsreport ×${included.fasterJsreport} | ${times(included.ratio)} | ≤ ${times(NATIONAL_BATCH_TARGET)} | ${verdict(included.ratio <= NATIONAL_BATCH_TARGET)} |`);
  }
  out.push('');

  if (single) out.push(...singleSection(single));
  if (batch) out.push(...batchSection(batch, batchVsSingle, single));
  if (diff) out.push(...diffSection(diff));
  if (memory) out.push(...memorySection(memory));
  if (results.national) out.push(...nationalSection(results.national));
  if (results.debug.length > 0) out.push(...debugSection(results.debug));
  out.push(...methodSection(results));
  return out.join('\n') + '\n';
}

function allRuns(results: Results): RunRecord[] {
  const { single, batch, diff, memory } = results;
  return [
    ...(single ? [single.ours, single.chromium, single.printerCli, single.oursOnChromium].flatMap((s) => s?.runs ?? []) : []),
    ...(batch ? [...batch.ours.runs, ...batch.oursWarm.runs, ...batch.jsreport.flatMap((s) => s.runs)] : []),
    ...(diff ? diff.cli.runs : []),
    ...(results.national ? results.national.comparisons.flatMap((c) => [...c.ours.runs, ...c.duckdb.runs]) : []),
    ...(memory ? memory.batches.flatMap((b) => b.runs) : []),
  ];
}

function verdict(pass: boolean | null | undefined): string {
  return pass === null || pass === undefined ? '— (not at the target\'s size)' : pass ? 'PASS' : '**FAIL**';
}

function seriesRow(series: SeriesResult, what: string, wall: Summary = series.wall): string {
  return `| ${series.name} | ${what} | ${wall.runs} | ${seconds(wall.median)} | ${range(wall)} | ${megabytes(series.peakTreeRssKb)} |`;
}

const SERIES_HEADER = ['| | what is timed | N | median | min–max | peak RSS (tree) |', '|---|---|---:|---:|---:|---:|'];

function singleSection(single: SingleResult): string[] {
  const out = ['## 1. One report', '', ...SERIES_HEADER];
  out.push(seriesRow(single.ours, `whole process: load config and snapshots, diff, metrics, render, launch the browser (${single.printer}), print, stamp, write, exit`));
  out.push(seriesRow(single.chromium, 'whole process: launch Chromium, load the finished HTML from disk, print, exit'));
  if (single.printerCli) out.push(seriesRow(single.printerCli, `whole process: launch ${single.printer}, load the finished HTML from disk, print, exit`));
  if (single.oursOnChromium) out.push(seriesRow(single.oursOnChromium, 'as court-report build, with PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium'));
  out.push('', `Ratio of medians, court-report build / chromium --print-to-pdf: **${times(single.ratio)}** (limit ${times(single.target)}): ${verdict(single.pass)}.`);
  if (single.oursOnChromium) {
    const onChromium = single.oursOnChromium.wall.median / single.chromium.wall.median;
    out.push(`- court-report made to print with chromium too: ${times(onChromium)} of chromium --print-to-pdf (${verdict(onChromium <= single.target)} against the same limit).`);
  }
  if (single.printerCli) {
    out.push(
      `- against ${single.printerCli.name}, the browser court-report prints with doing nothing but the print: ${times(single.ours.wall.median / single.printerCli.wall.median)}. ` +
        'The difference is court-report\'s own work: Node\'s start, the config, snapshots, diff, metrics and render, the DevTools connection, stamping and writing.',
    );
  }
  out.push('', '```sh', '# once, untimed: the finished HTML that the browsers print', single.prepare, '# timed, interleaved');
  for (const series of [single.ours, single.chromium, single.printerCli, single.oursOnChromium]) if (series) out.push(series.command);
  out.push('```', '');
  return out;
}

function batchSection(batch: BatchResult, vsSingle: Results['batchVsSingle'], single: SingleResult | undefined): string[] {
  const out = ['## 2. A batch', '', `Both sides print with ${batch.printer}.`, '', ...SERIES_HEADER];
  out.push(seriesRow(batch.ours, `whole process: ${batch.documents} reports through one browser (launch included), exit`));
  out.push(
    seriesRow(
      { ...batch.oursWarm, name: 'court-report, in process' },
      `in process: ${batch.documents} reports (snapshots, diff, metrics, render, print, stamp, write) after start-up and a warm-up round of ${batch.oursWarm.warmupPeriods.length} (${batch.oursWarm.warmupPeriods.join(', ')})`,
      batch.oursWarm.build,
    ),
  );
  for (const series of batch.jsreport) {
    out.push(seriesRow({ ...series, name: `jsreport ×${series.concurrency}` }, `in process: ${batch.documents} renders to PDF files after init and ${series.concurrency} warm-up render${series.concurrency > 1 ? 's' : ''}`, series.renders));
  }
  for (const series of batch.jsreport) {
    out.push(seriesRow({ ...series, name: `jsreport ×${series.concurrency}, whole process` }, 'whole process: load, init, launch, warm-up, renders, close'));
  }
  const { included, excluded, crossed } = batch;
  out.push(
    '',
    'Ratios of medians, each against jsreport\'s faster mode for that measure:',
    `- warm-up included for both (whole processes): **${times(included.ratio)}** of jsreport ×${included.fasterJsreport} (limit ${times(batch.target)}): ${verdict(included.pass)}.`,
    `- warm-up excluded for both (in process, after start-up and a warm-up round): **${times(excluded.ratio)}** of jsreport ×${excluded.fasterJsreport} (limit ${times(batch.target)}): ${verdict(excluded.pass)}.`,
    `- for reference, our whole process against jsreport's warm renders: ${times(crossed.ratio)} of jsreport ×${crossed.fasterJsreport}.`,
  );
  for (const series of batch.jsreport) {
    out.push(`- against jsreport ×${series.concurrency}: whole process ${times(batch.ours.wall.median / series.wall.median)}, warm ${times(batch.oursWarm.build.median / series.renders.median)}.`);
  }
  if (vsSingle && single) {
    out.push(`- against our own single report (section 1, median ${seconds(single.ours.wall.median)}): the batch of ${batch.documents} takes ${times(vsSingle.ratio)} as long (limit ${times(vsSingle.target)}): ${verdict(vsSingle.pass)}.`);
  }
  out.push('', '| jsreport | init (load + init) | warm-up | one render (median of all) |', '|---|---:|---:|---:|');
  for (const series of batch.jsreport) out.push(jsreportRow(series));
  const { ours, jsreport, period } = batch.sameOutput;
  if (ours && jsreport) {
    out.push('', `Same document on both sides (${period}): court-report ${ours.pages} pages, ${ours.pageSize}, tagged ${ours.tagged ? 'yes' : 'no'}, ${kib(ours.bytes)}; jsreport ${jsreport.pages} pages, ${jsreport.pageSize}, tagged ${jsreport.tagged ? 'yes' : 'no'}, ${kib(jsreport.bytes)}.`);
  }
  out.push('', '```sh', '# once: jsreport into a throwaway folder, outside the product\'s dependencies', batch.install);
  out.push(`# once, untimed: the ${batch.documents} final HTML documents jsreport prints`, batch.prepare, '# timed, interleaved', batch.ours.command, batch.oursWarm.command);
  for (const series of batch.jsreport) out.push(series.command);
  out.push('```', '');
  return out;
}

function jsreportRow(series: JsreportSeries): string {
  return `| ×${series.concurrency} | ${seconds(series.init.median)} | ${seconds(series.warmup.median)} | ${seconds(series.perRenderMedianMs)} |`;
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}

function diffRow(diff: DiffResult, mode: string, size: number) {
  return size > 0 ? diff.report.summary.find((r) => r.mode === mode && r.size === size) : undefined;
}

function diffSection(diff: DiffResult): string[] {
  const out = ['## 3. Diffs at scale', ''];
  out.push('| what | records per snapshot | N | wall median | min–max | peak RSS |', '|---|---:|---:|---:|---:|---:|');
  for (const row of diff.report.summary) {
    const what = row.mode === 'stream' ? 'diff-large: diffCsvFiles (both snapshots loaded at once, then diffSnapshots), child process' : 'diff-large: loadSnapshot ×2 one after the other + diffSnapshots, child process';
    out.push(`| ${what} | ${row.size.toLocaleString('en-US')} | ${row.runs} | ${seconds(row.medianWallMs)} | ${seconds(row.minWallMs)}–${seconds(row.maxWallMs)} | ${megabytes(row.peakRssKb)} |`);
  }
  const cli = diff.cli;
  out.push(`| \`court-report diff --json\`, whole process (config, diff, masked JSON to stdout) | ${diff.small.toLocaleString('en-US')} | ${cli.wall.runs} | ${seconds(cli.wall.median)} | ${range(cli.wall)} | ${megabytes(cli.peakTreeRssKb)} |`);
  const c = diff.cliCounts;
  out.push('', `Both snapshots have ~10 columns (the example's); about 5% of records change. Counts (CLI and diff-large agree): ${c.added?.toLocaleString('en-US')} added, ${c.removed?.toLocaleString('en-US')} removed, ${c.changed?.toLocaleString('en-US')} changed, ${c.unchanged?.toLocaleString('en-US')} unchanged.`);
  if (diff.report.identicalToInMemory !== null) out.push(`diffCsvFiles and loadSnapshot + diffSnapshots results identical (SHA-256 of the JSON): ${diff.report.identicalToInMemory ? 'yes' : 'NO'}.`);
  out.push('Peak RSS of diff-large runs is `/usr/bin/time -v`\'s maximum resident set size; of the CLI, the sampled tree (one process).');
  out.push('', '```sh', diff.command, cli.command, '```', '');
  return out;
}

function memorySection(memory: MemoryResult): string[] {
  const out = ['## 4. Memory of batches', ''];
  out.push('| reports | cases × periods | N | wall median | min–max | peak RSS (tree) | peak PSS (tree) | node VmHWM | processes | PDFs written |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const b of memory.batches) {
    out.push(`| ${b.reports} | ${b.cases} × ${b.reports / b.cases} | ${b.wall.runs} | ${seconds(b.wall.median)} | ${range(b.wall)} | ${megabytes(b.peakTreeRssKb)} | ${megabytes(b.peakTreePssKb)} | ${megabytes(b.nodeHwmKb)} | ${b.maxProcesses} | ${b.pdfs} |`);
  }
  const first = memory.batches[0]!;
  const last = memory.batches.at(-1)!;
  const trail = (kb: (b: (typeof memory.batches)[number]) => number) => memory.batches.map((b) => megabytes(kb(b))).join(' → ');
  out.push(
    '',
    `Peak tree RSS of ${last.reports} reports is ${times(memory.growth)} that of ${first.reports} (${trail((b) => b.peakTreeRssKb)}), ${verdict(memory.flat)}. Flat: ≤ ${times(1 + FLAT_TOLERANCE)}, our reading of "stays flat".`,
    `Node's own peak goes ${trail((b) => b.nodeHwmKb)} (${times(memory.nodeGrowth)}): a longer run gives V8 more chances to let garbage pile up before a full collection, which is not memory it keeps. What it keeps is below.`,
  );
  out.push('Peaks are the maximum over the runs; "processes" is the most processes seen in the tree at once (node + Chromium\'s).', '');
  const live = memory.liveHeap;
  out.push(
    `Node's heap in use after a full collection (\`global.gc()\`), after each case of a batch of ${live.samples.at(-1)!.reports} reports through one browser (bench/live-heap.ts, the library API as the bin uses it; ArrayBuffers in brackets):`,
    '',
    '| reports built | ' + live.samples.map((s) => String(s.reports)).join(' | ') + ' |',
    '|---|' + live.samples.map(() => '---:').join('|') + '|',
    '| heap in use (ArrayBuffers) | ' + live.samples.map((s) => `${(s.heapUsedKb / 1024).toFixed(1)} MB (${(s.arrayBuffersKb / 1024).toFixed(1)})`).join(' | ') + ' |',
    '',
    `After ${live.samples.at(-1)!.reports} reports it is ${times(live.growth)} what it was after ${live.samples[0]!.reports}: ${verdict(live.flat)}.`,
    '',
    '```sh',
  );
  for (const b of memory.batches) out.push(b.command);
  out.push(live.command, '```', '');
  return out;
}

function debugSection(debug: DebugRun[]): string[] {
  const out = ['## Where the time goes', '', 'One more run of the report and the batch (and of a failing diff), not counted in the tables, with court-report\'s debug logs: each step at its time since the process started, and in brackets since its period or print began (see src/pipeline.ts and src/pdf/).', ''];
  for (const run of debug) {
    const lines = run.stderr.trim().split('\n');
    out.push(`### ${run.title}`, '', '```sh', run.command, '```', '');
    // A long log folds away on GitHub; the short ones stay in view.
    if (lines.length > 25) out.push(`<details><summary>Wall ${seconds(run.wallMs)}; stderr (${lines.length} lines)</summary>`, '', '```', ...lines, '```', '', '</details>', '');
    else out.push(`Wall ${seconds(run.wallMs)}. stderr:`, '', '```', ...lines, '```', '');
  }
  return out;
}

function methodSection(results: Results): string[] {
  const out = ['## How it is measured (and what is not fair)', ''];
  out.push(
    '- **Whole processes.** Each run is spawned with `child_process.spawn` from bench/run.ts (cwd = the checkout); wall time is spawn to exit as the harness sees it. court-report runs as its real bin (package.json `bin`, `dist/bin/main.js`) under the same Node, from a copy of the package made right after `npm run build` (bench/.work/court-report: dist, templates, schema, package.json, node_modules linked), so that someone else\'s build in the checkout, which deletes dist/, can neither break a run nor change the code measured.',
    '- **Memory.** Every ~50 ms the harness lists /proc, finds the process and all its descendants (Chromium\'s processes included: they are descendants even in their own process group) and sums their RSS (and, for the batches in section 4, PSS from smaps_rollup every ~200 ms, which counts shared pages once; reading it costs kernel time, so those runs are a little slower than they would be). The peak of that sum is "peak RSS (tree)"; summed RSS counts pages Chromium processes share more than once, so it overstates real use. "node VmHWM" is the node process\'s own high-water mark read at each sample. Peaks shorter than 50 ms can be missed.',
    `- **Interleaving.** A B A B …, N rounds${results.warmUp ? ', after one untimed warm-up of each side (page cache, Chromium\'s profile)' : ''}. The load average before each run is in ${results.resultsFile}.`,
    '- **As root.** Chromium needs `--no-sandbox` when run as root; both sides pass it, with the flags court-report gives Chromium.',
  );
  if (results.single) {
    out.push(
      '- **Target 1 is not like for like.** court-report does the whole job (loads the config, reads the period\'s and the prior snapshot, diffs, computes metrics, renders Handlebars, scans for personal data, prints tagged with an outline, rewrites the PDF\'s metadata, writes its four outputs atomically); the Chromium process only prints HTML that is already on disk, with its own persistent profile under bench/.work and without tagging or an outline. court-report also starts its own, fresh, temporary profile on every run.',
      `- **Which browser.** court-report prints with the browser it finds, ${results.single.printer} here. When that is Chromium\'s headless shell (Debian\'s chromium-headless-shell: the same Blink and PDF printing without the desktop browser\'s start-up), it starts in about half the time of the desktop chromium that the target\'s command runs, which is most of the margin. So two more series run interleaved with the target\'s two: the headless shell\'s own --print-to-pdf (the same browser doing only the print: what court-report costs on top of its browser) and court-report made to print with the desktop chromium (the same browser as the target\'s command).`,
    );
  }
  if (results.batch) {
    out.push(
      `- **Target 2, timed both ways.** jsreport renders the ${results.batch.documents} finished HTML documents (template engine \`none\`, recipe \`chrome-pdf\`, the same page settings: Letter, preferCSSPageSize, printBackground, tagged, outline) with the same browser as court-report, and writes the PDFs to disk (not stamped). Warm-up included: both whole processes (court-report: Node start, loading, browser launch, ${results.batch.documents} reports from the snapshots, exit; jsreport: load, \`init()\`, a warm-up round that launches its browsers, the renders, close). Warm-up excluded: jsreport timed in its process for the renders after \`init()\` and its warm-up round; court-report timed in its process (bench/warm-batch.ts, the library API of the same build) for a build of all ${results.batch.documents} periods after loading the report definition, launching the browser and a warm-up build of one period per page of the pool, through the same browser. court-report still does more in its timed part: it reads the snapshots, diffs, counts and renders each report before printing it.`,
      `- **Concurrency.** court-report prints through one Chromium with a pool of pages (as many as the cores, at most 4: ${Math.min(4, results.machine.cores)} here). jsreport's chrome-pool prints one document per browser at a time, so "×2" is two worker threads, each with its own Chromium (the default \`workers.numberOfWorkers\` is 2); "×1" is one worker thread and one Chromium. jsreport runs with \`trustUserCode: true\` (no sandbox: its faster setting; there is no template code) and its logger silenced.`,
    );
  }
  if (results.memory) out.push('- **Batches of several cases** are copies of the example under ids case-01 … case-17 (bench/.work/cases), built in one process with one `--config` each; every run must write all its PDFs.');
  out.push('- **Not measured:** first runs after boot (cold disk cache), other machines, Chrome builds other than Debian\'s Chromium and headless shell.', '');
  return out;
}
