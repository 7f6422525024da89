/**
 * One build at a time per output folder: two builds into one folder would
 * interleave (a period's HTML from one, its PDF from the other). The lock is
 * a file created exclusively (written in full under a temp name, then
 * hard-linked into place, so it is never seen half-written) holding the
 * holder's pid, host and start time. A lock whose process is gone (same host,
 * no such pid) is stale and taken over with a note; a live one is waited for
 * up to a timeout, then the build refuses naming the holder.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmdirSync, rmSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.js';
import { fsUserError, withFsErrors } from '../fs-errors.js';
import { onInterrupt } from '../interrupt.js';

export const LOCK_FILE = '.court-report.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock (the wall clock: it only informs the message). */
  startedAt: string;
  /** Tells this lock from a later one of the same pid. */
  token: string;
  /** What holds it, for the message of whoever waits: "build" (the default) or "review". */
  command?: string;
}

export interface LockOptions {
  /** How long to wait for another build to finish; default 60 s. */
  timeoutMs?: number;
  /** Told once when the build starts waiting, and when a stale lock is taken over. */
  onNote?: (note: string) => void;
  /** Stops the wait. */
  signal?: AbortSignal;
  /** What takes the lock, named to whoever waits for it; default "build". */
  command?: string;
}

const POLL_MS = 200;

export interface OutputLock {
  release(): Promise<void>;
}

export async function lockOutputFolder(dir: string, options: LockOptions = {}): Promise<OutputLock> {
  // A folder made for this build and left empty by its failure goes with the lock.
  const created = await withFsErrors(dir, 'create', () => mkdir(dir, { recursive: true }));
  const file = path.join(dir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex'), command: options.command ?? 'build' };
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  let told = false;
  for (;;) {
    if (await tryCreate(file, mine)) {
      // A signal ends the process without unwinding: the lock goes with it, not left for the next build to take over.
      const forget = onInterrupt(() => {
        releaseNow(file, mine);
        if (created !== undefined) rmdirQuietly(dir);
      });
      return {
        release: async () => {
          forget();
          await release(file, mine);
          if (created !== undefined) await rmdir(dir).catch(() => undefined);
        },
      };
    }
    const holder = await readHolder(file);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isStale(holder)) {
      if (await takeOver(file, holder)) {
        options.onNote?.(`note: took over the lock on ${dir} left by a ${holderCommand(holder)} that is no longer running (${describe(holder)})`);
      }
      continue;
    }
    if (performance.now() >= deadline) {
      throw new UserError({
        message: `another ${holderCommand(holder)} is writing to ${dir}: ${holder === 'unreadable' ? `its lock ${file} cannot be read` : describe(holder)}`,
        hint: `wait for it to finish (or raise --timeout); if no build is running, remove ${file}`,
      });
    }
    if (!told) {
      told = true;
      options.onNote?.(`waiting for another ${holderCommand(holder)} to finish writing to ${dir} (${holder === 'unreadable' ? 'lock unreadable' : describe(holder)})`);
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}

function holderCommand(holder: LockHolder | 'unreadable'): string {
  return holder === 'unreadable' || holder.command === undefined ? 'build' : holder.command;
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}`;
}

/** Writes the lock under a temp name and links it into place: the link fails if a lock exists. */
async function tryCreate(file: string, mine: LockHolder): Promise<boolean> {
  const temp = `${file}.${mine.token}.tmp`;
  // Named by its folder: the temp name means nothing to the reader (a read-only disk fails here).
  await withFsErrors(path.dirname(file), 'lock', () => writeFile(temp, JSON.stringify(mine) + '\n', { flag: 'wx' }));
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw fsUserError(error, file, 'lock');
  } finally {
    await rm(temp, { force: true });
  }
}

async function readHolder(file: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : 'unreadable';
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

/** A lock from this host whose process no longer exists. A lock from another host cannot be checked: it is live. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside and checks it is the one judged stale: two builds taking over at
 * once both rename, but only one gets the stale file; the other finds it gone and tries again.
 */
async function takeOver(file: string, stale: LockHolder): Promise<boolean> {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return false;
  }
  const moved = await readHolder(aside);
  const wasStale = moved !== 'gone' && moved !== 'unreadable' && moved.token === stale.token;
  // A live lock taken between our read and the rename goes back, unless a new one is already there.
  if (!wasStale) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
  return wasStale;
}

async function release(file: string, mine: LockHolder): Promise<void> {
  const holder = await readHolder(file);
  if (holder !== 'gone' && holder !== 'unreadable' && holder.token === mine.token) await rm(file, { force: true });
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (periods written before the signal): it stays.
  }
}

/** As release, synchronously, for a process that is exiting on a signal. */
function releaseNow(file: string, mine: LockHolder): void {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (holder.token === mine.token) rmSync(file, { force: true });
  } catch {
    // Gone or unreadable: not ours to remove.
  }
}
