/**
 * Bridges as review.json states them: ungrouped metrics as counted, grouped
 * metrics per group named and folded exactly as metrics.json names them
 * (masked pii groups, "Not recorded", top-N folded into "others").
 */
import type { MetricSpec } from '../config/types.js';
import { NOT_RECORDED } from '../metrics/metrics.js';
import type { PeriodMetrics } from '../metrics/types.js';
import { piiGroupId, piiGroupLabels } from '../privacy/group-labels.js';
import type { FieldSpec, Value } from '../snapshots/types.js';
import type { MetricScan } from './scan.js';
import { bridgeTerms, type Bridge } from './types.js';

/** prior − removed + added + entered − left: equals value for every bridge a scan makes. */
export function rollForward(bridge: Bridge): number {
  return bridge.prior - bridge.removed + bridge.added + bridge.entered - bridge.left;
}

export function groupBridges(scan: MetricScan, metrics: PeriodMetrics, fields: readonly FieldSpec[], maskVisible: number): Record<string, Bridge> {
  const spec: MetricSpec = scan.metric;
  const field = fields.find((f) => f.name === spec.groupBy);
  const shown = metrics.metrics[spec.id]?.value;
  const names = shown && typeof shown === 'object' ? Object.keys(shown) : [];
  const kept = new Set(names);
  const others = spec.others ?? 'All others';
  const result: Record<string, Bridge> = Object.create(null);
  for (const name of names) result[name] = { prior: 0, removed: 0, added: 0, entered: 0, left: 0, value: 0 };
  // Labelled as metrics label them: counted by the real value, shown masked, numbered where masks collide.
  const piiLabels = field?.pii ? piiGroupLabels([...(scan.groups ?? [])].flatMap(([raw]) => (raw === null ? [] : [piiGroupId(String(raw), field.type, maskVisible)]))) : null;
  const nameOf = (raw: Value): string => {
    const name = raw === null ? NOT_RECORDED : piiLabels ? piiLabels.get(piiGroupId(String(raw), field!.type, maskVisible))! : String(raw);
    return kept.has(name) ? name : others;
  };
  for (const [raw, bridge] of scan.groups ?? []) {
    const target = (result[nameOf(raw)] ??= { prior: 0, removed: 0, added: 0, entered: 0, left: 0, value: 0 });
    target.prior += bridge.prior;
    target.value += bridge.value;
    for (const term of bridgeTerms) target[term] += bridge[term];
  }
  // A record moving between two countries folded into "others" enters and leaves it: the sum still holds.
  return result;
}
