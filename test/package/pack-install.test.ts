/**
 * The package as npm users get it: packed, installed globally into a
 * temporary prefix (from the npm cache, offline), then `init --example` and
 * a build run from another folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pdfText, root } from '../e2e/cli.js';

const run = promisify(execFile);

describe('the npm package', () => {
  it('installs globally from its tarball, and its command writes the example and builds it', { timeout: 300_000 }, async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'court-report-pack-'));
    // The tarball and the global install are a quarter of a gigabyte: never left behind.
    onTestFinished(() => rm(scratch, { recursive: true, force: true }));
    // dist/ is built already (npm test builds first); `prepare` would build it again.
    const { stdout: packed } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const [{ filename, files }] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = files.map((f) => f.path);
    for (const file of ['LICENSE', 'dist/bin/main.js', 'schema/report.schema.json', 'templates/court-status-report/layout.hbs', 'data/florida-v-mayorkas/report.yaml', 'data/florida-v-mayorkas/body.hbs', 'data/florida-v-mayorkas/snapshots/2024-05.csv']) {
      expect(shipped, file).toContain(file);
    }
    expect(shipped.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);

    const prefix = path.join(scratch, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(scratch, filename)], {
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const command = path.join(prefix, 'bin', 'court-report');
    const work = path.join(scratch, 'elsewhere');
    await run('mkdir', ['-p', work]);
    await run(command, ['init', 'florida', '--example'], { cwd: work });
    expect((await readdir(path.join(work, 'florida/snapshots'))).length).toBe(12);
    const { stdout } = await run(command, ['build', '-c', 'florida/report.yaml', '-p', '2024-05', '--as-of', '2024-06-14'], { cwd: work });
    expect(stdout).toContain('2024-05: out/florida-v-mayorkas/2024-05/');
    const pdf = path.join(work, 'out/florida-v-mayorkas/2024-05/report.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(await pdfText(pdf, 1)).toContain('3:23-cv-9962');
  });
});
