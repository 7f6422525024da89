import { describe, expect, it } from 'vitest';
import type { Filter } from '../../src/config/schema.js';
import { compileFilter } from '../../src/metrics/filter.js';
import { countMask, rowMask, RowMasks } from '../../src/metrics/row-mask.js';
import { field, snapshot } from '../helpers.js';

const fields = [
  field('id', 'string'),
  field('country', 'string'),
  field('status', 'enum', { values: ['FREE', 'HELD'] }),
  field('ntaOn', 'date'),
  field('age', 'integer'),
  field('minor', 'boolean'),
];

const may = snapshot('2024-05', fields, [
  { id: '1', country: 'Venezuela', status: 'FREE', ntaOn: '2024-05-01', age: 30, minor: false },
  { id: '2', country: 'Venezuela', status: 'HELD', ntaOn: '2024-04-30', age: 17, minor: true },
  { id: '3', country: 'Colombia', status: 'FREE', ntaOn: null, age: 45, minor: false },
  { id: '4', country: 'Peru', status: 'FREE', ntaOn: '2024-05-31', age: null, minor: false },
  { id: '5', country: 'Cuba', status: 'FREE', ntaOn: '2024-06-01', age: 52, minor: false },
  { id: '6', country: null, status: 'HELD', ntaOn: null, age: 60, minor: null },
]);
const mayBounds = { start: '2024-05-01', end: '2024-05-31' };

/** The ids the mask selects, and the ids the record filter selects: the two must agree. */
function both(filter: Filter | undefined): { mask: string[]; records: string[] } {
  const mask = rowMask(filter, may, mayBounds);
  const test = compileFilter(filter, { fields, periodStart: mayBounds.start, periodEnd: mayBounds.end });
  return {
    mask: [...mask.keys()].filter((row) => mask[row] === 1).map((row) => may.keyAt(row)),
    records: [...may.records.entries()].filter(([, values]) => test(values)).map(([id]) => id),
  };
}

describe('row masks', () => {
  it('selects what the record filter selects, for every kind of condition', () => {
    const filters: Array<Filter | undefined> = [
      undefined,
      { field: 'ntaOn', present: true },
      { field: 'ntaOn', absent: true },
      { field: 'country', present: true },
      { field: 'age', absent: true },
      { field: 'minor', present: true },
      { field: 'ntaOn', withinPeriod: true },
      { field: 'status', equals: 'HELD' },
      { field: 'country', in: ['Peru', 'Cuba', 'Atlantis'] },
      { field: 'country', equals: 'Atlantis' },
      { field: 'status', notEquals: 'FREE' },
      { field: 'age', gte: 45 },
      { field: 'minor', equals: false },
      { all: [{ field: 'status', equals: 'FREE' }, { field: 'ntaOn', present: true }] },
      { any: [{ field: 'status', equals: 'HELD' }, { field: 'age', lt: 31 }] },
      { not: { field: 'ntaOn', withinPeriod: true } },
      { all: [] },
      { any: [] },
    ];
    for (const filter of filters) {
      const { mask, records } = both(filter);
      expect(mask, JSON.stringify(filter)).toEqual(records);
    }
  });

  it('reads withinPeriod with the bounds it is given', () => {
    const april = rowMask({ field: 'ntaOn', withinPeriod: true }, may, { start: '2024-04-01', end: '2024-04-30' });
    expect([...april]).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('makes each mask of a snapshot once, an absent one as its present one flipped', () => {
    const masks = new RowMasks(may, mayBounds);
    const absent = { field: 'ntaOn', absent: true } as const;
    expect([...masks.of(absent)]).toEqual([...rowMask(absent, may, mayBounds)]);
    expect([...masks.of({ field: 'ntaOn', present: true })]).toEqual([1, 1, 0, 1, 1, 0]);
    expect(masks.of({ field: 'status', equals: 'HELD' })).toBe(masks.of({ field: 'status', equals: 'HELD' }));
  });

  it('counts the rows set', () => {
    expect(countMask(rowMask({ field: 'status', equals: 'FREE' }, may, mayBounds))).toBe(4);
  });
});
