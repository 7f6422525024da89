import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonCache } from '../src/cache.js';

const DAY = 24 * 60 * 60 * 1000;

function ageFile(file: string, days: number): void {
  const then = new Date(Date.now() - days * DAY);
  utimesSync(file, then, then);
}

describe('JsonCache', () => {
  it('gives back what was stored, and nothing for a key never stored', () => {
    const cache = new JsonCache(mkdtempSync(path.join(os.tmpdir(), 'court-report-cache-')));
    expect(cache.read('a')).toBeNull();
    cache.write('a', { total: 2572, groups: [['Venezuela', 702]] });
    expect(cache.read('a')).toEqual({ total: 2572, groups: [['Venezuela', 702]] });
    expect(readdirSync(cache.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('marks an entry as used when it is read', () => {
    const cache = new JsonCache(mkdtempSync(path.join(os.tmpdir(), 'court-report-cache-')));
    cache.write('a', 1);
    const file = path.join(cache.dir, 'a.json');
    ageFile(file, 30);
    expect(cache.read('a')).toBe(1);
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(DAY);
  });

  it('removes entries unused for 90 days, at most once a day', () => {
    const cache = new JsonCache(mkdtempSync(path.join(os.tmpdir(), 'court-report-cache-')));
    cache.write('recent', 1);
    cache.write('old', 2);
    writeFileSync(path.join(cache.dir, 'old.json.abc.tmp'), '{');
    ageFile(path.join(cache.dir, 'recent.json'), 88);
    ageFile(path.join(cache.dir, 'old.json'), 91);
    ageFile(path.join(cache.dir, 'old.json.abc.tmp'), 91);

    // Writing pruned already today (the first write): nothing goes until a day has passed.
    cache.pruneDaily();
    expect(existsSync(path.join(cache.dir, 'old.json'))).toBe(true);

    cache.pruneDaily(Date.now() + DAY + 1000);
    expect(readdirSync(cache.dir).sort()).toEqual(['.pruned', 'recent.json']);
    expect(cache.read('recent')).toBe(1);
    expect(cache.read('old')).toBeNull();
  });
});
