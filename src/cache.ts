/**
 * A folder of JSON files kept by key under the user's cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then court-report/), never the output folder:
 * outputs are records, and a failed build writes nothing there. Keys are
 * digests of everything a value depends on, so an entry is either exactly
 * right or never asked for again; entries no build has used for 90 days are
 * removed. A cache that cannot be read or written is only a slower build.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const UNUSED_FOR_MS = 90 * 24 * 60 * 60 * 1000;
/** Pruning reads every entry's time: once a day is enough. */
const PRUNE_EVERY_MS = 24 * 60 * 60 * 1000;
const PRUNED_MARK = '.pruned';

export function cacheFolder(name: string): string {
  return path.join(cacheBase({ platform: process.platform, env: process.env, home: os.homedir() }), name);
}

/** The user's cache folder for court-report: XDG on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
export function cacheBase({ platform, env, home }: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; home: string }): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'court-report', 'Cache');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'court-report');
  return path.posix.join(env.XDG_CACHE_HOME || path.posix.join(home, '.cache'), 'court-report');
}

export class JsonCache {
  constructor(readonly dir: string) {}

  /** The value stored under `key`, or null; a hit marks the entry as used. */
  read(key: string): unknown {
    const file = this.file(key);
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      touch(file);
      return value;
    } catch {
      return null;
    }
  }

  /** Stores a value whole or not at all (a temp file renamed into place). */
  write(key: string, value: unknown): void {
    const file = this.file(key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
      return;
    }
    this.pruneDaily();
  }

  /** Removes entries (and stray temp files) unused for 90 days, if that has not been done today. */
  pruneDaily(now = Date.now()): void {
    const mark = path.join(this.dir, PRUNED_MARK);
    try {
      if (now - statSync(mark).mtimeMs < PRUNE_EVERY_MS) return;
    } catch {
      // Never pruned.
    }
    try {
      writeFileSync(mark, '');
      for (const name of readdirSync(this.dir)) {
        if (name === PRUNED_MARK) continue;
        const entry = path.join(this.dir, name);
        if (now - statSync(entry).mtimeMs > UNUSED_FOR_MS) rmSync(entry, { force: true });
      }
    } catch {
      // Another process may be pruning too; what is left goes next time.
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Read-only cache: it still answers.
  }
}
