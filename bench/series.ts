/**
 * What every benchmark section shares: where things are, how to spell a
 * command for BENCHMARKS.md, and running several commands interleaved
 * (A B A B …) so that a noisy minute hurts both sides alike.
 */
import path from 'node:path';
import { findChrome } from '../src/pdf/chrome.js';
import { measure, type Measurement, type MeasureOptions } from './measure.js';
import { megabytes, seconds, summarize, type Summary } from './stats.js';

export interface BenchContext {
  /** The checkout (cwd of every command). */
  root: string;
  /** bench/.work */
  work: string;
  /** court-report's bin in bench/.work/court-report (see build-copy.ts). */
  bin: string;
  /** Runs per side in an interleaved comparison. */
  runs: number;
  /** One untimed run of each side before the timed rounds. */
  warmUp: boolean;
  log(line: string): void;
}

/** The filing date of every build, so that outputs are the same from run to run. */
export const AS_OF = '2024-06-14';
export const SINGLE_PERIOD = '2024-05';
/** The desktop Chromium: the browser of the target's `chromium --headless --print-to-pdf`. */
export const CHROMIUM = '/usr/bin/chromium';
/** The browser court-report finds here and prints with (the headless shell when installed), as the bin would. */
export function printer(): string {
  return findChrome();
}

/** court-report as installed: the package's `bin` (in the benchmark's copy of the build), run by this Node. */
export function courtReport(ctx: BenchContext, ...args: string[]): string[] {
  return [process.execPath, relative(ctx, ctx.bin), ...args];
}

/** Relative to the checkout, for commands and messages. */
export function relative(ctx: BenchContext, file: string): string {
  return path.relative(ctx.root, file) || '.';
}

/** The command as someone would type it in the checkout. */
export function display(command: readonly string[], env: Record<string, string> = {}): string {
  const words = command.map((word, i) => (i === 0 && word === process.execPath ? 'node' : word));
  const prefix = Object.entries(env).map(([name, value]) => `${name}=${value} `);
  return prefix.join('') + words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`)).join(' ');
}

/** The environment of timed runs: ours, minus any debug logging. */
export function timedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_DEBUG;
  return env;
}

export interface Series {
  name: string;
  command: string[];
  /** Variables set for this series only, shown with its command. */
  env?: Record<string, string>;
  options?: Partial<MeasureOptions>;
  /** Runs untimed before each run (e.g. removes the previous run's output, so the check sees this run's). */
  before?: () => void;
  /** Checks a finished run (outputs present, …); throws to fail the benchmark. */
  check?: (run: Measurement) => void;
  /** Exit codes that mean the run worked (default 0 only): a review whose checks fail exits 1, by design. */
  okExitCodes?: number[];
}

/** One run, kept in results.json. */
export interface RunRecord {
  wallMs: number;
  peakTreeRssKb: number;
  peakTreePssKb: number;
  rootHwmKb: number;
  maxProcesses: number;
  loadAverage: number;
}

export interface SeriesResult {
  name: string;
  command: string;
  wall: Summary;
  peakTreeRssKb: number;
  rootHwmKb: number;
  runs: RunRecord[];
}

/**
 * Runs each series once untimed (file cache, Chrome's profile), then
 * `runs` rounds of every series in turn. Any failed run stops the benchmark.
 */
export async function interleave(ctx: BenchContext, series: Series[], runs: number, warmUp = ctx.warmUp): Promise<Map<string, Measurement[]>> {
  const results = new Map<string, Measurement[]>(series.map((s) => [s.name, []]));
  const once = async (s: Series) => {
    s.before?.();
    const run = await measure(s.command, { cwd: ctx.root, env: timedEnv(), ...s.options });
    if (!(s.okExitCodes ?? [0]).includes(run.exitCode ?? -1)) throw new Error(`${s.name} failed: ${display(s.command)} exited ${run.exitCode}\n${run.stderr.slice(-4000)}`);
    s.check?.(run);
    return run;
  };
  if (warmUp) {
    for (const s of series) {
      const run = await once(s);
      ctx.log(`  warm-up ${s.name}: ${seconds(run.wallMs)} (not counted)`);
    }
  }
  for (let round = 1; round <= runs; round++) {
    for (const s of series) {
      const run = await once(s);
      results.get(s.name)!.push(run);
      ctx.log(`  [${round}/${runs}] ${s.name}: ${seconds(run.wallMs)}, tree RSS ${megabytes(run.peakTreeRssKb)}, load ${run.loadAverage.toFixed(2)}`);
    }
  }
  return results;
}

export function record(run: Measurement): RunRecord {
  const { wallMs, peakTreeRssKb, peakTreePssKb, rootHwmKb, maxProcesses, loadAverage } = run;
  return { wallMs, peakTreeRssKb, peakTreePssKb, rootHwmKb, maxProcesses, loadAverage };
}

export function seriesResult(name: string, command: string[], runs: Measurement[], env: Record<string, string> = {}): SeriesResult {
  return {
    name,
    command: display(command, env),
    wall: summarize(runs.map((r) => r.wallMs)),
    peakTreeRssKb: Math.max(...runs.map((r) => r.peakTreeRssKb)),
    rootHwmKb: Math.max(...runs.map((r) => r.rootHwmKb)),
    runs: runs.map(record),
  };
}
