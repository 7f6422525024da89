/** What review finds: the shapes of review.json and of what the review page shows. */
import type { Value } from '../snapshots/types.js';

export type Severity = 'error' | 'warning';

export interface CheckResult {
  id: string;
  label: string;
  severity: Severity;
  status: 'pass' | 'fail';
  /** One sentence a person can read: what the figures are. */
  message: string;
}

export const anomalyKinds = ['changed', 'cleared', 'future', 'removed'] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

export interface Anomaly {
  /** `<field>.<kind>`, the id `--accept` takes. */
  id: string;
  field: string;
  kind: AnomalyKind;
  severity: Severity;
  count: number;
  /** Record keys, masked when the key field is personal data. */
  keys: string[];
}

/** A roll-forward: prior − removed + added + entered − left = value. */
export interface Bridge {
  prior: number;
  /** Records that counted in the prior period and are gone from the snapshot. */
  removed: number;
  /** Records new to the snapshot that count. */
  added: number;
  /** Records in both snapshots that now meet the metric's filter (or moved into the group). */
  entered: number;
  /** Records in both snapshots that no longer meet it (or moved out of the group). */
  left: number;
  value: number;
}

export const bridgeTerms = ['removed', 'added', 'entered', 'left'] as const;
export type BridgeTerm = (typeof bridgeTerms)[number];

/** A filed figure that the data now gives differently. */
export interface Restatement {
  period: string;
  metric: string;
  /** For a grouped metric, the group. */
  group?: string;
  filed: number;
  recomputed: number;
}

export interface RedlineSummary {
  /** The filed report compared against, as a person would name it. */
  against: string;
  insertions: number;
  deletions: number;
}

/** The shape of review.json. */
export interface PeriodReview {
  period: string;
  priorPeriod: string | null;
  summary: ReviewSummary;
  checks: CheckResult[];
  anomalies: Anomaly[];
  bridges: Record<string, Bridge>;
  /** Grouped metrics: a bridge per group, in metrics.json's group order. */
  groupBridges: Record<string, Record<string, Bridge>>;
  restatements: Restatement[];
  /** null when there is no earlier filed report to compare with. */
  redline: RedlineSummary | null;
}

export interface ReviewSummary {
  checksPassed: number;
  checksFailed: number;
  anomalies: number;
  restatements: number;
  /** Ids of every error-severity item that fails: what build --final refuses without --accept. */
  blocking: string[];
  warnings: string[];
}

/** One failing item that blocks a final build, with its message. */
export interface ReviewFailure {
  id: string;
  message: string;
}

/** The records behind a figure's movement, unmasked, for the workpapers (never written unmasked unless asked). */
export interface RecordTrail {
  /** Raw record keys by bridge term. */
  bridges: Map<string, Record<BridgeTerm, string[]>>;
  /** Raw record keys by anomaly id. */
  anomalies: Map<string, string[]>;
  /**
   * The same lists by each record's pair (as the scan names records, src/review/terms.ts), and where
   * a pair's record is in each snapshot: the workpapers read the rows without looking keys up again.
   */
  located?: {
    bridges: Map<string, Record<BridgeTerm, number[]>>;
    anomalies: Map<string, number[]>;
    rowsOf: (pair: number) => RecordRows;
    /** A pair's raw record key. */
    keyOf: (pair: number) => string;
  };
}

/** A record's row in the prior and in the current snapshot, -1 where it is not. */
export interface RecordRows {
  before: number;
  after: number;
}

export type { Value };
