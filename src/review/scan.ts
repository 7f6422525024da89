/**
 * Bridges and built-in anomalies over the records present in either
 * snapshot, joined once on their keys. Each metric's filter is evaluated over
 * every prior row at once (with the prior period's bounds, as its figure was
 * counted) and every current row, as masks (src/metrics/row-mask.ts); then one
 * loop over the joined rows per metric and per declared field (terms.ts). No
 * call per record per metric, nothing allocated per record but the row of one
 * that is listed, and a key decoded to text only for a listed record.
 */
import { runSteps, type Steps } from '../steps.js';
import type { FieldExpectation } from '../config/schema.js';
import type { MetricSpec } from '../config/types.js';
import type { PeriodBounds } from '../metrics/metrics.js';
import { RowMasks } from '../metrics/row-mask.js';
import type { Snapshot, Value } from '../snapshots/types.js';
import { ABSENT, fieldIndex } from './records.js';
import { bridgeTerms, expectationBreaches, futureDates, groupTerms, joinRows, type TermPairs } from './terms.js';
import type { AnomalyKind, Bridge, BridgeTerm, RecordTrail } from './types.js';

type Located = NonNullable<RecordTrail['located']>;
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
  /** The same lists by the records' pairs, and where each pair's record is. */
  located: Located;
  /** Only anomalies found at least once; fields in declared order, then kind. */
  anomalies: AnomalyScan[];
}

export function scanPeriod(input: ScanInput): ScanResult {
  return runSteps(scanSteps(input));
}

/** The scan as steps, for a review that must stop at once on Ctrl-C however many records it reads. */
export function* scanSteps(input: ScanInput): Steps<ScanResult> {
  const { prior, current } = input;
  const fields = current.fields;
  const join = joinRows(prior, current);
  yield;
  // Records are listed by their pair (prior row, or -1 - current row for an added one) and decoded
  // to text at the end, once however many lists they are on.
  // A slot per pair (prior rows, then current ones) holds 1 + where its key is in `decoded`.
  const priorSize = prior?.size ?? 0;
  const slots = new Int32Array(priorSize + current.size);
  const decoded: string[] = [];
  const keyOfPair = (pair: number) => {
    const slot = pair >= 0 ? pair : priorSize - 1 - pair;
    let at = slots[slot]!;
    if (at === 0) at = slots[slot] = decoded.push(pair >= 0 ? prior!.keyAt(pair) : current.keyAt(-1 - pair));
    return decoded[at - 1]!;
  };
  const decode = (pairs: number[]) => pairs.map(keyOfPair);
  // A term's keys are decoded when first read: a term can hold 160,000 records at a million, and
  // the workpapers list 20,000 of a sheet's, read by pair through located.keyOf.
  const decodedWhenRead = (pairs: TermPairs): TermKeys => {
    let removed: string[] | undefined, added: string[] | undefined, entered: string[] | undefined, left: string[] | undefined;
    return {
      get removed() {
        return (removed ??= decode(pairs.removed));
      },
      get added() {
        return (added ??= decode(pairs.added));
      },
      get entered() {
        return (entered ??= decode(pairs.entered));
      },
      get left() {
        return (left ??= decode(pairs.left));
      },
    };
  };
  const located: Located = {
    bridges: new Map(),
    anomalies: new Map(),
    rowsOf: (pair) => (pair >= 0 ? { before: pair, after: join.currentRows[pair]! } : { before: ABSENT, after: -1 - pair }),
    keyOf: keyOfPair,
  };

  const countedBefore = new Uint8Array(join.removedRows.length);
  const metrics: MetricScan[] = [];
  // Each filter over every row at once, on each snapshot with its own period's bounds, as its figure was counted.
  const priorMasks = prior ? new RowMasks(prior, input.priorBounds ?? input.currentBounds) : null;
  const currentMasks = new RowMasks(current, input.currentBounds);
  for (const metric of input.metrics) {
    const was = priorMasks ? priorMasks.of(metric.where) : null;
    yield;
    const is = currentMasks.of(metric.where);
    yield;
    if (was) for (let i = 0; i < countedBefore.length; i++) countedBefore[i]! |= was[join.removedRows[i]!]!;
    const groupIndex = metric.groupBy === undefined ? -1 : fieldIndex(current, metric.groupBy);
    const terms = groupIndex < 0 ? bridgeTerms(join, was, is) : groupTerms(join, prior, current, groupIndex, was, is);
    yield;
    metrics.push({ metric, bridge: terms.bridge, groups: terms.groups, keys: decodedWhenRead(terms.keys) });
    located.bridges.set(metric.id, terms.keys);
  }

  const anomalies: AnomalyScan[] = [];
  const found = (field: string, kind: AnomalyKind, pairs: number[]) => {
    if (pairs.length === 0) return;
    anomalies.push({ id: `${field}.${kind}`, field, kind, keys: decode(pairs) });
    located.anomalies.set(`${field}.${kind}`, pairs);
  };
  for (const [index, f] of fields.entries()) {
    const e = input.expectations.find((x) => x.field === f.name);
    if (e && prior) {
      const { changed, cleared } = expectationBreaches(join, prior, current, fieldIndex(current, e.field), e.expect);
      found(f.name, 'changed', changed);
      found(f.name, 'cleared', cleared);
      yield;
    }
    if (f.type === 'date') {
      found(f.name, 'future', futureDates(join, current, index, input.snapshotDate));
      yield;
    }
  }
  found(fields[current.keyIndex]!.name, 'removed', join.removedRows.filter((_, i) => countedBefore[i] === 1));
  return { metrics, anomalies, located };
}
