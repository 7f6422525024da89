/**
 * Bridges and built-in anomalies in one pass over the records present in
 * either snapshot. Each metric's filter is evaluated on the prior row (with the
 * prior period's bounds, as its figure was counted) and on the current row.
 * The hot path allocates nothing per record: counters, and a key pushed onto a
 * list only for a record that moved or is anomalous.
 */
import { runSteps, type Steps } from '../steps.js';
import type { FieldExpectation } from '../config/schema.js';
import type { MetricSpec } from '../config/types.js';
import type { PeriodBounds } from '../metrics/metrics.js';
import { compileRowFilter, type RowPredicate } from '../metrics/row-filter.js';
import type { Snapshot, Value } from '../snapshots/types.js';
import { ABSENT, dayAfter, fieldIndex, fieldPair, forEachRecordPair, groupCounter, groupValue, keyOf, type FieldPair, type GroupCounter } from './records.js';
import type { AnomalyKind, Bridge, BridgeTerm } from './types.js';
export interface ScanInput {
  prior: Snapshot | null;
  current: Snapshot;
  metrics: readonly MetricSpec[];
  priorBounds: PeriodBounds | null;
  currentBounds: PeriodBounds;
  expectations: ReadonlyArray<{ field: string; expect: FieldExpectation }>;
  /** Day the current snapshot was taken as of: a later date is `future`. */
  snapshotDate: string;
}

export type TermKeys = Record<BridgeTerm, string[]>;

export interface MetricScan {
  metric: MetricSpec;
  /** Ungrouped metrics. */
  bridge: Bridge | null;
  /** Grouped metrics: a bridge per raw group value (null: not recorded). */
  groups: Map<Value, Bridge> | null;
  keys: TermKeys;
}

export interface AnomalyScan {
  id: string;
  field: string;
  kind: AnomalyKind;
  keys: string[];
}

export interface ScanResult {
  metrics: MetricScan[];
  /** Only anomalies found at least once; fields in declared order, then kind. */
  anomalies: AnomalyScan[];
}

const emptyBridge = (): Bridge => ({ prior: 0, removed: 0, added: 0, entered: 0, left: 0, value: 0 });

export function scanPeriod(input: ScanInput): ScanResult {
  return runSteps(scanSteps(input));
}

/** The scan as steps, for a review that must stop at once on Ctrl-C however many records it reads. */
export function* scanSteps(input: ScanInput): Steps<ScanResult> {
  const { prior, current } = input;
  const fields = current.fields;
  const never: RowPredicate = () => false;
  const plans = input.metrics.map((metric) => {
    const groupIndex = metric.groupBy === undefined ? -1 : fieldIndex(current, metric.groupBy);
    return {
      metric,
      before: prior ? compileRowFilter(metric.where, prior, input.priorBounds ?? input.currentBounds) : never,
      now: compileRowFilter(metric.where, current, input.currentBounds),
      groupIndex,
      bridge: emptyBridge(),
      // Grouped: prior and current counts by code; a bridge per value only for the terms (records that moved).
      groups: new Map<Value, Bridge>(),
      priorGroups: groupIndex >= 0 && prior ? groupCounter(prior, groupIndex) : null,
      currentGroups: groupIndex >= 0 ? groupCounter(current, groupIndex) : null,
      sameGroup: groupIndex >= 0 && prior ? fieldPair(prior, current, groupIndex) : null,
      keys: { removed: [], added: [], entered: [], left: [] } as TermKeys,
    };
  });
  const group = (plan: (typeof plans)[number], raw: Value): Bridge => {
    let bridge = plan.groups.get(raw);
    if (!bridge) plan.groups.set(raw, (bridge = emptyBridge()));
    return bridge;
  };

  const keyField = fields[current.keyIndex]!.name;
  const expected = input.expectations.map((e) => {
    const index = fieldIndex(current, e.field);
    return { ...e, index, pair: prior ? fieldPair(prior, current, index) : null, changed: [] as string[], cleared: [] as string[] };
  });
  const dates = fields.flatMap((f, index) => (f.type === 'date' ? [{ field: f.name, after: dayAfter(current, index, input.snapshotDate), future: [] as string[] }] : []));
  const removed: string[] = [];

  // A key is decoded to text only for a record that is listed, and once for all the lists it is on.
  let decodedFor = -2;
  let decoded = '';
  const keyAt = (priorRow: number, currentRow: number) => {
    const pair = priorRow !== ABSENT ? priorRow : -3 - currentRow;
    if (pair !== decodedFor) {
      decoded = keyOf(prior, current, priorRow, currentRow);
      decodedFor = pair;
    }
    return decoded;
  };
  yield* forEachRecordPair(prior, current, (priorRow, currentRow) => {
    let countedBefore = false;
    for (const plan of plans) {
      const was = priorRow !== ABSENT && plan.before(priorRow);
      const is = currentRow !== ABSENT && plan.now(currentRow);
      if (!was && !is) continue;
      countedBefore ||= was;
      if (plan.groupIndex < 0) {
        tally(plan.bridge, plan.keys, keyAt, priorRow, currentRow, was, is);
        continue;
      }
      if (was) plan.priorGroups!.add(priorRow);
      if (is) plan.currentGroups!.add(currentRow);
      if (priorRow === ABSENT) {
        group(plan, groupValue(current, currentRow, plan.groupIndex)).added++;
        plan.keys.added.push(keyAt(priorRow, currentRow));
      } else if (currentRow === ABSENT) {
        group(plan, groupValue(prior!, priorRow, plan.groupIndex)).removed++;
        plan.keys.removed.push(keyAt(priorRow, currentRow));
      } else if (!(was && is && (plan.sameGroup as FieldPair).same(priorRow, currentRow))) {
        // Out of the filter, into it, or from one group to another: a left and an entered term.
        if (was) group(plan, groupValue(prior!, priorRow, plan.groupIndex)).left++;
        if (is) group(plan, groupValue(current, currentRow, plan.groupIndex)).entered++;
        (is ? plan.keys.entered : plan.keys.left).push(keyAt(priorRow, currentRow));
        if (was && is) plan.keys.left.push(keyAt(priorRow, currentRow));
      }
    }
    if (currentRow === ABSENT) {
      if (countedBefore) removed.push(keyAt(priorRow, currentRow));
      return;
    }
    for (const date of dates) if (date.after(currentRow)) date.future.push(keyAt(priorRow, currentRow));
    if (priorRow === ABSENT) return;
    for (const e of expected) {
      const pair = e.pair!;
      if (pair.same(priorRow, currentRow)) continue;
      const wasEmpty = pair.isEmpty('prior', priorRow);
      if (!wasEmpty && pair.isEmpty('current', currentRow)) e.cleared.push(keyAt(priorRow, currentRow));
      // A fixed field may not be filled in later either; a setOnce field may.
      else if (!wasEmpty || e.expect === 'fixed') e.changed.push(keyAt(priorRow, currentRow));
    }
  });
  const anomalies: AnomalyScan[] = [];
  const found = (field: string, kind: AnomalyKind, keys: string[]) => {
    if (keys.length > 0) anomalies.push({ id: `${field}.${kind}`, field, kind, keys });
  };
  for (const f of fields) {
    const e = expected.find((x) => x.field === f.name);
    if (e) {
      found(f.name, 'changed', e.changed);
      found(f.name, 'cleared', e.cleared);
    }
    const date = dates.find((d) => d.field === f.name);
    if (date) found(f.name, 'future', date.future);
  }
  found(keyField, 'removed', removed);

  for (const plan of plans) {
    const add = (counter: GroupCounter | null, term: 'prior' | 'value') => {
      for (const [value, count] of counter?.entries() ?? []) group(plan, value)[term] += count;
    };
    add(plan.priorGroups, 'prior');
    add(plan.currentGroups, 'value');
  }

  return {
    metrics: plans.map((plan) => ({
      metric: plan.metric,
      bridge: plan.groupIndex < 0 ? plan.bridge : null,
      groups: plan.groupIndex < 0 ? null : plan.groups,
      keys: plan.keys,
    })),
    anomalies,
  };
}

function tally(bridge: Bridge, keys: TermKeys, keyAt: (priorRow: number, currentRow: number) => string, priorRow: number, currentRow: number, was: boolean, is: boolean): void {
  if (was) bridge.prior++;
  if (is) bridge.value++;
  if (priorRow === ABSENT) {
    bridge.added++;
    keys.added.push(keyAt(priorRow, currentRow));
  } else if (currentRow === ABSENT) {
    bridge.removed++;
    keys.removed.push(keyAt(priorRow, currentRow));
  } else if (is && !was) {
    bridge.entered++;
    keys.entered.push(keyAt(priorRow, currentRow));
  } else if (was && !is) {
    bridge.left++;
    keys.left.push(keyAt(priorRow, currentRow));
  }
}
