/**
 * Faults during a batch: an interrupt keeps finished periods and leaves no
 * browser behind; a crashed or hung browser is replaced and the batch finishes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, exampleConfig, root } from './cli.js';

const OUTPUTS = ['diff.json', 'metrics.json', 'report.html', 'report.pdf'];

/** Starts build --all and calls `onFirstPeriod` with the CLI's pid when the first period is written. */
function batch(out: string, extra: string[], onFirstPeriod: (pid: number) => void) {
  const child = spawn(process.execPath, [bin, 'build', '--config', exampleConfig, '--all', '--out', out, '--as-of', '2024-06-14', ...extra], { cwd: root });
  let stdout = '';
  let stderr = '';
  let fired = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!fired && stdout.includes('\n')) {
      fired = true;
      onFirstPeriod(child.pid!);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** The browser started by a process: its direct child running chrome/chromium. */
function browserOf(pid: number): number {
  const out = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-e'], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => {
    const [child, parent, ...args] = l.trim().split(/\s+/);
    return Number(parent) === pid && /chrom/i.test(args.join(' ')) && child;
  });
  if (!line) throw new Error(`no browser found under ${pid}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Whether any process of the group still runs (a zombie, dead and waiting to be reaped, does not). */
function processGroupAlive(pgid: number): boolean {
  const out = execFileSync('ps', ['-o', 'pgid=,stat=', '-e'], { encoding: 'utf8' });
  return out.split('\n').some((l) => {
    const [group, state] = l.trim().split(/\s+/);
    return Number(group) === pgid && !state?.startsWith('Z');
  });
}

async function periodsWritten(out: string): Promise<string[]> {
  const periods = (await readdir(out).catch(() => [])).filter((name) => !name.startsWith('.')).sort();
  for (const period of periods) {
    const files = (await readdir(path.join(out, period))).sort();
    expect(files.filter((f) => f.endsWith('.tmp')), period).toEqual([]);
    expect(files, period).toEqual(OUTPUTS);
  }
  return periods;
}

describe('faults in a batch', () => {
  it('SIGINT keeps finished periods, writes nothing half, and leaves no browser process', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-sigint-'));
    let chrome = 0;
    const result = await batch(out, [], (pid) => {
      chrome = browserOf(pid);
      process.kill(pid, 'SIGINT');
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted by SIGINT; finished periods were kept');
    // The output-folder lock goes with the process.
    expect(existsSync(path.join(out, '.court-report.lock'))).toBe(false);
    const periods = await periodsWritten(out);
    expect(periods.length).toBeGreaterThanOrEqual(1);
    expect(periods.length).toBeLessThan(12);
    expect(chrome).toBeGreaterThan(0);
    // SIGKILL is sent before the CLI exits; the kernel takes a moment to end every process.
    await expect.poll(() => processGroupAlive(chrome), { timeout: 2_000 }).toBe(false);
  }, 120_000);

  it('a browser killed mid-batch is relaunched and the batch finishes', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-crash-'));
    const result = await batch(out, [], (pid) => process.kill(browserOf(pid), 'SIGKILL'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await periodsWritten(out)).toHaveLength(12);
  }, 180_000);

  it('a hung browser is killed after --timeout and the batch finishes', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-hang-'));
    const result = await batch(out, ['--timeout', '5'], (pid) => process.kill(browserOf(pid), 'SIGSTOP'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await periodsWritten(out)).toHaveLength(12);
  }, 180_000);
});
