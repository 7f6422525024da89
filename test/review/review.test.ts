import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { compareMetrics, countMetrics } from '../../src/metrics/metrics.js';
import { gateFinal } from '../../src/review/gate.js';
import { reviewPeriod } from '../../src/review/index.js';
import { restatedFigures } from '../../src/review/restatements.js';
import { field, snapshot } from '../helpers.js';
import { april, check, currentSnapshot, may, metricSpecs, metricsOf, priorSnapshot } from './fixture.js';

const config = (metrics = metricSpecs) =>
  ({
    metrics,
    review: { checks: metrics === metricSpecs ? [check('checkInsNeverFall', { metric: 'checkedIn', trend: 'nonDecreasing' })] : [], expectations: [{ field: 'checkedInOn', expect: 'setOnce' }] },
    output: { maskVisible: 2 },
  }) as unknown as ResolvedConfig;

const metricsFor = (metrics = metricSpecs, prior = priorSnapshot, current = currentSnapshot) =>
  compareMetrics(metrics, { period: '2024-05', counts: countMetrics(current, metrics, may) }, { period: '2024-04', counts: countMetrics(prior, metrics, april) });

describe('reviewPeriod', () => {
  it('ends every bridge on metrics.json and lists failures by id', () => {
    const metrics = metricsFor();
    const { review, failures } = reviewPeriod({ config: config(), period: may, priorPeriod: april, current: currentSnapshot, prior: priorSnapshot, metrics });
    for (const [id, bridge] of Object.entries(review.bridges)) {
      expect(bridge.value).toBe(metrics.metrics[id]!.value);
      expect(bridge.prior).toBe(metrics.metrics[id]!.prior);
    }
    expect(review.groupBridges.byOffice).toEqual({
      Miami: { prior: 2, removed: 0, added: 0, entered: 1, left: 0, value: 3 },
      Houston: { prior: 2, removed: 1, added: 1, entered: 0, left: 1, value: 1 },
    });
    expect(failures.map((f) => f.id)).toEqual(['checkedInOn.cleared', 'id.removed']);
    expect(review.summary).toMatchObject({ checksPassed: 1, checksFailed: 0, anomalies: 2, blocking: ['checkedInOn.cleared', 'id.removed'] });
  });

  it('masks record keys when the key field is personal data', () => {
    const pii = [field('id', 'string', { pii: true }), ...currentSnapshot.fields.slice(1)];
    const prior = snapshot('2024-04', pii, [{ id: 'A00001', checkedInOn: '2024-04-01' }]);
    const current = snapshot('2024-05', pii, [{ id: 'A00001', checkedInOn: null }]);
    const metrics = metricsFor(metricSpecs, prior, current);
    const { review } = reviewPeriod({ config: config(), period: may, priorPeriod: april, current, prior, metrics });
    expect(review.anomalies[0]).toMatchObject({ id: 'checkedInOn.cleared', count: 1, keys: ['****01'] });
    expect(JSON.stringify(review)).not.toContain('A00001');
  });

  it('folds groups beyond top N into others, as metrics.json does', () => {
    const specs = [{ id: 'byCountry', label: 'By country', groupBy: 'country', top: 1, others: 'Other countries' }];
    const metrics = metricsFor(specs);
    const { review } = reviewPeriod({ config: config(specs), period: may, priorPeriod: april, current: currentSnapshot, prior: priorSnapshot, metrics });
    const bridges = review.groupBridges.byCountry!;
    expect(Object.keys(bridges)).toEqual(Object.keys(metrics.metrics.byCountry!.value));
    for (const [group, bridge] of Object.entries(bridges)) {
      expect(bridge.value).toBe((metrics.metrics.byCountry!.value as Record<string, number>)[group]);
      expect(bridge.prior).toBe((metrics.metrics.byCountry!.prior as Record<string, number>)[group]);
    }
  });
});

describe('restatements', () => {
  it('lists each filed figure the data now gives differently, groups one by one', () => {
    const filed = metricsOf({ checkedIn: 2545, total: 2572, byOffice: { Miami: 3, Houston: 1 } }, {});
    const now = metricsOf({ checkedIn: 2546, total: 2572, byOffice: { Miami: 2, Houston: 1, Tampa: 1 } }, {});
    expect(restatedFigures('2024-04', filed, now)).toEqual([
      { period: '2024-04', metric: 'checkedIn', filed: 2545, recomputed: 2546 },
      { period: '2024-04', metric: 'byOffice', group: 'Miami', filed: 3, recomputed: 2 },
      { period: '2024-04', metric: 'byOffice', group: 'Tampa', filed: 0, recomputed: 1 },
    ]);
  });
});

describe('gateFinal', () => {
  const failures = [{ id: 'checkInsNeverFall', message: 'checkedIn fell from 2,545 to 2,544' }];
  it('refuses a failure not accepted, naming its id', () => {
    expect(() => gateFinal('2024-05', failures, undefined, true)).toThrow(/fails checkInsNeverFall: checkedIn fell from 2,545 to 2,544/);
  });
  it('files an accepted failure, recording its message and the reason', () => {
    expect(gateFinal('2024-05', failures, { ids: ['checkInsNeverFall'], reason: 'data fix pending' }, true)).toEqual([
      { id: 'checkInsNeverFall', message: 'checkedIn fell from 2,545 to 2,544', reason: 'data fix pending' },
    ]);
  });
  it('refuses an accepted id that does not fail (a typo is not an acceptance)', () => {
    const error = (() => {
      try {
        gateFinal('2024-05', failures, { ids: ['checkInsNeverFall', 'checkInsNeverFal'], reason: 'r' }, true);
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(error?.problems.map((p) => p.message)).toEqual(['--accept checkInsNeverFal: nothing of that id fails review of 2024-05']);
  });
});
