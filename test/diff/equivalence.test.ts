/**
 * The columnar diff and counts against the row-map algorithms they replaced
 * (kept here as the reference), on the example's twelve months of snapshots.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { periodOf, periodRange, previousMonth } from '../../src/config/periods.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { compareKeys } from '../../src/diff/tally.js';
import { ChangeTally, type RecordPair } from './reference-tally.js';
import type { PeriodDiff } from '../../src/diff/types.js';
import { compileFilter } from '../../src/metrics/filter.js';
import { countMetrics, NOT_RECORDED } from '../../src/metrics/metrics.js';
import { maskPii } from '../../src/privacy/mask.js';
import { loadSnapshot } from '../../src/snapshots/load.js';
import type { Snapshot, Value } from '../../src/snapshots/types.js';

const exampleConfig = path.resolve('data/florida-v-mayorkas/report.yaml');

/** The diff as it was computed on Map<string, Value[]> records. */
function referenceDiff(config: ResolvedConfig, current: Snapshot, prior: Snapshot | null, period: { start: string; end: string }): PeriodDiff {
  const tally = new ChangeTally({ fields: current.fields, events: config.events, periodStart: period.start, periodEnd: period.end });
  const currentRecords = new Map(current.records);
  const priorRecords = prior ? new Map(prior.records) : null;
  const added: string[] = [];
  for (const [key, after] of currentRecords) {
    const before = priorRecords?.get(key);
    if (!before) {
      added.push(key);
      continue;
    }
    const pair: RecordPair = {
      mayDiffer: (i) => before[i] !== after[i],
      before: (i) => before[i] ?? null,
      after: (i) => after[i] ?? null,
      afterValues: () => after,
    };
    tally.add(() => key, pair);
  }
  const removed = priorRecords ? [...priorRecords.keys()].filter((key) => !currentRecords.has(key)) : [];
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

/** The counts as they were computed on every record's values. */
function referenceCounts(config: ResolvedConfig, snapshot: Snapshot, period: { start: string; end: string }): Array<[string, unknown]> {
  return config.metrics.map((metric) => {
    const where = compileFilter(metric.where, { fields: snapshot.fields, periodStart: period.start, periodEnd: period.end });
    const groupIndex = metric.groupBy === undefined ? -1 : snapshot.fields.findIndex((f) => f.name === metric.groupBy);
    const groups = new Map<string, number>();
    let total = 0;
    for (const values of snapshot.records.values()) {
      if (!where(values)) continue;
      total++;
      if (groupIndex < 0) continue;
      const raw: Value = values[groupIndex] ?? null;
      const name = raw === null ? NOT_RECORDED : snapshot.fields[groupIndex]!.pii ? maskPii(String(raw), snapshot.fields[groupIndex]!.type, config.output.maskVisible) : String(raw);
      groups.set(name, (groups.get(name) ?? 0) + 1);
    }
    return [metric.id, groupIndex < 0 ? total : [...groups]];
  });
}

describe('columnar stages against the row-map reference', async () => {
  const config = await loadConfig(exampleConfig);
  const ids = periodRange(config.periods.first, config.periods.last!);

  it.each(ids)('diff of %s is the same, key lists and transitions included', async (id) => {
    const period = periodOf(id, config.periods);
    const current = await loadSnapshot(config.snapshots, id);
    const prior = id > config.periods.first ? await loadSnapshot(config.snapshots, previousMonth(id)) : null;
    const diff = diffSnapshots({ current, prior, events: config.events, periodStart: period.start, periodEnd: period.end });
    expect(JSON.stringify(diff)).toBe(JSON.stringify(referenceDiff(config, current, prior, period)));
  });

  it.each(ids)('metric counts of %s are the same, groups in the same order', async (id) => {
    const period = periodOf(id, config.periods);
    const snapshot = await loadSnapshot(config.snapshots, id);
    const counts = [...countMetrics(snapshot, config.metrics, period, config.output.maskVisible)].map(([metricId, count]) => [
      metricId,
      typeof count === 'number' ? count : [...count],
    ]);
    expect(counts).toEqual(referenceCounts(config, snapshot, period));
  });
});
