import { describe, expect, it } from 'vitest';
import type { Filter } from '../../src/config/schema.js';
import type { MetricSpec } from '../../src/config/types.js';
import { compileFilter } from '../../src/metrics/filter.js';
import { compareMetrics, countMetrics } from '../../src/metrics/metrics.js';
import { field, snapshot } from '../helpers.js';

const fields = [
  field('id', 'string'),
  field('country', 'string'),
  field('status', 'enum', { values: ['FREE', 'HELD'] }),
  field('ntaOn', 'date'),
  field('age', 'integer'),
  field('score', 'number'),
  field('minor', 'boolean'),
];

const may = snapshot('2024-05', fields, [
  { id: '1', country: 'Venezuela', status: 'FREE', ntaOn: '2024-05-01', age: 30, score: 1.5, minor: false },
  { id: '2', country: 'Venezuela', status: 'HELD', ntaOn: '2024-04-30', age: 17, score: 2.5, minor: true },
  { id: '3', country: 'Colombia', status: 'FREE', ntaOn: null, age: 45, score: null, minor: false },
  { id: '4', country: 'Peru', status: 'FREE', ntaOn: '2024-05-31', age: null, score: 0, minor: false },
  { id: '5', country: 'Cuba', status: 'FREE', ntaOn: '2024-06-01', age: 52, score: -1, minor: false },
  { id: '6', country: null, status: 'HELD', ntaOn: null, age: 60, score: 9, minor: null },
]);
const mayBounds = { start: '2024-05-01', end: '2024-05-31' };

/** The ids of the records a filter selects. */
function select(filter: Filter): string[] {
  const test = compileFilter(filter, { fields, periodStart: mayBounds.start, periodEnd: mayBounds.end });
  return [...may.records.entries()].filter(([, values]) => test(values)).map(([id]) => id);
}

describe('filters', () => {
  it('present and absent', () => {
    expect(select({ field: 'ntaOn', present: true })).toEqual(['1', '2', '4', '5']);
    expect(select({ field: 'ntaOn', absent: true })).toEqual(['3', '6']);
  });
  it('equals and notEquals (notEquals needs a value)', () => {
    expect(select({ field: 'status', equals: 'HELD' })).toEqual(['2', '6']);
    expect(select({ field: 'country', notEquals: 'Venezuela' })).toEqual(['3', '4', '5']);
    expect(select({ field: 'minor', equals: true })).toEqual(['2']);
  });
  it('in and notIn', () => {
    expect(select({ field: 'country', in: ['Peru', 'Cuba'] })).toEqual(['4', '5']);
    expect(select({ field: 'country', notIn: ['Peru', 'Cuba'] })).toEqual(['1', '2', '3']);
  });
  it('numeric comparisons skip empty values', () => {
    expect(select({ field: 'age', gt: 45 })).toEqual(['5', '6']);
    expect(select({ field: 'age', gte: 45 })).toEqual(['3', '5', '6']);
    expect(select({ field: 'age', lt: 18 })).toEqual(['2']);
    expect(select({ field: 'score', lte: 0 })).toEqual(['4', '5']);
  });
  it('date comparisons', () => {
    expect(select({ field: 'ntaOn', lt: '2024-05-01' })).toEqual(['2']);
    expect(select({ field: 'ntaOn', gte: '2024-05-31' })).toEqual(['4', '5']);
  });
  it('withinPeriod includes the first and last day', () => {
    expect(select({ field: 'ntaOn', withinPeriod: true })).toEqual(['1', '4']);
  });
  it('all, any and not', () => {
    expect(select({ all: [{ field: 'status', equals: 'FREE' }, { field: 'ntaOn', present: true }] })).toEqual(['1', '4', '5']);
    expect(select({ any: [{ field: 'country', equals: 'Peru' }, { field: 'age', gt: 55 }] })).toEqual(['4', '6']);
    expect(select({ not: { field: 'status', equals: 'FREE' } })).toEqual(['2', '6']);
  });
});

const metric = (id: string, spec: Partial<MetricSpec> = {}): MetricSpec => ({ id, label: id, ...spec });

describe('metrics', () => {
  const april = snapshot('2024-04', fields, [
    { id: '1', country: 'Venezuela', status: 'FREE', ntaOn: null },
    { id: '2', country: 'Venezuela', status: 'FREE', ntaOn: '2024-04-30' },
    { id: '3', country: 'Colombia', status: 'FREE' },
    { id: '7', country: 'Haiti', status: 'HELD' },
  ]);
  const specs = [
    metric('total'),
    metric('held', { where: { field: 'status', equals: 'HELD' } }),
    metric('ntaThisPeriod', { where: { field: 'ntaOn', withinPeriod: true } }),
    metric('byCountry', { groupBy: 'country', top: 2, others: 'All other countries' }),
    metric('byStatus', { groupBy: 'status' }),
  ];
  const result = compareMetrics(
    specs,
    { period: '2024-05', counts: countMetrics(may, specs, mayBounds) },
    { period: '2024-04', counts: countMetrics(april, specs, { start: '2024-04-01', end: '2024-04-30' }) },
  );

  it('gives value, prior and change', () => {
    expect(result.metrics.total).toEqual({ label: 'total', value: 6, prior: 4, delta: 2 });
    expect(result.metrics.held).toEqual({ label: 'held', value: 2, prior: 1, delta: 1 });
  });

  it('evaluates withinPeriod against each snapshot\'s own period', () => {
    expect(result.metrics.ntaThisPeriod).toEqual({ label: 'ntaThisPeriod', value: 2, prior: 1, delta: 1 });
  });

  it('keeps the top N groups of the current period and folds the rest', () => {
    const m = result.metrics.byCountry!;
    expect(Object.keys(m.value as object)).toEqual(['Venezuela', 'Colombia', 'All other countries']);
    expect({ ...(m.value as object) }).toEqual({ Venezuela: 2, Colombia: 1, 'All other countries': 3 });
    expect({ ...(m.prior as object) }).toEqual({ Venezuela: 2, Colombia: 1, 'All other countries': 1 });
    expect({ ...(m.delta as object) }).toEqual({ Venezuela: 0, Colombia: 0, 'All other countries': 2 });
  });

  it('shows groups only the prior period had, as zero now', () => {
    const m = result.metrics.byStatus!;
    expect({ ...(m.value as object) }).toEqual({ FREE: 4, HELD: 2 });
    expect({ ...(m.delta as object) }).toEqual({ FREE: 1, HELD: 1 });
  });

  it('has no prior or change in the first period', () => {
    const first = compareMetrics(specs, { period: '2024-05', counts: countMetrics(may, specs, mayBounds) }, null);
    expect(first.priorPeriod).toBeNull();
    expect(first.metrics.total).toEqual({ label: 'total', value: 6, prior: null, delta: null });
    expect(first.metrics.byCountry!.delta).toBeNull();
  });
});
