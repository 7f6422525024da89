/** The command-line conventions people expect, through the real CLI. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bin, cli, exampleConfig } from '../e2e/cli.js';

async function out(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'court-report-cli-'));
}

/** Runs the CLI on a pseudo-terminal (util-linux script), as a person at a terminal would. */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env } }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  return stdout;
}

describe('command-line conventions', () => {
  it('answers an unknown option with "did you mean" and one line of usage, not the whole help', async () => {
    const result = await cli(['build', '-c', exampleConfig, '--perod', '2024-05']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('court-report: unknown option --perod; did you mean --period?\n\nUsage: court-report build --config FILE (--period YYYY-MM | --all) [options]\nRun "court-report help build" for every option.\n');
    const command = await cli(['valdate']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "valdate"; did you mean "validate"?');
  });

  it('prints a command\'s help with "help COMMAND"', async () => {
    const help = await cli(['help', 'status']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await cli(['status', '--help'])).stdout);
  });

  it('takes --debug in any position', async () => {
    const before = await cli(['--debug', 'validate', '-c', 'nope.yaml']);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/\n\s+at /);
  });

  it('prints the version and the browser found', async () => {
    const result = await cli(['--version'], { env: { PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium-headless-shell' } });
    expect(result.stdout).toMatch(/^court-report \d+\.\d+\.\d+\nbrowser: \/usr\/bin\/chromium-headless-shell \(Chromium \d+\.[\d.]+\)\n$/);
  });

  it('takes -c, -p and -o', async () => {
    const dir = await out();
    const result = await cli(['build', '-c', exampleConfig, '-p', '2024-05', '-o', dir, '--as-of', '2024-06-14', '--html-only']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`2024-05: ${dir}/2024-05/ (report.html, diff.json, metrics.json), due 2024-06-14 (Friday)\n`);
  });

  it('names the short flag in every command\'s help that takes --config, --period or --out', async () => {
    const commands = ['build', 'review', 'verify', 'diff', 'validate', 'preview', 'status', 'calendar', 'init'];
    const helps = await Promise.all(commands.map(async (command) => [command, (await cli(['help', command])).stdout] as const));
    for (const [command, help] of helps) {
      for (const [long, short] of [['config', 'c'], ['period', 'p'], ['out', 'o']]) {
        if (new RegExp(`^  (-\\w, )?--${long} `, 'm').test(help)) expect(help, `${command} --${long}`).toMatch(new RegExp(`^  -${short}, --${long} `, 'm'));
      }
    }
  });

  it('gives build results and problems as JSON with --json', async () => {
    const dir = await out();
    const built = await cli(['build', '-c', exampleConfig, '-p', '2024-05', '-o', dir, '--as-of', '2024-06-14', '--html-only', '--json']);
    expect(JSON.parse(built.stdout)).toEqual({
      ok: true,
      reports: [{ case: 'florida-v-mayorkas', period: '2024-05', status: 'built', dir: path.join(dir, '2024-05'), files: ['report.html', 'diff.json', 'metrics.json'], dueDate: '2024-06-14' }],
    });
    const failed = await cli(['validate', '-c', 'test/fixtures/bad/wrong-type/report.yaml', '--json']);
    expect(failed.code).toBe(1);
    const { ok, problems } = JSON.parse(failed.stdout);
    expect(ok).toBe(false);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(Object.keys(problem)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'message', 'hint']));
    expect(problems[0]).toMatchObject({ file: 'test/fixtures/bad/wrong-type/report.yaml', line: expect.any(Number), column: expect.any(Number) });
  });

  it('gives validate and verify results as JSON', async () => {
    const valid = JSON.parse((await cli(['validate', '-c', exampleConfig, '--as-of', '2024-06-14', '--json'])).stdout);
    expect(valid).toMatchObject({ ok: true, latest: '2024-05', dueDate: '2024-06-14', warnings: [] });
    expect(valid.checked).toHaveLength(12);
    const dir = await out();
    expect((await cli(['build', '-c', exampleConfig, '-p', '2024-05', '-o', dir, '--as-of', '2024-06-14', '--html-only', '--final'])).code).toBe(0);
    const verified = JSON.parse((await cli(['verify', '-c', exampleConfig, '-p', '2024-05', '-o', dir, '--json'])).stdout);
    expect(verified).toMatchObject({ ok: true, period: '2024-05', asOf: '2024-06-14', outputs: ['diff.json', 'metrics.json', 'report.html'] });
  });

  it('says nothing but problems with --quiet, and a summary line after a batch otherwise', async () => {
    const dir = await out();
    const quiet = await cli(['build', '-q', '-c', exampleConfig, '--all', '-o', dir, '--as-of', '2024-06-14', '--html-only']);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['validate', '--quiet', '-c', exampleConfig, '--as-of', '2024-06-14'])).stdout).toBe('');
    const batch = await cli(['build', '-c', exampleConfig, '--all', '-o', dir, '--as-of', '2024-06-14', '--html-only']);
    const lines = batch.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 12).map((line) => line.slice(0, 7))).toEqual(['2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(lines[12]).toMatch(/^built 12 of 12 reports in \d+\.\d s$/);
  });

  it('draws a progress line only on a terminal', async () => {
    const dir = await out();
    const args = ['build', '-c', exampleConfig, '--all', '-o', dir, '--as-of', '2024-06-14', '--html-only'];
    expect(await onTerminal(args)).toMatch(/\r\u001b\[2K\d+ of 12 reports \(\d{4}-\d{2} done\), \d+\.\d s/);
    expect((await cli(args)).stderr).toBe('');
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const args = ['validate', '-c', 'nope.yaml'];
    expect(await onTerminal(args)).toContain('court-report: \u001b[31merror\u001b[0m:');
    expect(await onTerminal(args, { NO_COLOR: '1' })).toContain('court-report: error:');
    expect((await cli(args)).stderr).toContain('court-report: error:');
    expect((await cli(args)).stderr).not.toContain('\u001b');
  });
});
