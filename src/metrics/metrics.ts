/**
 * Metrics: declared counts over a snapshot, then compared with the prior
 * period. Pure: snapshots and periods in, numbers out.
 */
import type { MetricSpec } from '../config/types.js';
import type { Snapshot } from '../snapshots/types.js';
import { labelPiiGroups, piiGroupId, piiGroupLabels } from '../privacy/group-labels.js';
import { countRows } from './row-filter.js';
import { rowMask, type RowMask } from './row-mask.js';
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
 * Counts every metric over one snapshot, one pass over its typed columns per metric.
 * Groups of a pii field are counted by the real value (an id compareMetrics turns into a masked label).
 */
export function countMetrics(snapshot: Snapshot, metrics: readonly MetricSpec[], period: PeriodBounds, maskVisible = 4): Map<string, Count> {
  const counts = new Map<string, Count>();
  const presentCounts = new Map<number, number>();
  for (const metric of metrics) {
    const groupIndex = metric.groupBy === undefined ? -1 : snapshot.fields.findIndex((f) => f.name === metric.groupBy);
    if (groupIndex < 0) {
      counts.set(metric.id, countRows(metric.where, snapshot, period, presentCounts));
      continue;
    }
    const where = metric.where === undefined ? null : rowMask(metric.where, snapshot, period);
    const { pii, type } = snapshot.fields[groupIndex]!;
    counts.set(metric.id, countGroups(snapshot, groupIndex, where, (value) => (pii ? piiGroupId(String(value), type, maskVisible) : String(value))));
  }
  return counts;
}

/** Records per group, in the order groups are first met; a text field counts its codes, not its strings. */
/** `where`: the rows that count, null when every record does. */
function countGroups(snapshot: Snapshot, fieldIndex: number, where: RowMask | null, name: (value: string | number | boolean) => string): Map<string, number> {
  const groups = new Map<string, number>();
  const add = (group: string, count: number) => groups.set(group, (groups.get(group) ?? 0) + count);
  const column = snapshot.column(fieldIndex);
  if (column.kind !== 'text') {
    for (let row = 0; row < snapshot.size; row++) {
      if (where && where[row] === 0) continue;
      const value = snapshot.valueAt(row, fieldIndex);
      add(value === null ? NOT_RECORDED : name(value), 1);
    }
    return groups;
  }
  // Slot 0 counts empty values; code c counts in slot c + 1. The first row of each keeps first-met order.
  const { codes, dictionary } = column;
  const perCode = new Float64Array(dictionary.length + 1);
  const firstRow = new Float64Array(dictionary.length + 1).fill(Infinity);
  // A loop with no call per row.
  for (let row = 0; row < snapshot.size; row++) {
    if (where !== null && where[row] === 0) continue;
    const slot = codes[row]! + 1;
    if (perCode[slot] === 0) firstRow[slot] = row;
    perCode[slot]!++;
  }
  const slots = [...perCode.keys()].filter((slot) => perCode[slot]! > 0).sort((a, b) => firstRow[a]! - firstRow[b]!);
  for (const slot of slots) add(slot === 0 ? NOT_RECORDED : name(dictionary[slot - 1]!), perCode[slot]!);
  return groups;
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
    // Groups of a pii field get their masked labels now, from the current and prior values together.
    const labels = piiGroupLabels([...value.keys(), ...(before instanceof Map ? before.keys() : [])]);
    const labelled = labelPiiGroups(value, labels);
    const priorLabelled = before instanceof Map ? labelPiiGroups(before, labels) : null;
    const groups = groupOrder(labelled, spec);
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
    const valueGroups = fold(labelled);
    const priorGroups = priorLabelled ? fold(priorLabelled) : null;
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
