import { describe, expect, it } from 'vitest';
import { rollForward } from '../../src/review/bridges.js';
import { scanPeriod } from '../../src/review/scan.js';
import { field, snapshot } from '../helpers.js';
import { april, currentSnapshot, fields, may, metricSpecs, priorSnapshot } from './fixture.js';

const scan = (expectations: Parameters<typeof scanPeriod>[0]['expectations'] = [], prior = priorSnapshot, current = currentSnapshot) =>
  scanPeriod({ prior, current, metrics: metricSpecs, priorBounds: april, currentBounds: may, expectations, snapshotDate: may.snapshotDate });
const bridgeOf = (id: string) => scan().metrics.find((m) => m.metric.id === id)!;

describe('bridges', () => {
  it('rolls every ungrouped metric forward from its prior value to its value', () => {
    for (const metric of scan().metrics.filter((m) => m.bridge)) expect(rollForward(metric.bridge!)).toBe(metric.bridge!.value);
  });

  it('counts each term from the records that make it', () => {
    // checkedIn: prior A1, A3 = 2; A4 (not checked in) removed, A5 added, A2 entered, A3 left.
    expect(bridgeOf('checkedIn').bridge).toEqual({ prior: 2, removed: 0, added: 1, entered: 1, left: 1, value: 3 });
    expect(bridgeOf('checkedIn').keys).toEqual({ removed: [], added: ['A5'], entered: ['A2'], left: ['A3'] });
    expect(bridgeOf('total').bridge).toEqual({ prior: 4, removed: 1, added: 1, entered: 0, left: 0, value: 4 });
    expect(bridgeOf('total').keys.removed).toEqual(['A4']);
  });

  it('evaluates a withinPeriod filter with each period\'s own bounds', () => {
    // In April, A1 checked in during April; in May A2 and A5 did.
    expect(bridgeOf('checkedInThisPeriod').bridge).toEqual({ prior: 1, removed: 0, added: 1, entered: 1, left: 1, value: 2 });
  });

  it('bridges a grouped metric per group, a move between groups leaving one and entering the other', () => {
    const groups = bridgeOf('byOffice').groups!;
    expect(groups.get('Miami')).toEqual({ prior: 2, removed: 0, added: 0, entered: 1, left: 0, value: 3 });
    expect(groups.get('Houston')).toEqual({ prior: 2, removed: 1, added: 1, entered: 0, left: 1, value: 1 });
    for (const bridge of groups.values()) expect(rollForward(bridge)).toBe(bridge.value);
  });

  it('counts every record as added in the first period', () => {
    const first = scanPeriod({ prior: null, current: currentSnapshot, metrics: metricSpecs, priorBounds: null, currentBounds: may, expectations: [], snapshotDate: may.snapshotDate });
    expect(first.metrics[0]!.bridge).toEqual({ prior: 0, removed: 0, added: 4, entered: 0, left: 0, value: 4 });
  });
});

describe('anomalies', () => {
  it('cleared: a setOnce date that had a value and lost it', () => {
    const found = scan([{ field: 'checkedInOn', expect: 'setOnce' }]).anomalies;
    expect(found.find((a) => a.id === 'checkedInOn.cleared')).toMatchObject({ field: 'checkedInOn', kind: 'cleared', keys: ['A3'] });
    // A2 went from empty to a date: allowed for setOnce.
    expect(found.find((a) => a.id === 'checkedInOn.changed')).toBeUndefined();
  });

  it('changed: a fixed field with another value, or filled in later', () => {
    const prior = snapshot('2024-04', fields, [{ id: 'B1', country: 'Cuba' }, { id: 'B2', country: null }, { id: 'B3', country: 'Peru' }]);
    const current = snapshot('2024-05', fields, [{ id: 'B1', country: 'Haiti' }, { id: 'B2', country: 'Chile' }, { id: 'B3', country: 'Peru' }]);
    const found = scan([{ field: 'country', expect: 'fixed' }], prior, current).anomalies;
    expect(found).toEqual([{ id: 'country.changed', field: 'country', kind: 'changed', keys: ['B1', 'B2'] }]);
  });

  it('changed: a setOnce date moved to another date', () => {
    const prior = snapshot('2024-04', fields, [{ id: 'C1', checkedInOn: '2024-04-01' }]);
    const current = snapshot('2024-05', fields, [{ id: 'C1', checkedInOn: '2024-04-02' }]);
    expect(scan([{ field: 'checkedInOn', expect: 'setOnce' }], prior, current).anomalies.map((a) => a.id)).toEqual(['checkedInOn.changed']);
  });

  it('future: any date after the snapshot day, declared or not', () => {
    const current = snapshot('2024-05', fields, [{ id: 'D1', checkedInOn: '2024-06-01' }, { id: 'D2', checkedInOn: '2024-05-31' }]);
    expect(scan([], null as never, current).anomalies).toEqual([{ id: 'checkedInOn.future', field: 'checkedInOn', kind: 'future', keys: ['D1'] }]);
  });

  it('removed: a record that counted in a metric and is gone, named by the key field', () => {
    expect(scan().anomalies).toEqual([{ id: 'id.removed', field: 'id', kind: 'removed', keys: ['A4'] }]);
  });

  it('removed: a record that counted in no metric is not an anomaly', () => {
    const only = [{ id: 'checkedIn', label: 'Checked in', where: { field: 'checkedInOn', present: true } }];
    const result = scanPeriod({ prior: priorSnapshot, current: currentSnapshot, metrics: only, priorBounds: april, currentBounds: may, expectations: [], snapshotDate: may.snapshotDate });
    expect(result.anomalies).toEqual([]);
  });

  it('reports nothing when nothing is wrong', () => {
    const same = snapshot('2024-05', [field('id', 'string'), field('on', 'date')], [{ id: 'E1', on: '2024-05-01' }]);
    const result = scanPeriod({ prior: same, current: same, metrics: [], priorBounds: april, currentBounds: may, expectations: [{ field: 'on', expect: 'fixed' }], snapshotDate: may.snapshotDate });
    expect(result.anomalies).toEqual([]);
  });
});
