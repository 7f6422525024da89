/**
 * Ctrl-C and SIGTERM stop a build promptly even while it reads and diffs a
 * large snapshot, which the pipeline only checks for between steps (issue 9 §3).
 */
import { spawn } from 'node:child_process';
import { cp, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin } from '../e2e/cli.js';
import { fixtures, slow, tempDir } from './harness.js';

/** valid/ with two snapshots of a million records each (40 MB): seconds of work for one period. */
async function largeCase(): Promise<string> {
  const dir = await tempDir('interrupt');
  await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
  for (const [period, status] of [['2024-04', 'DETAINED'], ['2024-05', 'RELEASED']] as const) {
    const lines = ['CASE_ID,RELEASE_DATE,STATUS,HEARINGS,OFFICE'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`C-${String(i).padStart(7, '0')},2024-01-15,${i % 3 ? status : 'REMOVED'},${i % 5},Office ${i % 40}`);
    await writeFile(path.join(dir, 'snapshots', `${period}.csv`), lines.join('\n') + '\n');
  }
  return dir;
}

/** Starts the build, sends `signal` after `afterMs`, and says how it ended and how long it took after the signal. */
function interruptedBuild(dir: string, signal: NodeJS.Signals, afterMs: number): Promise<{ code: number | null; stderr: string; stopMs: number }> {
  const args = [bin, 'build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', 'out'];
  const child = spawn(process.execPath, args, { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let sentAt = 0;
  const timer = setTimeout(() => {
    sentAt = performance.now();
    child.kill(signal);
  }, afterMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stopMs: performance.now() - sentAt });
    });
  });
}

describe('a build interrupted while it reads a large snapshot', slow, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await largeCase();
  });

  it('SIGTERM stops it within a second, exit 143, nothing written', async () => {
    const result = await interruptedBuild(dir, 'SIGTERM', 800);
    expect(result.stderr).toBe('court-report: interrupted by SIGTERM; finished periods were kept, the one in progress was not written\n');
    expect(result.code).toBe(143);
    expect(result.stopMs).toBeLessThan(1000);
    expect(await readdir(path.join(dir, 'out')).catch(() => [])).not.toContain('2024-05');
  });

  it('SIGINT (Ctrl-C) stops it within a second, exit 130', async () => {
    const result = await interruptedBuild(dir, 'SIGINT', 800);
    expect(result.code).toBe(130);
    expect(result.stopMs).toBeLessThan(1000);
  });
});
