/**
 * Benchmark of the large-snapshot diff (src/diff/stream) against the
 * in-memory path (loadSnapshot ×2 + diffSnapshots).
 *
 *   npx tsc -p bench && node bench/.work/dist/bench/diff-large.js [--runs 5] [--large-runs 2] [--baseline-runs 1]
 *     [--small 1000000] [--large 7000000]   (records per snapshot; 0 skips that size)
 *
 * Generates the 1M and 7M snapshot pairs under bench/.work if missing, then
 * runs each diff in its own child process, interleaved, so that wall time
 * includes starting Node and peak RSS is the run's own. Prints a markdown
 * table and writes bench/.work/diff-large.json.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchEvents, benchSource, benchWorkDir, CURRENT_PERIOD, generateLargePair, PRIOR_PERIOD } from './gen-large.js';

type Mode = 'stream' | 'memory';

interface ChildReport {
  /** Time in the child from the start of loading to the diff's result. */
  diffMs: number;
  maxRssKb: number;
  /** SHA-256 of the result as JSON, to check both paths agree. */
  digest: string;
  counts: Record<string, number>;
}

interface Run extends ChildReport {
  mode: Mode;
  size: number;
  /** Spawn to exit, as the parent sees it. */
  wallMs: number;
  /** From /usr/bin/time -v when present, else the child's own maxRSS. */
  peakRssKb: number;
  loadAverage: number;
}

const DEFAULT_SIZES = { small: 1_000_000, large: 7_000_000 };
const TIME = '/usr/bin/time';

async function child(mode: Mode, size: number): Promise<void> {
  const started = performance.now();
  const dir = pairDir(size);
  const source = benchSource(path.join(dir, '{period}.csv'));
  const range = { events: benchEvents(), periodStart: '2024-05-01', periodEnd: '2024-05-31' };
  let result: unknown;
  if (mode === 'stream') {
    const { diffCsvFiles } = await import('../src/diff/stream/index.js');
    result = await diffCsvFiles({
      source,
      currentFile: source.pathPatterns[0]!.replace('{period}', CURRENT_PERIOD),
      priorFile: source.pathPatterns[0]!.replace('{period}', PRIOR_PERIOD),
      period: CURRENT_PERIOD,
      priorPeriod: PRIOR_PERIOD,
      ...range,
    });
  } else {
    const { loadSnapshot } = await import('../src/snapshots/load.js');
    const { diffSnapshots } = await import('../src/diff/diff.js');
    const current = await loadSnapshot(source, CURRENT_PERIOD);
    const prior = await loadSnapshot(source, PRIOR_PERIOD);
    result = diffSnapshots({ current, prior, ...range });
  }
  const diffMs = performance.now() - started;
  const json = JSON.stringify(result);
  const report: ChildReport = {
    diffMs,
    maxRssKb: process.resourceUsage().maxRSS,
    digest: createHash('sha256').update(json).digest('hex'),
    counts: (result as { counts: Record<string, number> }).counts,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

function run(mode: Mode, size: number): Promise<Run> {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--child', mode, '--size', String(size)];
  const timed = existsSync(TIME);
  const [command, commandArgs] = timed ? [TIME, ['-v', process.execPath, ...args]] : [process.execPath, args];
  const loadAverage = os.loadavg()[0]!;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const process_ = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (data: Buffer) => (stdout += data));
    process_.stderr.on('data', (data: Buffer) => (stderr += data));
    process_.on('error', reject);
    process_.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${mode} ${size} failed (exit ${code}):\n${stderr}`));
      const report = JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport;
      const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const peakRssKb = fromTime ? Number(fromTime[1]) : report.maxRssKb;
      resolve({ mode, size, wallMs, peakRssKb, loadAverage, ...report });
    });
  });
}

function pairDir(size: number): string {
  return path.join(benchWorkDir(), `large-${size}`);
}

function ensurePair(size: number): void {
  const dir = pairDir(size);
  if (existsSync(path.join(dir, `${PRIOR_PERIOD}.csv`)) && existsSync(path.join(dir, `${CURRENT_PERIOD}.csv`))) return;
  const started = performance.now();
  generateLargePair({ dir, size });
  console.error(`generated ${size.toLocaleString('en-US')} records per snapshot in ${seconds(performance.now() - started)}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(kb: number): string {
  return `${Math.round(kb / 1024).toLocaleString('en-US')} MB`;
}

function summary(runs: Run[], sizes: typeof DEFAULT_SIZES) {
  const of = (mode: Mode, size: number) => runs.filter((r) => r.mode === mode && r.size === size);
  const rows = [
    ['stream', sizes.small],
    ['stream', sizes.large],
    ['memory', sizes.small],
  ] as const;
  return rows
    .map(([mode, size]) => {
      const group = of(mode, size);
      if (group.length === 0) return null;
      const walls = group.map((r) => r.wallMs);
      return {
        mode,
        size,
        runs: group.length,
        medianWallMs: median(walls),
        minWallMs: Math.min(...walls),
        maxWallMs: Math.max(...walls),
        medianDiffMs: median(group.map((r) => r.diffMs)),
        peakRssKb: Math.max(...group.map((r) => r.peakRssKb)),
        digests: [...new Set(group.map((r) => r.digest))],
      };
    })
    .filter((row) => row !== null);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      size: { type: 'string' },
      runs: { type: 'string', default: '5' },
      'large-runs': { type: 'string', default: '2' },
      'baseline-runs': { type: 'string', default: '1' },
      small: { type: 'string', default: String(DEFAULT_SIZES.small) },
      large: { type: 'string', default: String(DEFAULT_SIZES.large) },
    },
  });
  if (values.child) return child(values.child as Mode, Number(values.size));

  const sizes = { small: Number(values.small), large: Number(values.large) };
  if (sizes.small > 0) ensurePair(sizes.small);
  if (sizes.large > 0) ensurePair(sizes.large);
  const plan: Array<[Mode, number]> = [];
  const smallRuns = sizes.small > 0 ? Number(values.runs) : 0;
  const largeRuns = sizes.large > 0 ? Number(values['large-runs']) : 0;
  const baselineRuns = sizes.small > 0 ? Number(values['baseline-runs']) : 0;
  for (let i = 0; i < Math.max(smallRuns, largeRuns, baselineRuns); i++) {
    if (i < smallRuns) plan.push(['stream', sizes.small]);
    if (i < baselineRuns) plan.push(['memory', sizes.small]);
    if (i < largeRuns) plan.push(['stream', sizes.large]);
  }
  const runs: Run[] = [];
  for (const [mode, size] of plan) {
    const result = await run(mode, size);
    console.error(`${mode} ${size}: ${seconds(result.wallMs)} wall, ${megabytes(result.peakRssKb)} peak RSS, load ${result.loadAverage.toFixed(2)}`);
    runs.push(result);
  }

  const rows = summary(runs, sizes);
  const stream = rows.find((r) => r.mode === 'stream' && r.size === sizes.small);
  const memory = rows.find((r) => r.mode === 'memory' && r.size === sizes.small);
  const identical = stream && memory ? stream.digests.length === 1 && memory.digests.length === 1 && stream.digests[0] === memory.digests[0] : null;
  const lines = [
    '| path | records | runs | wall median | wall min–max | diff in child (median) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.mode === 'stream' ? 'diffCsvFiles' : 'loadSnapshot ×2 + diffSnapshots'} | ${r.size.toLocaleString('en-US')} | ${r.runs} | ${seconds(r.medianWallMs)} | ${seconds(r.minWallMs)}–${seconds(r.maxWallMs)} | ${seconds(r.medianDiffMs)} | ${megabytes(r.peakRssKb)} |`,
    ),
  ];
  if (stream && memory) lines.push('', `In-memory / streaming (median wall, ${sizes.small.toLocaleString('en-US')}): ${(memory.medianWallMs / stream.medianWallMs).toFixed(1)}×. Same result: ${identical ? 'yes' : 'NO'}.`);
  const loads = runs.map((r) => r.loadAverage);
  lines.push(
    '',
    `Node ${process.version}, ${os.cpus().length} CPUs, ${megabytes(os.totalmem() / 1024)} memory; 1-minute load average before the runs ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}.`,
  );
  console.log(lines.join('\n'));

  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  const report = { node: process.version, cpus: os.cpus().length, cpuModel, summary: rows, identicalToInMemory: identical, runs };
  const file = path.join(benchWorkDir(), 'diff-large.json');
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.error(`wrote ${file}`);
  if (!existsSync(TIME)) console.error(`peak RSS is the child's own maxRSS: ${TIME} not found`);
}

await main();
