/**
 * Ctrl-C and SIGTERM stop every command promptly, whatever it waits on: exit
 * 130 or 143, the output-folder lock gone, no browser left, no temp file, and
 * the outputs of an earlier build untouched. The snapshots are large enough
 * (25 MB each) that the signal lands while they load on their threads.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/output/lock.js';
import { caseWith, query } from '../snapshots/sources/case.js';
import { createCaseDatabase } from '../snapshots/sources/postgres-server.js';
import { bin, exampleConfig, root } from './cli.js';

const RECORDS = 300_000;
const HEADER = 'A_NUMBER,COUNTRY_OF_CITIZENSHIP,RELEASE_DATE,CHECK_IN_DATE,NTA_ISSUED_DATE,NTA_SERVED_DATE,EXIT_DATE,EXIT_TYPE,CUSTODY_STATUS,FIELD_OFFICE';
/** Seconds from the signal to the exit that count as prompt on a loaded 2-core machine (measured: under 0.2 s idle). */
const PROMPT_MS = 5_000;

let caseDir: string;

/** The example's definition over two generated months; in the current one every tenth person has checked in. */
async function writeLargeCase(dir: string): Promise<void> {
  let yaml = await readFile(path.join(root, 'data/florida-v-mayorkas/report.yaml'), 'utf8');
  yaml = yaml.replace('first: 2023-06\n', 'first: 2024-04\n').replace('path: snapshots/{period}.csv\n', "path: '{period}.csv'\n");
  await writeFile(path.join(dir, 'report.yaml'), yaml);
  await writeFile(path.join(dir, 'body.hbs'), await readFile(path.join(root, 'data/florida-v-mayorkas/body.hbs')));
  for (const [period, checkIns] of [['2024-04', false], ['2024-05', true]] as const) {
    const lines = [HEADER];
    for (let n = 0; n < RECORDS; n++) {
      const checkedIn = checkIns && n % 10 === 0 ? '2024-05-03' : '';
      lines.push(`A${String(n).padStart(9, '0')},Guatemala,2023-05-11,${checkedIn},,,,,NON_DETAINED,Houston`);
    }
    await writeFile(path.join(dir, `${period}.csv`), lines.join('\n') + '\n');
  }
}

beforeAll(async () => {
  caseDir = await mkdtemp(path.join(os.tmpdir(), 'court-report-interrupt-'));
  await writeLargeCase(caseDir);
});

afterAll(async () => {
  await rm(caseDir, { recursive: true, force: true });
});

interface Stopped {
  code: number | null;
  stderr: string;
  /** Milliseconds from the signal to the exit. */
  tookMs: number;
  /** The CLI's child processes when the signal was sent (the browser's process group leaders). */
  children: number[];
}

/** Runs the CLI in the case folder and sends `signal` once `ready(stderr)` holds (checked every 20 ms). */
function stopWhen(args: string[], signal: NodeJS.Signals, ready: (stderr: string, pid: number) => boolean): Promise<Stopped> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: caseDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let sentAt = 0;
  let children: number[] = [];
  const poll = setInterval(() => {
    if (sentAt > 0 || !ready(stderr, child.pid!)) return;
    children = childrenOf(child.pid!);
    sentAt = performance.now();
    child.kill(signal);
  }, 20);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, stderr, tookMs: sentAt === 0 ? Number.NaN : performance.now() - sentAt, children });
    }),
  );
}

/** Whether the process has a snapshot open (its handlers are installed before any input is read). */
function readingSnapshots(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        const file = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return file.startsWith(caseDir) && file.endsWith('.csv');
      } catch {
        return false;
      }
    });
  } catch {
    // Not started yet, or gone.
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  } catch {
    // ps exits 1 when the process has no children.
    return [];
  }
}

/** Whether any process of the group still runs (a zombie, dead and waiting to be reaped, does not). */
function groupAlive(pgid: number): boolean {
  const out = execFileSync('ps', ['-o', 'pgid=,stat=', '-e'], { encoding: 'utf8' });
  return out.split('\n').some((line) => {
    const [group, state] = line.trim().split(/\s+/);
    return Number(group) === pgid && !state?.startsWith('Z');
  });
}

/** An output folder holding an earlier build's 2024-05 (stand-in bytes), returned with those bytes. */
async function earlierOutputs(): Promise<{ out: string; before: Record<string, string> }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-interrupt-out-'));
  await mkdir(path.join(out, '2024-05'));
  const before: Record<string, string> = {};
  for (const name of ['report.html', 'report.pdf', 'diff.json', 'metrics.json']) {
    before[name] = `the earlier build's ${name}\n`;
    await writeFile(path.join(out, '2024-05', name), before[name]);
  }
  return { out, before };
}

async function outputsNow(out: string): Promise<Record<string, string>> {
  const names = (await readdir(path.join(out, '2024-05'))).sort();
  return Object.fromEntries(names.map((name) => [name, readFileSync(path.join(out, '2024-05', name), 'utf8')]));
}

const lockTaken = (out: string) => () => existsSync(path.join(out, LOCK_FILE));

describe('a signal stops a build', () => {
  it('SIGINT while the snapshots load: exit 130, lock released, no browser left, earlier outputs byte-identical', async () => {
    const { out, before } = await earlierOutputs();
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--as-of', '2024-06-30', '--out', out];
    const result = await stopWhen(args, 'SIGINT', lockTaken(out));
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('court-report: interrupted by SIGINT; finished periods were kept, the one in progress was not written\n');
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    expect(await readdir(out)).toEqual(['2024-05']);
    expect(await outputsNow(out)).toEqual(before);
    // The browser starts before anything else: it was running, and its whole process group is gone.
    expect(result.children.length).toBeGreaterThan(0);
    for (const browser of result.children) await expect.poll(() => groupAlive(browser), { timeout: 2_000 }).toBe(false);
  }, 120_000);

  it('SIGTERM later in the build: exit 143, lock released, no browser left, earlier outputs byte-identical', async () => {
    const { out, before } = await earlierOutputs();
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--as-of', '2024-06-30', '--out', out];
    let read = false;
    // Once the snapshots have been read (seen open, now closed): the diff, the render and the print
    // are still to come. (A fixed delay would land after the set was written on a fast machine.)
    const result = await stopWhen(args, 'SIGTERM', (_stderr, pid) => {
      if (readingSnapshots(pid)) read = true;
      return read && lockTaken(out)() && !readingSnapshots(pid);
    });
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('court-report: interrupted by SIGTERM');
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    expect(await outputsNow(out)).toEqual(before);
    for (const browser of result.children) await expect.poll(() => groupAlive(browser), { timeout: 2_000 }).toBe(false);
  }, 120_000);

  it('SIGINT while waiting for another build\'s lock: exit 130, and the other build\'s lock stays', async () => {
    const { out, before } = await earlierOutputs();
    // A live holder: this test process.
    const holder = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2024-06-30T12:00:00.000Z', token: 'another-build' }) + '\n';
    await writeFile(path.join(out, LOCK_FILE), holder);
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out];
    const result = await stopWhen(args, 'SIGINT', (stderr) => stderr.includes('waiting for another build'));
    expect(result.code).toBe(130);
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
    expect(await readFile(path.join(out, LOCK_FILE), 'utf8')).toBe(holder);
    expect(await outputsNow(out)).toEqual(before);
  }, 120_000);
});

describe('a signal stops a build waiting on a browser that does not answer', () => {
  it('SIGINT while Chrome is stopped mid-batch: exit 130 at once, the stopped browser killed, the lock released', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-interrupt-chrome-'));
    const child = spawn(process.execPath, [bin, 'build', '--config', exampleConfig, '--all', '--out', out, '--as-of', '2024-06-14'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let browsers: number[] = [];
    let sentAt = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (sentAt > 0 || !stdout.includes('\n')) return;
      // The first period is written: freeze the browser, so the next print waits on it, then interrupt.
      browsers = childrenOf(child.pid!);
      for (const browser of browsers) process.kill(browser, 'SIGSTOP');
      setTimeout(() => {
        sentAt = performance.now();
        child.kill('SIGINT');
      }, 300);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted by SIGINT');
    expect(performance.now() - sentAt).toBeLessThan(PROMPT_MS);
    expect(browsers.length).toBeGreaterThan(0);
    for (const browser of browsers) await expect.poll(() => groupAlive(browser), { timeout: 2_000 }).toBe(false);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    for (const period of await readdir(out)) {
      expect((await readdir(path.join(out, period))).sort()).toEqual(['diff.json', 'metrics.json', 'report.html', 'report.pdf']);
    }
  }, 120_000);
});

describe('a signal stops a build waiting on its database', () => {
  it('SIGTERM while a PostgreSQL query runs: exit 143 at once, the lock released, nothing written', async () => {
    const url = await createCaseDatabase('court_report_interrupt');
    // The case's query, made to take half a minute.
    const slow = query.replace(' FROM youth_snapshots ', ' FROM youth_snapshots, pg_sleep(30) ');
    const { dir, config } = await caseWith(`  sql:\n    driver: postgres\n    url: ${JSON.stringify(url)}\n    query: ${JSON.stringify(slow)}\n`);
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, [bin, 'build', '--config', config, '--period', '2025-02', '--html-only', '--out', out, '--as-of', '2025-03-20'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let sentAt = 0;
    const poll = setInterval(() => {
      // Locked, then a second for the connection and the query to start.
      if (sentAt === 0 && existsSync(path.join(out, LOCK_FILE))) {
        sentAt = -1;
        setTimeout(() => {
          sentAt = performance.now();
          child.kill('SIGTERM');
        }, 1_000);
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    expect(code).toBe(143);
    expect(stderr).toContain('court-report: interrupted by SIGTERM');
    expect(sentAt).toBeGreaterThan(0);
    expect(performance.now() - sentAt).toBeLessThan(PROMPT_MS);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe('a signal stops a review', () => {
  it('SIGINT while it reads the snapshots: exit 130, its lock released, no review folder, no browser left', async () => {
    const { out, before } = await earlierOutputs();
    const args = ['review', '--config', 'report.yaml', '--period', '2024-05', '--as-of', '2024-06-30', '--out', out];
    const result = await stopWhen(args, 'SIGINT', lockTaken(out));
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('court-report: interrupted by SIGINT; the review folder was not written\n');
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    expect(await outputsNow(out)).toEqual(before);
    for (const browser of result.children) await expect.poll(() => groupAlive(browser), { timeout: 2_000 }).toBe(false);
  }, 120_000);
});

describe('a signal stops the commands that only read', () => {
  /**
   * Sent once the command has a snapshot open, so it is reading (a fixed delay
   * could fire, on a loaded machine, before the command had even loaded).
   */
  const started = () => (_stderr: string, pid: number) => readingSnapshots(pid);

  it('validate reading a large snapshot: SIGTERM exits 143 at once', async () => {
    const result = await stopWhen(['validate', '--config', 'report.yaml', '--as-of', '2024-06-30'], 'SIGTERM', started());
    expect(result.code).toBe(143);
    expect(result.stderr).toBe('court-report: interrupted by SIGTERM\n');
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
  }, 60_000);

  it('diff of two large snapshots: SIGINT exits 130 at once', async () => {
    const result = await stopWhen(['diff', '--config', 'report.yaml', '--period', '2024-05'], 'SIGINT', started());
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('court-report: interrupted by SIGINT\n');
    expect(result.tookMs).toBeLessThan(PROMPT_MS);
  }, 60_000);
});
