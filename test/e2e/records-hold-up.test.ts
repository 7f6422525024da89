/**
 * Records that hold up: manifests that verify anywhere, damaged manifests,
 * build --all around filed periods, one build per output folder, a period's
 * set whole on every failure, and file-system errors as user errors.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/output/manifest.js';
import { cli, root } from './cli.js';

/** Two periods (2023-06, 2023-07) of the example are due by this date. */
const asOf = '2023-08-10';
let work: string;
let config: string;
let out: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'court-report-hold-up-'));
  await cp(path.join(root, 'data/florida-v-mayorkas'), path.join(work, 'case'), { recursive: true });
  config = path.join(work, 'case', 'report.yaml');
  out = path.join(work, 'case', 'out');
});

const build = (...args: string[]) => cli(['build', '--config', config, '--out', out, '--html-only', ...args]);

async function hashes(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    result[entry.name] = entry.isFile() ? sha256(await readFile(path.join(dir, entry.name))) : 'a folder';
  }
  return result;
}

describe('manifests', () => {
  it('name bundled templates and fonts by package identity, so verify passes after the case folder moves', async () => {
    expect((await build('--period', '2023-07', '--as-of', asOf, '--final')).code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, '2023-07', 'manifest.json'), 'utf8'));
    const templates: string[] = manifest.inputs.templates.map((t: { path: string }) => t.path);
    expect(templates).toContain('body.hbs');
    expect(templates).toContain('court-report:templates/court-status-report/layout.hbs');
    expect(templates).toContain('@fontsource/tinos:files/tinos-latin-400-normal.woff2');
    expect(templates.filter((t) => t.includes('..'))).toEqual([]);

    // Deeper than before, so no path relative to the old place would still resolve.
    const moved = path.join(work, 'elsewhere', 'deeper', 'still');
    await mkdir(moved, { recursive: true });
    await cp(path.join(work, 'case'), path.join(moved, 'case'), { recursive: true });
    await rm(path.join(work, 'case'), { recursive: true });
    const verified = await cli(['verify', '--config', path.join(moved, 'case', 'report.yaml'), '--period', '2023-07', '--out', path.join(moved, 'case', 'out')]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('2023-07: verified.');
  }, 60_000);

  it('verify from another install of the same version (the tool and its fonts elsewhere)', async () => {
    expect((await build('--period', '2023-07', '--as-of', asOf, '--final')).code).toBe(0);
    const install = path.join(work, 'another', 'install', 'court-report');
    for (const part of ['package.json', 'dist', 'templates', 'node_modules/@fontsource/tinos']) {
      await cp(path.join(root, part), path.join(install, part), { recursive: true });
    }
    const verified = await cli(['verify', '--config', config, '--period', '2023-07', '--out', out], { bin: path.join(install, 'dist/bin/main.js') });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('2023-07: verified.');
  }, 60_000);

  it('that do not parse mark a filed, damaged period: build refuses it and verify says damaged', async () => {
    expect((await build('--period', '2023-07', '--as-of', asOf, '--final')).code).toBe(0);
    await writeFile(path.join(out, '2023-07', 'manifest.json'), '{"final": true, "outputs": [');
    const before = await hashes(path.join(out, '2023-07'));

    const again = await build('--period', '2023-07', '--as-of', '2023-08-11');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('2023-07 is filed, but its manifest is damaged');
    expect(again.stderr).toContain('it is not valid JSON; not overwriting it');
    expect(again.stderr).not.toContain('internal error');
    expect(await hashes(path.join(out, '2023-07'))).toEqual(before);

    const verified = await cli(['verify', '--config', config, '--period', '2023-07', '--out', out]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('2023-07 is filed, but its manifest is damaged');
    expect(verified.stderr).not.toContain('not found');
  }, 60_000);

  it('that parse but are not a final manifest are damaged too', async () => {
    expect((await build('--period', '2023-07', '--as-of', asOf, '--final')).code).toBe(0);
    await writeFile(path.join(out, '2023-07', 'manifest.json'), '{"final": false}\n');
    const again = await build('--period', '2023-07', '--as-of', asOf);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('it does not say "final": true');
  }, 60_000);
});

describe('build --all', () => {
  it('skips filed periods, listing them, and builds the rest', async () => {
    expect((await build('--period', '2023-06', '--as-of', asOf, '--final')).code).toBe(0);
    const filed = await hashes(path.join(out, '2023-06'));
    const all = await build('--all', '--as-of', asOf);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('2023-06: filed, skipped (final as of 2023-08-10; --force replaces it)');
    expect(all.stdout).toMatch(/^2023-07: .*\(report\.html, diff\.json, metrics\.json\)/m);
    expect(await hashes(path.join(out, '2023-06'))).toEqual(filed);
  }, 60_000);

  it('with --force replaces filed periods, and a draft set leaves no manifest behind', async () => {
    expect((await build('--period', '2023-06', '--as-of', asOf, '--final')).code).toBe(0);
    const forced = await build('--all', '--as-of', asOf, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).not.toContain('skipped');
    expect(Object.keys(await hashes(path.join(out, '2023-06')))).toEqual(['diff.json', 'metrics.json', 'report.html']);
  }, 60_000);
});

describe('the output folder lock', () => {
  const lockFile = () => path.join(out, '.court-report.lock');
  const holder = (pid: number) => JSON.stringify({ pid, host: os.hostname(), startedAt: '2023-08-10T09:00:00.000Z', token: 'abc' });

  it('makes a second build wait, then refuse naming the holder', async () => {
    await mkdir(out, { recursive: true });
    // This test's own process is alive: the lock is not stale.
    await writeFile(lockFile(), holder(process.pid));
    const started = performance.now();
    const blocked = await build('--period', '2023-07', '--as-of', asOf, '--timeout', '1');
    expect(blocked.code).toBe(1);
    expect(performance.now() - started).toBeGreaterThan(1000);
    expect(blocked.stderr).toContain(`waiting for another build to finish writing to ${out} (pid ${process.pid} on ${os.hostname()}, started 2023-08-10T09:00:00.000Z)`);
    expect(blocked.stderr).toContain(`another build is writing to ${out}: pid ${process.pid} on ${os.hostname()}`);
    expect(await readdir(out)).toEqual(['.court-report.lock']);
  }, 60_000);

  it('left by a process that is gone is taken over with a note', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await mkdir(out, { recursive: true });
    await writeFile(lockFile(), holder(gone.pid!));
    const result = await build('--period', '2023-07', '--as-of', asOf);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`note: took over the lock on ${out} left by a build that is no longer running (pid ${gone.pid} on`);
    expect((await readdir(out)).sort()).toEqual(['2023-07']);
  }, 60_000);

  it('keeps two concurrent builds from interleaving: every period comes from one of them', async () => {
    const [first, second] = await Promise.all([build('--all', '--as-of', '2023-08-10'), build('--all', '--as-of', '2023-08-11')]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const filingDates = await Promise.all(
      ['2023-06', '2023-07'].map(async (p) => (await readFile(path.join(out, p, 'report.html'), 'utf8')).match(/August 1[01], 2023/g)?.[0]),
    );
    expect(filingDates[0]).toBeDefined();
    expect(filingDates[1]).toBe(filingDates[0]);
    expect(await readdir(out)).not.toContain('.court-report.lock');
  }, 60_000);

  it('is held by review too: a review waits for a build, then refuses naming it, and writes nothing', async () => {
    await mkdir(out, { recursive: true });
    await writeFile(lockFile(), holder(process.pid));
    const review = await cli(['review', '--config', config, '--out', out, '--period', '2023-07', '--as-of', asOf, '--timeout', '1']);
    expect(review.code).toBe(1);
    expect(review.stderr).toContain(`waiting for another build to finish writing to ${out} (pid ${process.pid} on ${os.hostname()}`);
    expect(review.stderr).toContain(`another build is writing to ${out}: pid ${process.pid} on ${os.hostname()}`);
    expect(await readdir(out)).toEqual(['.court-report.lock']);
  }, 60_000);

  it('held by a review makes a build wait, naming the review, and is released when the review ends', async () => {
    await mkdir(out, { recursive: true });
    await writeFile(lockFile(), JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2023-08-10T09:00:00.000Z', token: 'abc', command: 'review' }));
    const blocked = await build('--period', '2023-07', '--as-of', asOf, '--timeout', '1');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`another review is writing to ${out}: pid ${process.pid}`);
    await rm(lockFile());
    const review = await cli(['review', '--config', config, '--out', out, '--period', '2023-07', '--as-of', asOf]);
    expect(review.stderr).not.toContain('internal error');
    expect(await readdir(path.join(out, '2023-07'))).toEqual(['review']);
    expect(await readdir(out)).not.toContain('.court-report.lock');
  }, 60_000);
});

describe('a period\'s set', () => {
  it('stays whole when a rename fails midway: the files already replaced are restored', async () => {
    expect((await build('--period', '2023-07', '--as-of', asOf)).code).toBe(0);
    const dir = path.join(out, '2023-07');
    // A folder where metrics.json goes: report.html and diff.json are replaced before its rename fails.
    await rm(path.join(dir, 'metrics.json'));
    await mkdir(path.join(dir, 'metrics.json', 'in-the-way'), { recursive: true });
    const before = await hashes(dir);

    const again = await build('--period', '2023-07', '--as-of', '2023-08-11');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`cannot replace ${path.join(dir, 'metrics.json')}: it is a folder where a file was expected [EISDIR]`);
    expect(again.stderr).not.toContain('internal error');
    expect(await hashes(dir)).toEqual(before);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 60_000);
});

describe('file-system errors on output paths', () => {
  it('an --out that is a file', async () => {
    await writeFile(path.join(work, 'a-file'), 'x');
    const result = await cli(['build', '--config', config, '--out', path.join(work, 'a-file'), '--html-only', '--period', '2023-07', '--as-of', asOf]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot create ${path.join(work, 'a-file')}: it exists and is not a folder [EEXIST]`);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an --out under a file', async () => {
    await writeFile(path.join(work, 'a-file'), 'x');
    const target = path.join(work, 'a-file', 'out');
    const result = await cli(['build', '--config', config, '--out', target, '--html-only', '--period', '2023-07', '--as-of', asOf]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot create ${target}`);
    expect(result.stderr).toContain('[ENOTDIR]');
    expect(result.stderr).not.toContain('internal error');
  });

  it('a period folder that is a file', async () => {
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, '2023-07'), 'x');
    const result = await build('--period', '2023-07', '--as-of', asOf);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot create ${path.join(out, '2023-07')}: it exists and is not a folder [EEXIST]`);
    expect(await readFile(path.join(out, '2023-07'), 'utf8')).toBe('x');
  });
});
