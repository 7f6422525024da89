/**
 * Metric counts of earlier periods, kept by the content of their snapshot
 * file. A report's trend chart needs every earlier period's figures; reading
 * them from here instead of re-reading every snapshot saves most of a
 * single report's start-up. The key covers everything a count depends on
 * (the file's bytes, the field and metric definitions, the period, the
 * code's version and digest), so a hit is exactly what counting again would give.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { Count } from './metrics.js';

type Stored = Record<string, number | Array<[string, number]>>;

/**
 * The user's cache folder ($XDG_CACHE_HOME or ~/.cache), not the output folder:
 * outputs are records, and a failed build writes nothing there.
 */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'court-report', 'counts');
}

export class CountCache {
  private readonly salt: string;

  /** `dir` null: a cache that never hits (for builds into throwaway folders). */
  constructor(
    private readonly dir: string | null,
    config: ResolvedConfig,
    version: string,
  ) {
    const { fields, key } = config.snapshots;
    this.salt = JSON.stringify([version, fields, key, config.metrics, config.periods, config.output.maskVisible]);
  }

  /** The key of a period's counts, from its snapshot file's bytes. */
  key(period: string, bytes: Uint8Array): string {
    return createHash('sha256').update(this.salt).update(period).update(bytes).digest('hex');
  }

  read(key: string): Map<string, Count> | null {
    if (!this.dir) return null;
    try {
      const stored = JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as Stored;
      return new Map(Object.entries(stored).map(([id, count]) => [id, typeof count === 'number' ? count : new Map(count)]));
    } catch {
      return null;
    }
  }

  /** Stores counts; a cache that cannot be written is only a slower next build. */
  write(key: string, counts: Map<string, Count>): void {
    if (!this.dir) return;
    const stored: Stored = {};
    for (const [id, count] of counts) stored[id] = typeof count === 'number' ? count : [...count];
    const file = path.join(this.dir, `${key}.json`);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, JSON.stringify(stored));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}
