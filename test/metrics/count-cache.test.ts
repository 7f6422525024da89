import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { CountCache } from '../../src/metrics/count-cache.js';

const config = await loadConfig(path.resolve('data/florida-v-mayorkas/report.yaml'));
const counts = new Map<string, number | Map<string, number>>([
  ['total', 2572],
  ['byNationality', new Map([['Venezuela', 702], ['__proto__', 1]])],
]);

describe('CountCache', () => {
  it('gives back what was stored for the same bytes, period and definitions', async () => {
    const cache = new CountCache(await mkdtemp(path.join(os.tmpdir(), 'court-report-cache-')), config, '1.0.0');
    const key = cache.key('2024-05', Buffer.from('A,B\n1,2\n'));
    expect(cache.read(key)).toBeNull();
    cache.write(key, counts);
    expect(cache.read(key)).toEqual(counts);
  });

  it('keys by everything a count depends on', () => {
    const cache = new CountCache(null, config, '1.0.0');
    const bytes = Buffer.from('A,B\n1,2\n');
    const key = cache.key('2024-05', bytes);
    expect(cache.key('2024-04', bytes)).not.toBe(key);
    expect(cache.key('2024-05', Buffer.from('A,B\n1,3\n'))).not.toBe(key);
    expect(new CountCache(null, config, '1.0.1').key('2024-05', bytes)).not.toBe(key);
    const otherMetrics = { ...config, metrics: config.metrics.slice(1) };
    expect(new CountCache(null, otherMetrics, '1.0.0').key('2024-05', bytes)).not.toBe(key);
  });

  it('without a folder never hits', () => {
    const cache = new CountCache(null, config, '1.0.0');
    const key = cache.key('2024-05', Buffer.from('x'));
    cache.write(key, counts);
    expect(cache.read(key)).toBeNull();
  });
});
