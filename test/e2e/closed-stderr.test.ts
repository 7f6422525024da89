/**
 * A build whose stderr is closed under it (piped into `head -1`) dies of
 * EPIPE without reaching the printer's close: its browser and the browser's
 * profile must still go with it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bin, exampleConfig } from './cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'court-report-closed-stderr-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function groupAlive(pgid: number): boolean {
  const table = execFileSync('ps', ['-o', 'pgid=,stat=', '-e'], { encoding: 'utf8' });
  return table.split('\n').some((line) => {
    const [group, state] = line.trim().split(/\s+/);
    return Number(group) === pgid && !state?.startsWith('Z');
  });
}

it('stderr closed after its first line: the build ends, and leaves no browser process and no profile folder', async () => {
  const child = spawn(process.execPath, [bin, 'build', '--config', exampleConfig, '--period', '2024-05', '--as-of', '2024-06-14', '--out', out], {
    env: { ...process.env, NODE_DEBUG: 'court-report-pdf' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const browser = await new Promise<{ pid: number; profile: string }>((resolve, reject) => {
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const started = /browser process (\d+) started/.exec(text);
      if (!started) return;
      const pid = Number(started[1]);
      // Where its profile is, from its command line, while it runs.
      const profile = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').find((arg) => arg.startsWith('--user-data-dir='));
      // Closed as head closes it: the build's next write to stderr fails.
      child.stderr.destroy();
      if (profile) resolve({ pid, profile: profile.slice('--user-data-dir='.length) });
      else reject(new Error(`no --user-data-dir in the browser's command line`));
    });
  });
  expect(existsSync(browser.profile)).toBe(true);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).not.toBe(0);
  await expect.poll(() => groupAlive(browser.pid), { timeout: 2_000 }).toBe(false);
  expect(existsSync(browser.profile)).toBe(false);
}, 60_000);
