/**
 * Restatements: every figure a filed report gave that the current data no
 * longer gives, filed against recomputed. Pure over the two metrics.
 */
import type { PeriodMetrics } from '../metrics/types.js';
import { formatDecimal } from '../render/decimal.js';
import type { Restatement } from './types.js';

export function restatedFigures(period: string, filed: PeriodMetrics, recomputed: PeriodMetrics): Restatement[] {
  const found: Restatement[] = [];
  for (const [metric, now] of Object.entries(recomputed.metrics)) {
    const then = filed.metrics[metric];
    // A metric declared after filing was never filed.
    if (!then) continue;
    if (typeof now.value === 'number' || typeof then.value === 'number') {
      if (typeof now.value === 'number' && typeof then.value === 'number' && now.value !== then.value) {
        found.push({ period, metric, filed: then.value, recomputed: now.value });
      }
      continue;
    }
    const groups = new Set([...Object.keys(then.value), ...Object.keys(now.value)]);
    for (const group of groups) {
      const before = then.value[group] ?? 0;
      const after = now.value[group] ?? 0;
      if (before !== after) found.push({ period, metric, group, filed: before, recomputed: after });
    }
  }
  return found;
}

// Counts, never negative; the build's warning loads no date library (nor ICU's number data) for this.
const count = { format: (value: number) => formatDecimal(value, 0, 3) };

/** "checkedIn filed 2,545, now 2,546; byNationality (Cuba) filed 30, now 31". */
export function describeRestatements(figures: readonly Restatement[]): string {
  return figures
    .map((r) => `${r.metric}${r.group !== undefined ? ` (${r.group})` : ''} filed ${count.format(r.filed)}, now ${count.format(r.recomputed)}`)
    .join('; ');
}
