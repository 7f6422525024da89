/**
 * Metrics: declared counts over a snapshot, then compared with the prior
 * period. Pure: snapshots and periods in, numbers out.
 */
import type { MetricSpec } from '../config/types.js';
import type { Snapshot } from '../snapshots/types.js';
import { mask } from '../privacy/mask.js';
import { compileFilter } from './filter.js';
import type { GroupCounts, MetricValue, PeriodMetrics } from './types.js';

/** A metric counted over one snapshot: a number, or every group's count. */
export type Count = number | Map<string, number>;

/** The group a record without a value falls in. */
export const NOT_RECORDED = 'Not recorded';

export interface PeriodBounds {
  start: string;
  end: string;
}

/**
 * Counts every metric over one snapshot in a single pass over its records.
 * Groups of a pii field are named by the masked value (last `maskVisible` characters).
 */
export function countMetrics(snapshot: Snapshot, metrics: readonly MetricSpec[], period: PeriodBounds, maskVisible = 4): Map<string, Count> {
  const context = { fields: snapshot.fields, periodStart: period.start, periodEnd: period.end };
  const plans = metrics.map((metric) => {
    const groupIndex = metric.groupBy === undefined ? -1 : snapshot.fields.findIndex((f) => f.name === metric.groupBy);
    return {
      metric,
      where: compileFilter(metric.where, context),
      groupIndex,
      groupPii: groupIndex >= 0 && snapshot.fields[groupIndex]!.pii,
      total: 0,
      groups: new Map<string, number>(),
    };
  });
  for (const values of snapshot.records.values()) {
    for (const plan of plans) {
      if (!plan.where(values)) continue;
      if (plan.groupIndex < 0) {
        plan.total++;
        continue;
      }
      const raw = values[plan.groupIndex];
      const group = raw === null || raw === undefined ? NOT_RECORDED : plan.groupPii ? mask(String(raw), maskVisible) : String(raw);
      plan.groups.set(group, (plan.groups.get(group) ?? 0) + 1);
    }
  }
  return new Map(plans.map((p) => [p.metric.id, p.groupIndex < 0 ? p.total : p.groups]));
}

/** Current against prior, with grouped metrics folded to the current period's top N. */
export function compareMetrics(
  specs: readonly MetricSpec[],
  current: { period: string; counts: Map<string, Count> },
  prior: { period: string; counts: Map<string, Count> } | null,
): PeriodMetrics {
  const metrics: Record<string, MetricValue> = {};
  for (const spec of specs) {
    const value = current.counts.get(spec.id) ?? 0;
    const before = prior ? (prior.counts.get(spec.id) ?? 0) : null;
    if (typeof value === 'number') {
      const priorValue = typeof before === 'number' ? before : null;
      metrics[spec.id] = { label: spec.label, value, prior: priorValue, delta: priorValue === null ? null : value - priorValue };
      continue;
    }
    const groups = groupOrder(value, spec);
    const fold = (counts: Map<string, number>): GroupCounts => {
      const result: GroupCounts = Object.create(null);
      for (const name of groups.kept) result[name] = 0;
      if (groups.others !== null) result[groups.others] = 0;
      for (const [name, count] of counts) {
        const target = groups.keptSet.has(name) ? name : groups.others;
        if (target === null) {
          // Without top-N every current group is kept; a group only the prior had is shown too.
          result[name] = (result[name] ?? 0) + count;
        } else result[target] = (result[target] ?? 0) + count;
      }
      return result;
    };
    const valueGroups = fold(value);
    const priorGroups = before instanceof Map ? fold(before) : null;
    if (priorGroups) for (const name of Object.keys(priorGroups)) valueGroups[name] ??= 0;
    const delta: GroupCounts | null = priorGroups ? Object.create(null) : null;
    if (priorGroups && delta) {
      for (const name of Object.keys(valueGroups)) {
        priorGroups[name] ??= 0;
        delta[name] = valueGroups[name]! - priorGroups[name]!;
      }
    }
    metrics[spec.id] = { label: spec.label, value: valueGroups, prior: priorGroups, delta };
  }
  return { period: current.period, priorPeriod: prior?.period ?? null, metrics };
}

/** Largest groups first, ties by name; with top-N the rest fold into one "others" group, shown last. */
function groupOrder(counts: Map<string, number>, spec: MetricSpec) {
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name]) => name);
  const folds = spec.top !== undefined && ranked.length > spec.top;
  const kept = folds ? ranked.slice(0, spec.top) : ranked;
  return { kept, keptSet: new Set(kept), others: folds ? (spec.others ?? 'All others') : null };
}
