/**
 * National scale (issue 11): whole `court-report build` processes (PDF
 * included) from generated 1,000,000- and 7,000,000-record pairs, interleaved
 * with DuckDB loading the same two files and counting the same diff; and
 * `court-report diff --json` on a 1M pair whose months list records in
 * different orders, against DuckDB on those files. Every figure is checked
 * against the generator's expected counts (expected.json beside each pair).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DUCKDB_PIN } from './duckdb-diff.js';
import { CURRENT_PERIOD, prepareLargeConfig } from './fixtures.js';
import { generateLargePair, type ExpectedCounts } from './gen-large.js';
import type { Measurement } from './measure.js';
import { AS_OF, type BenchContext, courtReport, display, interleave, relative, seriesResult, type SeriesResult } from './series.js';
import { megabytes, ratio, seconds, times } from './stats.js';

/** "4 GB", read strictly as 4,000,000,000 bytes. */
export const NATIONAL_RSS_TARGET_KB = 4e9 / 1024;
export const BUILD_TARGET = 1.0;
export const REORDERED_DIFF_TARGET = 0.5;
export const REVIEW_TARGET = 1.5;

export interface NationalComparison {
  size: number;
  what: string;
  ours: SeriesResult;
  /** The peer: DuckDB, or for the review the 1M build. */
  duckdb: SeriesResult;
  /** What the peer does, for the section's table. */
  peerWhat: string;
  ratio: number;
  limit: number;
  pass: boolean;
  expected: ExpectedCounts;
  /** Where the counts were checked: each side's counts matched expected.json. */
  checked: string;
}

export interface NationalResult {
  duckdbVersion: string;
  comparisons: NationalComparison[];
  rssPass: boolean | null;
}

export async function benchNational(ctx: BenchContext, sizes: number[], runs: number): Promise<NationalResult> {
  ctx.log(`National scale: builds of ${sizes.map((s) => s.toLocaleString('en-US')).join(' and ')} records against DuckDB`);
  const duckdbDir = ensureDuckdb(ctx);
  const duckdbScript = relative(ctx, path.join(ctx.work, 'dist/bench/duckdb-diff.js'));
  const comparisons: NationalComparison[] = [];
  const duckdbSeries = (dir: string, expected: ExpectedCounts) => ({
    name: 'DuckDB',
    command: [process.execPath, duckdbScript, '--dir', relative(ctx, dir), '--module', relative(ctx, path.join(duckdbDir, 'package.json'))],
    options: { captureStdout: true },
    check: (run: Measurement) => checkCounts('DuckDB', JSON.parse(run.stdout) as ExpectedCounts, expected),
  });

  for (const size of sizes) {
    const dir = pairDir(ctx, size, 'same');
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedCounts;
    const config = prepareLargeConfig(ctx.root, dir);
    const out = path.join(ctx.work, `out-national-${size}`);
    const build = courtReport(ctx, 'build', '--config', relative(ctx, config), '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, out));
    const series = [
      {
        name: 'court-report build',
        command: build,
        before: () => rmSync(out, { recursive: true, force: true }),
        check: () => {
          if (!existsSync(path.join(out, CURRENT_PERIOD, 'report.pdf'))) throw new Error(`the ${size} build wrote no report.pdf`);
          checkCounts('court-report build (diff.json)', diffJsonCounts(path.join(out, CURRENT_PERIOD, 'diff.json')), expected);
        },
      },
      duckdbSeries(dir, expected),
    ];
    // The 7M runs take a minute a side: fewer of them.
    const results = await interleave(ctx, series, size > 1_000_000 ? Math.min(runs, 2) : runs, size <= 1_000_000);
    comparisons.push(comparison(size, 'whole `court-report build` (PDF included) / DuckDB loading both files and counting the diff', series, results, BUILD_TARGET, expected));
  }

  const reordered = pairDir(ctx, 1_000_000, 'differs');
  const expected = JSON.parse(readFileSync(path.join(reordered, 'expected.json'), 'utf8')) as ExpectedCounts;
  const config = prepareLargeConfig(ctx.root, reordered);
  const diff = courtReport(ctx, 'diff', '--config', relative(ctx, config), '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--json');
  const series = [
    {
      name: 'court-report diff --json',
      command: diff,
      options: { captureStdout: true },
      check: (run: Measurement) => checkCounts('court-report diff --json', diffCounts(JSON.parse(run.stdout)), expected),
    },
    duckdbSeries(reordered, expected),
  ];
  const results = await interleave(ctx, series, runs);
  comparisons.push(comparison(1_000_000, '`court-report diff --json`, months in different row orders / DuckDB on the same files', series, results, REORDERED_DIFF_TARGET, expected));

  if (sizes.includes(1_000_000)) comparisons.push(await reviewAgainstBuild(ctx, runs));

  const seven = comparisons.find((c) => c.size === 7_000_000);
  return {
    duckdbVersion: DUCKDB_PIN['@duckdb/node-api'],
    comparisons,
    rssPass: seven ? seven.ours.peakTreeRssKb <= NATIONAL_RSS_TARGET_KB : null,
  };
}

/**
 * Target 4: `court-report review` of the 1M pair (checks, bridges, anomalies,
 * review.html/.pdf, workpapers.xlsx) against the whole build of the same
 * period, interleaved. The example's checks (a cohort of 2,572) fail on the
 * generated records, so the review exits 1 by design; its review.json must
 * still be written, and its bridges must end on the build's metrics.json.
 */
async function reviewAgainstBuild(ctx: BenchContext, runs: number): Promise<NationalComparison> {
  const dir = pairDir(ctx, 1_000_000, 'same');
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedCounts;
  const config = relative(ctx, prepareLargeConfig(ctx.root, dir));
  const buildOut = path.join(ctx.work, 'out-national-review-build');
  const reviewOut = path.join(ctx.work, 'out-national-review');
  const reviewJson = path.join(reviewOut, CURRENT_PERIOD, 'review', 'review.json');
  const series = [
    {
      name: 'court-report review',
      command: courtReport(ctx, 'review', '--config', config, '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, reviewOut)),
      okExitCodes: [0, 1],
      before: () => rmSync(reviewOut, { recursive: true, force: true }),
      check: () => {
        if (!existsSync(reviewJson)) throw new Error('the 1M review wrote no review.json');
        const metrics = JSON.parse(readFileSync(path.join(buildOut, CURRENT_PERIOD, 'metrics.json'), 'utf8')) as { metrics: Record<string, { value?: unknown }> };
        const review = JSON.parse(readFileSync(reviewJson, 'utf8')) as { bridges: Record<string, { value: number }> };
        for (const [id, bridge] of Object.entries(review.bridges)) {
          if (metrics.metrics[id]?.value !== bridge.value) throw new Error(`the 1M review's bridge of ${id} ends on ${bridge.value}, metrics.json says ${String(metrics.metrics[id]?.value)}`);
        }
      },
    },
    {
      name: 'court-report build',
      command: courtReport(ctx, 'build', '--config', config, '--period', CURRENT_PERIOD, '--as-of', AS_OF, '--out', relative(ctx, buildOut)),
      before: () => rmSync(buildOut, { recursive: true, force: true }),
      check: () => checkCounts('court-report build (diff.json)', diffJsonCounts(path.join(buildOut, CURRENT_PERIOD, 'diff.json')), expected),
    },
  ];
  // The build goes first in the warm-up, so the review's check has a metrics.json from the first timed round on.
  const results = await interleave(ctx, [series[1]!, series[0]!], runs);
  return comparison(1_000_000, '`court-report review` (review.json/html/pdf, workpapers.xlsx) / the whole build of the same period', series, results, REVIEW_TARGET, expected, 'court-report build: the whole build of the same period');
}

function comparison(
  size: number,
  what: string,
  series: Array<{ name: string; command: string[] }>,
  results: Map<string, Measurement[]>,
  limit: number,
  expected: ExpectedCounts,
  peerWhat = 'DuckDB: load both files, count the diff',
): NationalComparison {
  const [ours, theirs] = series.map((s) => seriesResult(s.name, s.command, results.get(s.name)!));
  const measured = ratio(ours!.wall, theirs!.wall);
  return { size, what, ours: ours!, duckdb: theirs!, peerWhat, ratio: measured, limit, pass: measured <= limit, expected, checked: 'every timed run of both sides' };
}

/** A generated pair, made if missing (or made before the generator wrote expected counts). */
function pairDir(ctx: BenchContext, size: number, order: 'same' | 'differs'): string {
  const dir = path.join(ctx.work, order === 'same' ? `large-${size}` : `large-${size}-reordered`);
  if (!existsSync(path.join(dir, 'expected.json'))) {
    ctx.log(`  generating ${size.toLocaleString('en-US')} records (${order} order) into ${relative(ctx, dir)}`);
    generateLargePair({ dir, size, order });
  }
  return dir;
}

function ensureDuckdb(ctx: BenchContext): string {
  const dir = path.join(ctx.work, 'duckdb');
  const [name, version] = Object.entries(DUCKDB_PIN)[0]!;
  const installed = path.join(dir, 'node_modules', name, 'package.json');
  if (existsSync(installed) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === version) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-duckdb', private: true }) + '\n');
  ctx.log(`  installing DuckDB into ${relative(ctx, dir)}: npm install ${name}@${version}`);
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', `${name}@${version}`], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm install of ${name} failed (exit ${result.status}) in ${dir}`);
  return dir;
}

interface DiffJson {
  counts: { added: number; removed: number; changed: number; unchanged: number };
  fields: Record<string, { transitions?: Array<{ from: unknown; to: unknown; count: number }> }>;
}

function diffCounts(diff: DiffJson): ExpectedCounts {
  const custodyTransitions: Record<string, number> = {};
  for (const t of diff.fields.custodyStatus?.transitions ?? []) custodyTransitions[`${String(t.from)}>${String(t.to)}`] = t.count;
  return { ...diff.counts, custodyTransitions };
}

function diffJsonCounts(file: string): ExpectedCounts {
  return diffCounts(JSON.parse(readFileSync(file, 'utf8')) as DiffJson);
}

function checkCounts(who: string, found: ExpectedCounts, expected: ExpectedCounts): void {
  const canonical = (c: ExpectedCounts) =>
    JSON.stringify([c.added, c.removed, c.changed, c.unchanged, Object.entries(c.custodyTransitions).sort(([a], [b]) => (a < b ? -1 : 1))]);
  if (canonical(found) !== canonical(expected)) throw new Error(`${who} counted ${canonical(found)}; the generator expects ${canonical(expected)}`);
}

export function nationalSummaryRows(national: NationalResult): string[] {
  const rows = national.comparisons.map(
    (c) => `| N. ${c.size.toLocaleString('en-US')} records: ${c.what} | ${times(c.ratio)} | ≤ ${times(c.limit)} | ${c.pass ? 'PASS' : 'FAIL'} |`,
  );
  const seven = national.comparisons.find((c) => c.size === 7_000_000);
  if (seven) rows.push(`| N. 7,000,000 records: build's peak RSS, whole process tree | ${megabytes(seven.ours.peakTreeRssKb)} | ≤ ${megabytes(NATIONAL_RSS_TARGET_KB)} (4 GB) | ${national.rssPass ? 'PASS' : 'FAIL'} |`);
  return rows;
}

export function nationalSection(national: NationalResult): string[] {
  const out = ['## National scale', '', `DuckDB is @duckdb/node-api ${national.duckdbVersion}, installed into bench/.work/duckdb (not a dependency of court-report); it runs as a whole process that loads both CSV files into tables and counts records added, removed, changed and unchanged, and custodyStatus's transitions (bench/duckdb-diff.ts). Both sides' counts are checked against the generator's expected.json on every timed run.`, ''];
  out.push('| records | | what is timed | N | median | min–max | peak RSS (tree) |', '|---:|---|---|---:|---:|---:|---:|');
  for (const c of national.comparisons) {
    for (const side of [c.ours, c.duckdb]) {
      out.push(`| ${c.size.toLocaleString('en-US')} | ${side.name} | ${side === c.ours ? c.what.split(' / ')[0] : c.peerWhat} | ${side.wall.runs} | ${seconds(side.wall.median)} | ${seconds(side.wall.min)}–${seconds(side.wall.max)} | ${megabytes(side.peakTreeRssKb)} |`);
    }
  }
  out.push('');
  for (const c of national.comparisons) {
    const e = c.expected;
    out.push(`- ${c.size.toLocaleString('en-US')}: ${times(c.ratio)} of ${c.peerWhat.split(':')[0]} (limit ${times(c.limit)}): ${c.pass ? 'PASS' : 'FAIL'}. Counts: ${e.added.toLocaleString('en-US')} added, ${e.removed.toLocaleString('en-US')} removed, ${e.changed.toLocaleString('en-US')} changed, ${e.unchanged.toLocaleString('en-US')} unchanged.`);
  }
  out.push('', '```sh', ...national.comparisons.flatMap((c) => [c.ours.command, c.duckdb.command]), '```', '');
  return out;
}

export { display };
