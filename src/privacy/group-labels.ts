/**
 * Groups of a pii field (a metric grouped by booking number): counted by the
 * real value, labelled by the masked one. Two values can mask alike
 * (B2024001981 and B2024011981 both show as ****1981); they stay two
 * groups, numbered "(1)", "(2)" in the order of their real values, so the
 * labels are the same wherever the same values are labelled (metrics.json,
 * the report, the review's bridges) and say nothing more than the mask does.
 * The id a group is counted under holds the real value: it lives only in
 * memory, between counting and labelling, and is never written.
 */
import type { FieldType } from '../config/schema.js';
import { maskPii } from './mask.js';

const SEPARATOR = '\u0000';

/** The id a pii value's group is counted under (the mask first, so ids of one mask sort together). */
export function piiGroupId(value: string, type: FieldType, visible: number): string {
  return maskPii(value, type, visible) + SEPARATOR + value;
}

export function isPiiGroupId(name: string): boolean {
  return name.includes(SEPARATOR);
}

/** The label of every pii group id: its mask, numbered where several share one. */
export function piiGroupLabels(ids: Iterable<string>): Map<string, string> {
  const byMask = new Map<string, string[]>();
  for (const id of new Set(ids)) {
    if (!isPiiGroupId(id)) continue;
    const masked = id.slice(0, id.indexOf(SEPARATOR));
    const same = byMask.get(masked);
    if (same) same.push(id);
    else byMask.set(masked, [id]);
  }
  const labels = new Map<string, string>();
  for (const [masked, same] of byMask) {
    if (same.length === 1) labels.set(same[0]!, masked);
    else same.sort().forEach((id, i) => labels.set(id, `${masked} (${i + 1})`));
  }
  return labels;
}

/** The counts with every pii group id replaced by its label (labels are distinct: nothing merges). */
export function labelPiiGroups(counts: Map<string, number>, labels: Map<string, string>): Map<string, number> {
  return new Map([...counts].map(([name, count]) => [labels.get(name) ?? name, count]));
}
