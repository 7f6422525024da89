import { describe, expect, it } from 'vitest';
import { snapshotOfRecords, SnapshotBuilder } from '../../src/snapshots/columnar.js';
import { dayToIso, isoToDay, NO_DAY } from '../../src/snapshots/days.js';
import { field } from '../helpers.js';

const fields = [
  field('id', 'string'),
  field('status', 'enum', { values: ['FREE', 'HELD'] }),
  field('servedOn', 'date'),
  field('visits', 'integer'),
  field('flagged', 'boolean'),
];
const head = { period: '2024-05', file: '2024-05.csv', fields, keyIndex: 0 };
const may = snapshotOfRecords(head, [
  ['A1', 'FREE', '2024-05-02', 3, true],
  ['A2', 'HELD', null, null, null],
  ['A3', 'FREE', '1969-12-31', 0, false],
]);

describe('columnar snapshot', () => {
  it('gives back every value as the loader typed it', () => {
    expect(may.size).toBe(3);
    expect(may.recordAt(0)).toEqual(['A1', 'FREE', '2024-05-02', 3, true]);
    expect(may.recordAt(1)).toEqual(['A2', 'HELD', null, null, null]);
    expect(may.valueAt(2, 2)).toBe('1969-12-31');
    expect(may.valueAt(2, 4)).toBe(false);
  });

  it('finds rows by key and keys by row', () => {
    expect(may.rowOf('A3')).toBe(2);
    expect(may.rowOf('A9')).toBe(-1);
    expect(may.keyAt(1)).toBe('A2');
  });

  it('keeps text as codes into a dictionary of distinct values, in the order first seen', () => {
    const status = may.column(1);
    expect(status.kind).toBe('text');
    if (status.kind !== 'text') return;
    expect(status.dictionary).toEqual(['FREE', 'HELD']);
    expect([...status.codes]).toEqual([0, 1, 0]);
    expect(status.codeOf('HELD')).toBe(1);
    expect(status.codeOf('GONE')).toBe(-1);
  });

  it('keeps dates as day numbers and empty ones as NO_DAY', () => {
    const served = may.column(2);
    expect(served.kind === 'day' && [...served.days]).toEqual([isoToDay('2024-05-02'), NO_DAY, -1]);
  });

  it('marks empty numbers with NaN and empty booleans with -1', () => {
    const visits = may.column(3);
    const flagged = may.column(4);
    expect(visits.kind === 'number' && [...visits.numbers]).toEqual([3, NaN, 0]);
    expect(flagged.kind === 'boolean' && [...flagged.flags]).toEqual([1, -1, 0]);
  });

  it('lists a field’s distinct values with the first row that has each', () => {
    expect(may.distinct(1)).toEqual([
      ['FREE', 0],
      ['HELD', 1],
    ]);
    expect(may.distinct(3)).toEqual([
      [3, 0],
      [0, 2],
    ]);
  });

  it('keys a record by the key value as text when the key is a number', () => {
    const numbered = snapshotOfRecords({ ...head, fields: [field('n', 'integer'), field('name', 'string')] }, [
      [42, 'Maria'],
      [7, 'Ivan'],
    ]);
    expect(numbered.keyAt(0)).toBe('42');
    expect(numbered.rowOf('7')).toBe(1);
    expect([...numbered.records]).toEqual([
      ['42', [42, 'Maria']],
      ['7', [7, 'Ivan']],
    ]);
  });

  it('grows past its first allocation', () => {
    const builder = new SnapshotBuilder({ ...head, fields: [field('id', 'string'), field('on', 'date')] });
    for (let i = 0; i < 5000; i++) {
      builder.set(0, `K${i}`);
      if (i % 2 === 0) builder.set(1, dayToIso(19000 + i));
      builder.commit(`K${i}`);
    }
    const big = builder.finish();
    expect(big.size).toBe(5000);
    expect(big.recordAt(4998)).toEqual(['K4998', dayToIso(19000 + 4998)]);
    expect(big.recordAt(4999)).toEqual(['K4999', null]);
  });

  it('refuses a value of the wrong type and a repeated key (bugs, not user errors)', () => {
    const builder = new SnapshotBuilder(head);
    expect(() => builder.set(3, '12')).toThrow(/in a number column/);
    expect(() => builder.set(2, '2024-02-30')).toThrow(/not an ISO date/);
    builder.set(0, 'A1');
    builder.commit('A1');
    expect(() => builder.commit('A1')).toThrow(/duplicate key/);
  });
});

describe('day numbers', () => {
  it('turn ISO dates into days since 1970-01-01 and back', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    for (const [year, month, day] of [[2000, 3, 1], [1900, 2, 28], [1899, 12, 31], [2100, 3, 1]] as const) {
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      expect(isoToDay(iso), iso).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
    }
    for (const iso of ['0001-01-01', '1600-02-29', '2024-02-29', '2024-12-31', '9999-12-31']) expect(dayToIso(isoToDay(iso))).toBe(iso);
    expect(isoToDay('2024-5-01')).toBe(NO_DAY);
  });
});
