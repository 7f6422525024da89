import { describe, expect, it } from 'vitest';
import { jsonPreview, showValue } from '../src/errors.js';

describe('a value shown in a message', () => {
  it('is the start of its JSON, as JSON.stringify writes it', () => {
    const value = { records: [{ CASE_ID: 'C-001', HEARINGS: 2, gone: undefined }, [1, undefined, 'x']], n: null };
    expect(jsonPreview(value, 1000)).toBe(JSON.stringify(value));
    const long = { records: Array.from({ length: 50 }, (_, i) => ({ id: `C-${i}` })) };
    expect(showValue(long)).toBe(JSON.stringify(long).slice(0, 77) + '...');
  });

  it('is bounded for a value nested 100,000 deep, which JSON.stringify cannot show', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    // 33 levels are opened, then the rest is an ellipsis.
    expect(showValue(deep)).toBe('['.repeat(33) + '…' + ']'.repeat(33));
  });

  it('reads only the first items of a list of ten million', () => {
    let reads = 0;
    const items = new Proxy(new Array(10_000_000).fill(7), {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    expect(showValue(items)).toBe(`[${'7,'.repeat(38)}...`);
    expect(reads).toBeLessThan(50);
  });
});
