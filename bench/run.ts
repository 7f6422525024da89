/**
 * `npm run bench [-- --quick] [--runs N] [--only single,batch,diff,memory,national] [--out FILE]`
 *
 * Generates what it needs under bench/.work, runs every comparison as whole
 * processes, interleaved, and writes BENCHMARKS.md and bench/.work/results.json.
 * A quick or partial (--only) run writes bench/.work/BENCHMARKS.{quick,partial}.md
 * and results.{quick,partial}.json instead, so the full figures stay in place.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BATCH_TARGET_VS_SINGLE, benchBatch } from './batch.js';
import { copyBuild } from './build-copy.js';
import { benchDiffs } from './diffs.js';
import { CURRENT_PERIOD, EXAMPLE_CONFIG } from './fixtures.js';
import { benchWorkDir } from './gen-large.js';
import { describeMachine } from './machine.js';
import { measure } from './measure.js';
import { benchMemory } from './memory.js';
import { benchNational } from './national.js';
import { benchmarksMarkdown, type DebugRun, type Results } from './report.js';
import { AS_OF, type BenchContext, courtReport, display, relative, SINGLE_PERIOD, timedEnv } from './series.js';
import { benchSingle } from './single.js';

const SECTIONS = ['single', 'batch', 'diff', 'memory', 'national'] as const;
type Section = (typeof SECTIONS)[number];

/** How much of everything a run does. */
interface Plan {
  runs: number;
  warmUp: boolean;
  /** The batch builds every period through this date: 12 for AS_OF. */
  batchAsOf: string;
  jsreportConcurrency: number[];
  diff: { small: number; large: number; runs: number; largeRuns: number; baselineRuns: number };
  memory: { cases: number[]; asOf: string; rounds: number };
  /** National scale: build sizes against DuckDB (none: the section is skipped), runs per side. */
  national: { sizes: number[]; runs: number };
  /** Debug-logged runs of failing targets. */
  whereTheTimeGoes: boolean;
}

const FULL: Plan = {
  runs: 7,
  warmUp: true,
  batchAsOf: AS_OF,
  jsreportConcurrency: [1, 2],
  diff: { small: 1_000_000, large: 7_000_000, runs: 5, largeRuns: 2, baselineRuns: 1 },
  memory: { cases: [1, 5, 17], asOf: AS_OF, rounds: 2 },
  national: { sizes: [1_000_000, 7_000_000], runs: 3 },
  whereTheTimeGoes: true,
};

/** Under a minute: the example's first four periods (as of 2023-10-14), jsreport at our concurrency only, a 100k diff, no 7M. */
const QUICK: Plan = {
  runs: 3,
  warmUp: false,
  batchAsOf: '2023-10-14',
  jsreportConcurrency: [2],
  diff: { small: 100_000, large: 0, runs: 3, largeRuns: 0, baselineRuns: 0 },
  memory: { cases: [1, 2], asOf: '2023-10-14', rounds: 1 },
  national: { sizes: [], runs: 0 },
  whereTheTimeGoes: false,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const started = performance.now();
  const work = benchWorkDir();
  const root = path.resolve(work, '..', '..');
  const quick = values.quick!;
  const plan = quick ? QUICK : FULL;
  const only = new Set((values.only ?? SECTIONS.join(',')).split(',') as Section[]);
  for (const section of only) if (!SECTIONS.includes(section)) throw new Error(`--only: unknown section "${section}" (${SECTIONS.join(', ')})`);
  const bin = await copyBuildWhenReady(root, path.join(work, 'court-report'));
  const ctx: BenchContext = { root, work, bin, runs: Number(values.runs ?? plan.runs), warmUp: plan.warmUp, log: (line) => console.error(line) };
  const argv = process.argv.slice(2);
  const variant = quick ? 'quick' : values.only ? 'partial' : null;
  const json = path.join(work, variant ? `results.${variant}.json` : 'results.json');
  const results: Results = {
    quick,
    warmUp: ctx.warmUp,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    resultsFile: relative(ctx, json),
    durationMs: 0,
    machine: describeMachine(root),
    debug: [],
  };
  ctx.log(`${results.command}: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.node}, ${results.machine.chromium}`);

  if (only.has('single')) results.single = await benchSingle(ctx);
  if (only.has('batch')) {
    const batch = await benchBatch(ctx, plan.batchAsOf, plan.jsreportConcurrency);
    results.batch = batch;
    if (results.single) {
      const ratio = batch.ours.wall.median / results.single.ours.wall.median;
      results.batchVsSingle = { ratio, target: BATCH_TARGET_VS_SINGLE, pass: ratio <= BATCH_TARGET_VS_SINGLE };
    }
  }
  if (only.has('diff')) results.diff = await benchDiffs(ctx, plan.diff);
  if (only.has('memory')) results.memory = await benchMemory(ctx, plan.memory.cases, plan.memory.asOf, plan.memory.rounds);
  if (only.has('national') && plan.national.sizes.length > 0) results.national = await benchNational(ctx, plan.national.sizes, Number(values.runs ?? plan.national.runs));
  if (plan.whereTheTimeGoes) results.debug = await whereTheTimeGoes(ctx, results);
  results.durationMs = performance.now() - started;
  const markdown = benchmarksMarkdown(results);
  const out = values.out ? path.resolve(values.out) : variant ? path.join(work, `BENCHMARKS.${variant}.md`) : path.join(root, 'BENCHMARKS.md');
  writeFileSync(out, markdown);
  writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  ctx.log(`\nwrote ${relative(ctx, out)} and ${relative(ctx, json)} in ${(results.durationMs / 1000).toFixed(0)} s\n`);
  // The machine and the summary table.
  const summaryEnd = markdown.indexOf('\n## ', markdown.indexOf('## Summary'));
  process.stdout.write(summaryEnd > 0 ? markdown.slice(0, summaryEnd + 1) : markdown);
}

/** Someone else's `npm run build` may have just deleted dist/: wait for it (up to a minute). */
async function copyBuildWhenReady(root: string, dir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return copyBuild(root, dir);
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** One run of the report and the batch (and of a failing diff) with court-report's per-step debug logs. */
async function whereTheTimeGoes(ctx: BenchContext, results: Results): Promise<DebugRun[]> {
  const runs: Array<{ title: string; command: string[]; namespaces: string }> = [];
  const pipeline = 'court-report-pipeline,court-report-pdf';
  if (results.single) {
    runs.push({
      title: `One report (${SINGLE_PERIOD})`,
      command: courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--period', SINGLE_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, path.join(ctx.work, 'out-debug-single'))),
      namespaces: pipeline,
    });
  }
  if (results.batch) {
    runs.push({
      title: `A batch (build --all --as-of ${results.batch!.asOf})`,
      command: courtReport(ctx, 'build', '--config', EXAMPLE_CONFIG, '--all', '--as-of', results.batch!.asOf, '--out', relative(ctx, path.join(ctx.work, 'out-debug-all'))),
      namespaces: pipeline,
    });
  }
  if (results.diff && results.diff.cliPass === false) {
    runs.push({ title: 'court-report diff --json', command: courtReport(ctx, 'diff', '--config', results.diff.cliConfig, '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--json'), namespaces: 'diff-stream' });
  }
  const debug: DebugRun[] = [];
  for (const run of runs) {
    ctx.log(`Where the time goes: ${run.title}`);
    const env = { NODE_DEBUG: run.namespaces };
    const measured = await measure(run.command, { cwd: ctx.root, env: { ...timedEnv(), ...env } });
    debug.push({ title: run.title, command: display(run.command, env), wallMs: measured.wallMs, stderr: measured.stderr });
  }
  return debug;
}

await main();
