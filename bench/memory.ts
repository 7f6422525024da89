/**
 * Target 4 and the robustness issue: batches of 12, 60 and 204 reports (1, 5
 * and 17 copies of the example × 12 periods, PDFs included) in one process
 * each, through one browser; their peak memory should stay flat. Then what
 * node still holds after a full collection, case after case (live-heap.ts).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { prepareCases } from './fixtures.js';
import type { LiveHeapSample } from './live-heap.js';
import { measureOk } from './measure.js';
import { type BenchContext, courtReport, display, interleave, relative, type RunRecord, record, timedEnv } from './series.js';
import { summarize, type Summary } from './stats.js';

/** The 204-report peak may exceed the 12-report one by this share and still count as flat. */
export const FLAT_TOLERANCE = 0.25;

export interface BatchMemory {
  cases: number;
  reports: number;
  command: string;
  wall: Summary;
  peakTreeRssKb: number;
  peakTreePssKb: number;
  nodeHwmKb: number;
  maxProcesses: number;
  pdfs: number;
  runs: RunRecord[];
}

export interface MemoryResult {
  asOf: string;
  batches: BatchMemory[];
  /** Largest batch's peak tree RSS / smallest batch's. */
  growth: number;
  flat: boolean;
  /** The same for the node process's own VmHWM: when V8 collects, more than what it keeps. */
  nodeGrowth: number;
  /** Node's heap in use after a full collection, after each case of the largest batch. */
  liveHeap: { command: string; samples: LiveHeapSample[]; growth: number; flat: boolean };
}

export async function benchMemory(ctx: BenchContext, caseCounts: number[], asOf: string, rounds: number): Promise<MemoryResult> {
  ctx.log(`Memory: batches of ${caseCounts.join(', ')} cases, PDFs included`);
  const configs = prepareCases(ctx.root, path.join(ctx.work, 'cases'), Math.max(...caseCounts));
  const outOf = (cases: number) => path.join(ctx.work, `out-cases-${cases}`);
  const commandOf = (cases: number) =>
    courtReport(ctx, 'build', ...configs.slice(0, cases).flatMap((config) => ['--config', relative(ctx, config)]), '--all', '--as-of', asOf, '--out', relative(ctx, outOf(cases)));
  const pdfCount = new Map<number, number>();
  const runs = await interleave(
    ctx,
    caseCounts.map((cases) => ({
      name: `${cases} case${cases === 1 ? '' : 's'}`,
      command: commandOf(cases),
      options: { pss: true },
      before: () => rmSync(outOf(cases), { recursive: true, force: true }),
      check: () => pdfCount.set(cases, countPdfs(outOf(cases), cases === 1)),
    })),
    rounds,
    false,
  );
  const batches = caseCounts.map((cases): BatchMemory => {
    const measured = runs.get(`${cases} case${cases === 1 ? '' : 's'}`)!;
    const pdfs = pdfCount.get(cases)!;
    return {
      cases,
      reports: pdfs,
      command: display(commandOf(cases)),
      wall: summarize(measured.map((r) => r.wallMs)),
      peakTreeRssKb: Math.max(...measured.map((r) => r.peakTreeRssKb)),
      peakTreePssKb: Math.max(...measured.map((r) => r.peakTreePssKb)),
      nodeHwmKb: Math.max(...measured.map((r) => r.rootHwmKb)),
      maxProcesses: Math.max(...measured.map((r) => r.maxProcesses)),
      pdfs,
      runs: measured.map(record),
    };
  });
  const growth = batches.at(-1)!.peakTreeRssKb / batches[0]!.peakTreeRssKb;
  const nodeGrowth = batches.at(-1)!.nodeHwmKb / batches[0]!.nodeHwmKb;

  ctx.log(`Memory: node's heap after a full collection, case by case (${Math.max(...caseCounts)} cases)`);
  const library = path.join(path.dirname(ctx.bin), '..', 'index.js');
  const liveCommand = [
    process.execPath,
    '--expose-gc',
    relative(ctx, path.join(ctx.work, 'dist/bench/live-heap.js')),
    '--library',
    relative(ctx, library),
    '--as-of',
    asOf,
    '--out',
    relative(ctx, path.join(ctx.work, 'out-live-heap')),
    ...configs.slice(0, Math.max(...caseCounts)).map((config) => relative(ctx, config)),
  ];
  const live = await measureOk(liveCommand, { cwd: ctx.root, env: timedEnv(), captureStdout: true });
  const samples = JSON.parse(live.stdout.trim().split('\n').at(-1)!) as LiveHeapSample[];
  const liveGrowth = samples.at(-1)!.heapUsedKb / samples[0]!.heapUsedKb;
  return {
    asOf,
    batches,
    growth,
    flat: growth <= 1 + FLAT_TOLERANCE,
    nodeGrowth,
    liveHeap: { command: display(liveCommand), samples, growth: liveGrowth, flat: liveGrowth <= 1 + FLAT_TOLERANCE },
  };
}

/** report.pdf files written: DIR/<period>/ for one case, DIR/<id>/<period>/ for several. */
function countPdfs(dir: string, single: boolean): number {
  const periodDirs = single ? [dir] : readdirSync(dir).map((id) => path.join(dir, id));
  let count = 0;
  for (const caseDir of periodDirs) {
    for (const period of readdirSync(caseDir)) {
      if (readdirSync(path.join(caseDir, period)).includes('report.pdf')) count++;
    }
  }
  return count;
}
