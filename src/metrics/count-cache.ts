/**
 * Metric counts of earlier periods, kept by the content of their snapshot
 * file. A report's trend chart needs every earlier period's figures; reading
 * them from here instead of re-reading every snapshot saves most of a
 * single report's start-up. The key covers everything a count depends on
 * (the file's bytes, the field and metric definitions, the period, the
 * code's version and digest), so a hit is exactly what counting again would give.
 */
import { createHash } from 'node:crypto';
import { cacheFolder, JsonCache } from '../cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { isPiiGroupId } from '../privacy/group-labels.js';
import type { Count } from './metrics.js';

type Stored = Record<string, number | Array<[string, number]>>;

export function defaultCacheDir(): string {
  return cacheFolder('counts');
}

export class CountCache {
  private readonly salt: string;
  private readonly store: JsonCache | null;

  /** `dir` null: a cache that never hits (for builds into throwaway folders). */
  constructor(dir: string | null, config: ResolvedConfig, version: string) {
    this.store = dir === null ? null : new JsonCache(dir);
    const { fields, key } = config.snapshots;
    this.salt = JSON.stringify([version, fields, key, config.metrics, config.periods, config.output.maskVisible]);
  }

  /** The key of a period's counts, from its snapshot file's bytes. */
  key(period: string, bytes: Uint8Array): string {
    return createHash('sha256').update(this.salt).update(period).update(bytes).digest('hex');
  }

  read(key: string): Map<string, Count> | null {
    const stored = this.store?.read(key) as Stored | null | undefined;
    if (!stored) return null;
    return new Map(Object.entries(stored).map(([id, count]) => [id, typeof count === 'number' ? count : new Map(count)]));
  }

  /** Stores counts; a cache that cannot be written is only a slower next build. */
  write(key: string, counts: Map<string, Count>): void {
    if (!this.store) return;
    // Groups of a pii field are counted under ids that hold the real value: never on disk.
    if ([...counts.values()].some((count) => typeof count !== 'number' && [...count.keys()].some(isPiiGroupId))) return;
    const stored: Stored = {};
    for (const [id, count] of counts) stored[id] = typeof count === 'number' ? count : [...count];
    this.store.write(key, stored);
  }
}
