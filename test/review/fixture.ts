/** Hand-made snapshots and metrics for the review's unit tests. */
import type { CheckSpec, MetricSpec } from '../../src/config/types.js';
import type { PeriodMetrics } from '../../src/metrics/types.js';
import { field, snapshot } from '../helpers.js';

export const fields = [
  field('id', 'string'),
  field('country', 'string'),
  field('checkedInOn', 'date'),
  field('office', 'string'),
];

export const may = { id: '2024-05', start: '2024-05-01', end: '2024-05-31', snapshotDate: '2024-05-31', dueDate: null };
export const april = { id: '2024-04', start: '2024-04-01', end: '2024-04-30', snapshotDate: '2024-04-30', dueDate: null };

export const priorSnapshot = snapshot('2024-04', fields, [
  { id: 'A1', country: 'Cuba', checkedInOn: '2024-04-02', office: 'Miami' },
  { id: 'A2', country: 'Cuba', checkedInOn: null, office: 'Miami' },
  { id: 'A3', country: 'Haiti', checkedInOn: '2024-03-10', office: 'Houston' },
  { id: 'A4', country: 'Peru', checkedInOn: null, office: 'Houston' },
]);

/** A2 checks in, A3's check-in is cleared and it moves office, A4 is removed, A5 is added (checked in). */
export const currentSnapshot = snapshot('2024-05', fields, [
  { id: 'A1', country: 'Cuba', checkedInOn: '2024-04-02', office: 'Miami' },
  { id: 'A2', country: 'Cuba', checkedInOn: '2024-05-20', office: 'Miami' },
  { id: 'A3', country: 'Haiti', checkedInOn: null, office: 'Miami' },
  { id: 'A5', country: 'Peru', checkedInOn: '2024-05-03', office: 'Houston' },
]);

export const metricSpecs: MetricSpec[] = [
  { id: 'total', label: 'Everyone' },
  { id: 'checkedIn', label: 'Checked in', where: { field: 'checkedInOn', present: true } },
  { id: 'checkedInThisPeriod', label: 'Checked in during the period', where: { field: 'checkedInOn', withinPeriod: true } },
  { id: 'byOffice', label: 'By office', groupBy: 'office' },
];

export function metricsOf(values: Record<string, number | Record<string, number>>, priors: Record<string, number | Record<string, number> | null>): PeriodMetrics {
  const metrics: PeriodMetrics['metrics'] = {};
  for (const [id, value] of Object.entries(values)) {
    const prior = priors[id] ?? null;
    const delta =
      prior === null ? null : typeof value === 'number' ? value - (prior as number) : Object.fromEntries(Object.entries(value).map(([g, v]) => [g, v - ((prior as Record<string, number>)[g] ?? 0)]));
    metrics[id] = { label: id, value, prior, delta };
  }
  return { period: '2024-05', priorPeriod: '2024-04', metrics };
}

export const check = (id: string, rule: Partial<CheckSpec>): CheckSpec => ({ id, metric: 'total', severity: 'error', ...rule }) as CheckSpec;
