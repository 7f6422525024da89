/** A count per group, in display order (largest first, "others" last). */
export type GroupCounts = Record<string, number>;

export interface MetricValue {
  label: string;
  /** Current period. */
  value: number | GroupCounts;
  /** Prior period; null for the first period. */
  prior: number | GroupCounts | null;
  /** value − prior; null for the first period. */
  delta: number | GroupCounts | null;
}

/** The shape of metrics.json. */
export interface PeriodMetrics {
  period: string;
  priorPeriod: string | null;
  metrics: Record<string, MetricValue>;
}
