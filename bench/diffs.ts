/**
 * Target 3: diffs at scale. bench/diff-large (the streaming diff and the
 * in-memory one, each in its own process) on generated pairs, and the CLI's
 * `diff --json` on the smaller pair as a whole process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CURRENT_PERIOD, prepareLargeConfig } from './fixtures.js';
import { measureOk } from './measure.js';
import { AS_OF, type BenchContext, courtReport, display, interleave, relative, seriesResult, type SeriesResult } from './series.js';

export const DIFF_WALL_TARGET_MS = 1200;
/** "4 GB", read strictly as 4,000,000,000 bytes. */
export const DIFF_RSS_TARGET_KB = 4e9 / 1024;

interface DiffLargeRow {
  mode: 'stream' | 'memory';
  size: number;
  runs: number;
  medianWallMs: number;
  minWallMs: number;
  maxWallMs: number;
  medianDiffMs: number;
  peakRssKb: number;
  digests: string[];
}

export interface DiffLargeReport {
  summary: DiffLargeRow[];
  identicalToInMemory: boolean | null;
  runs: Array<{ mode: string; size: number; wallMs: number; peakRssKb: number; counts: Record<string, number> }>;
}

export interface DiffResult {
  small: number;
  large: number;
  command: string;
  report: DiffLargeReport;
  cli: SeriesResult;
  cliConfig: string;
  /** diff.json counts from the CLI and from diff-large's streaming run, which must agree. */
  cliCounts: Record<string, number>;
  streamCounts: Record<string, number> | null;
  smallPass: boolean | null;
  cliPass: boolean | null;
  largePass: boolean | null;
}

export async function benchDiffs(ctx: BenchContext, sizes: { small: number; large: number; runs: number; largeRuns: number; baselineRuns: number }): Promise<DiffResult> {
  ctx.log(`Target 3: diffs of ${sizes.small.toLocaleString('en-US')}${sizes.large ? ` and ${sizes.large.toLocaleString('en-US')}` : ''} records`);
  const script = path.join(ctx.work, 'dist/bench/diff-large.js');
  const command = [
    process.execPath,
    relative(ctx, script),
    '--small',
    String(sizes.small),
    '--large',
    String(sizes.large),
    '--runs',
    String(sizes.runs),
    '--large-runs',
    String(sizes.largeRuns),
    '--baseline-runs',
    String(sizes.baselineRuns),
  ];
  ctx.log(`  ${display(command)}`);
  const diffLarge = await measureOk(command, { cwd: ctx.root, captureStdout: true });
  for (const line of diffLarge.stderr.trim().split('\n')) ctx.log(`  ${line}`);
  const report = JSON.parse(readFileSync(path.join(ctx.work, 'diff-large.json'), 'utf8')) as DiffLargeReport;

  const config = prepareLargeConfig(ctx.root, path.join(ctx.work, `large-${sizes.small}`));
  const cli = courtReport(ctx, 'diff', '--config', relative(ctx, config), '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--json');
  const runs = await interleave(ctx, [{ name: 'court-report diff --json', command: cli, options: { captureStdout: true } }], sizes.runs);
  const cliRuns = runs.get('court-report diff --json')!;
  const cliCounts = (JSON.parse(cliRuns[0]!.stdout) as { counts: Record<string, number> }).counts;
  const streamCounts = report.runs.find((r) => r.mode === 'stream' && r.size === sizes.small)?.counts ?? null;
  if (streamCounts && JSON.stringify(streamCounts) !== JSON.stringify(cliCounts)) {
    throw new Error(`court-report diff and diff-large disagree: ${JSON.stringify(cliCounts)} vs ${JSON.stringify(streamCounts)}`);
  }
  const cliResult = seriesResult('court-report diff --json', cli, cliRuns);
  const row = (mode: string, size: number) => report.summary.find((r) => r.mode === mode && r.size === size);
  const atTargetSize = sizes.small === 1_000_000;
  const small = row('stream', sizes.small);
  const large = row('stream', sizes.large);
  return {
    ...sizes,
    command: display(command),
    report,
    cli: cliResult,
    cliConfig: relative(ctx, config),
    cliCounts,
    streamCounts,
    smallPass: atTargetSize && small ? small.medianWallMs <= DIFF_WALL_TARGET_MS : null,
    cliPass: atTargetSize ? cliResult.wall.median <= DIFF_WALL_TARGET_MS : null,
    largePass: sizes.large === 7_000_000 && large ? large.peakRssKb <= DIFF_RSS_TARGET_KB : null,
  };
}
