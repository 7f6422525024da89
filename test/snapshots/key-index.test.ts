import { describe, expect, it } from 'vitest';
import { hashKey, KeyIndex } from '../../src/snapshots/key-index.js';

describe('KeyIndex', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `X${String(i * 7 + 3).padStart(9, '0')}`);
  const index = new KeyIndex();
  for (const key of keys) index.addText(key);

  it('finds every key at its row, across every growth of its arrays', () => {
    expect(keys.filter((key, row) => index.rowOf(key) !== row)).toEqual([]);
    expect(index.keyAt(12_345)).toBe(keys[12_345]);
  });

  it('does not find a key it was not given', () => {
    expect(index.rowOf('X000000004')).toBe(-1);
    expect(index.rowOf('')).toBe(-1);
  });

  it('finds keys given as bytes, and keys of another index, after sealing', () => {
    const other = new KeyIndex();
    other.addText('X000000010');
    other.addText('nobody');
    index.seal();
    const bytes = Buffer.from('..X000000003..');
    expect(index.find(bytes, 2, 12, hashKey(bytes, 2, 12))).toBe(0);
    expect(index.findRowOf(other, 0)).toBe(1);
    expect(index.findRowOf(other, 1)).toBe(-1);
  });

  it('keeps keys as UTF-8', () => {
    const accented = new KeyIndex();
    accented.addText('Núñez-1');
    expect(accented.keyAt(0)).toBe('Núñez-1');
    expect(accented.rowOf('Núñez-1')).toBe(0);
  });

  it('matches the rows of another index whatever its order, keys with the same hash included', () => {
    // A299787 and A357598 have the same hash: a match on the hash alone would pair them.
    const sameHash = ['A299787', 'A357598'];
    expect(hashKey(Buffer.from(sameHash[0]!), 0, 7)).toBe(hashKey(Buffer.from(sameHash[1]!), 0, 7));
    const prior = new KeyIndex();
    for (const key of ['A1', 'A2', sameHash[0]!, 'A3']) prior.addText(key);
    const current = new KeyIndex();
    for (const key of ['A3', sameHash[1]!, 'A1', 'A9', sameHash[0]!, 'A2']) current.addText(key);
    expect([...prior.matchRows(current)]).toEqual([3, -1, 0, -1, 2, 1]);
  });
});
