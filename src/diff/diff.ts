/**
 * The period diff: a pure function of two snapshots of the same source.
 * Records are matched by key; events are counted on records present in both.
 */
import type { EventSpec } from '../config/types.js';
import type { Snapshot } from '../snapshots/types.js';
import { ChangeTally, compareKeys, valuesPair } from './tally.js';
import type { PeriodDiff } from './types.js';

export { compareValues } from './tally.js';

export interface DiffInput {
  current: Snapshot;
  /** null for the first period. */
  prior: Snapshot | null;
  events: readonly EventSpec[];
  /** The current period's first and last day, for event filters with withinPeriod. */
  periodStart: string;
  periodEnd: string;
}

export function diffSnapshots(input: DiffInput): PeriodDiff {
  const { current, prior } = input;
  const tally = new ChangeTally({ fields: current.fields, events: input.events, periodStart: input.periodStart, periodEnd: input.periodEnd });
  const added: string[] = [];
  for (const [key, after] of current.records) {
    const before = prior?.records.get(key);
    if (before) tally.add(() => key, valuesPair(before, after));
    else added.push(key);
  }
  const removed: string[] = [];
  if (prior) for (const key of prior.records.keys()) if (!current.records.has(key)) removed.push(key);
  const { changed, fields, events } = tally.finish();
  return {
    period: current.period,
    priorPeriod: prior?.period ?? null,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged: tally.unchanged },
    added: added.sort(compareKeys),
    removed: removed.sort(compareKeys),
    changed,
    fields,
    events,
  };
}
