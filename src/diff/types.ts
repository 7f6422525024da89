import type { Value } from '../snapshots/types.js';

export interface Transition {
  from: Value;
  to: Value;
  count: number;
}

/** How one field changed across the records present in both snapshots. */
export interface FieldChanges {
  /** Records whose value of this field differs. */
  changed: number;
  /** enum, string and boolean fields: each from → to with its count, largest first. */
  transitions?: Transition[];
  /** date fields: empty → date. */
  set?: number;
  /** date fields: date → empty. */
  cleared?: number;
  /** date fields: date → another date. */
  moved?: number;
}

/** A period's snapshot against the prior one; the shape of diff.json. */
export interface PeriodDiff {
  period: string;
  /** null for the first period: everything counts as added. */
  priorPeriod: string | null;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  added: string[];
  removed: string[];
  changed: string[];
  fields: Record<string, FieldChanges>;
  events: Record<string, number>;
}
