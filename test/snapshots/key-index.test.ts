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

  it('sizes its table by the keys appended unindexed, not by the room reserved for them', () => {
    // The loader reserves a tenth more than the file's size suggests: 1,000 keys get 2,048 slots (half full), not 4,096.
    const appended = new KeyIndex();
    const bytes = Buffer.from(keys.slice(0, 1000).join(''));
    for (let row = 0; row < 1000; row++) {
      // As the loader does: room reserved after a sample of records.
      if (row === 500) appended.reserve(1100, 11_000);
      appended.appendUnindexed(bytes, row * 10, row * 10 + 10, hashKey(bytes, row * 10, row * 10 + 10));
    }
    expect(appended.index()).toBe(true);
    expect(appended.toParts().table.length).toBe(2 * 2048);
    expect(appended.rowOf(keys[999]!)).toBe(999);
  });

  describe('matching two large indexes', () => {
    // Keys of one width (sealed: found at row × width) and of mixed widths; the current month drops every 13th
    // key, adds keys of its own and lists them in the prior's order or shuffled.
    const make = (width: boolean) => Array.from({ length: 30_000 }, (_, i) => (width ? `X${String(i * 7 + 3).padStart(9, '0')}` : `K${i * 7 + 3}`));
    const shuffled = <T>(items: T[]): T[] => {
      const out = [...items];
      let seed = 7;
      for (let i = out.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const j = seed % (i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    const indexOf = (keys: string[], seal: boolean) => {
      const index = new KeyIndex();
      for (const key of keys) index.addText(key);
      if (seal) index.seal();
      return index;
    };
    const cases = [
      { name: 'same order, one width', width: true, order: (k: string[]) => k },
      { name: 'same order, mixed widths', width: false, order: (k: string[]) => k },
      { name: 'shuffled, one width', width: true, order: shuffled },
      { name: 'shuffled, mixed widths', width: false, order: shuffled },
      { name: 'reversed, one width', width: true, order: (k: string[]) => [...k].reverse() },
    ];
    for (const { name, width, order } of cases) {
      it(`finds each current key's prior row, ${name}`, () => {
        const priorKeys = make(width);
        const currentKeys = order([...priorKeys.filter((_, i) => i % 13 !== 0), 'X999999990', 'new-1', 'A299787']);
        const prior = indexOf([...priorKeys, 'A357598'], true);
        const current = indexOf(currentKeys, true);
        const priorRow = new Map(priorKeys.map((key, row) => [key, row]));
        const expected = currentKeys.map((key) => priorRow.get(key) ?? -1);
        const rows = [...prior.matchRows(current)];
        expect(rows.filter((row, i) => row !== expected[i]).length).toBe(0);
        expect(rows.filter((row) => row < 0).length).toBe(3);
      });
    }

    it("finds each current key's prior row, shuffled, keys of one width with the same hash included", () => {
      // Y000388883 and Y000432435 have the same hash and width: the prior keeps one width, so its keys are proved at row × width.
      const sameHash = ['Y000388883', 'Y000432435'];
      expect(hashKey(Buffer.from(sameHash[0]!), 0, 10)).toBe(hashKey(Buffer.from(sameHash[1]!), 0, 10));
      const priorKeys = [...make(true), sameHash[0]!];
      const currentKeys = shuffled([...priorKeys.filter((_, i) => i % 13 !== 0), sameHash[1]!]);
      const prior = indexOf(priorKeys, true);
      const priorRow = new Map(priorKeys.map((key, row) => [key, row]));
      const rows = [...prior.matchRows(indexOf(currentKeys, true))];
      expect(rows.filter((row, i) => row !== (priorRow.get(currentKeys[i]!) ?? -1)).length).toBe(0);
      expect(rows[currentKeys.indexOf(sameHash[1]!)]).toBe(-1);
      expect(rows[currentKeys.indexOf(sameHash[0]!)]).toBe(priorKeys.length - 1);
    });
  });
});
