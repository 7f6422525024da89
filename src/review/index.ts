/**
 * Review before filing: checks, anomalies, bridges and restatements of one
 * period, from its snapshots and metrics. Pure: what the earlier filings said
 * (restatements, the redline's summary) comes in with the context.
 */
import type { Period } from '../config/periods.js';
import type { ResolvedConfig } from '../config/types.js';
import type { PeriodMetrics } from '../metrics/types.js';
import { maskedLabels } from '../privacy/mask.js';
import { formatNumber } from '../render/format.js';
import type { Snapshot } from '../snapshots/types.js';
import { groupBridges, rollForward } from './bridges.js';
import { runChecks } from './checks.js';
import { describeRestatements } from './restatements.js';
import { runSteps, runStepsPausing, type Steps } from '../steps.js';
import { scanSteps, type AnomalyScan } from './scan.js';
import type { Anomaly, Bridge, PeriodReview, RecordTrail, RedlineSummary, Restatement, ReviewFailure } from './types.js';

export interface ReviewContext {
  config: ResolvedConfig;
  period: Period;
  priorPeriod: Period | null;
  current: Snapshot;
  prior: Snapshot | null;
  /** The period's metrics, as in metrics.json: every bridge must end on them. */
  metrics: PeriodMetrics;
  /** Filed figures of earlier periods that the data now gives differently. */
  restatements?: Restatement[];
  redline?: RedlineSummary | null;
}

export interface ReviewOutcome {
  review: PeriodReview;
  /** Unmasked record keys behind each bridge term and anomaly, for the workpapers. */
  trail: RecordTrail;
  /** Every error-severity item that fails, with its message. */
  failures: ReviewFailure[];
}

export function reviewPeriod(context: ReviewContext): ReviewOutcome {
  return runSteps(reviewSteps(context));
}

/** The same review, pausing now and then so that Ctrl-C is handled at once even at millions of records. */
export function reviewPeriodPausing(context: ReviewContext): Promise<ReviewOutcome> {
  return runStepsPausing(reviewSteps(context));
}

function* reviewSteps(context: ReviewContext): Steps<ReviewOutcome> {
  const { config, metrics } = context;
  const { maskVisible } = config.output;
  const fields = context.current.fields;
  const keyField = fields[context.current.keyIndex]!;

  const scan = yield* scanSteps({
    prior: context.prior,
    current: context.current,
    metrics: config.metrics,
    priorBounds: context.priorPeriod,
    currentBounds: context.period,
    expectations: config.review.expectations,
    snapshotDate: context.period.snapshotDate,
  });

  const bridges: Record<string, Bridge> = {};
  const grouped: Record<string, Record<string, Bridge>> = {};
  for (const metric of scan.metrics) {
    if (metric.bridge) {
      assertMatchesMetrics(metric.metric.id, metric.bridge, metrics);
      bridges[metric.metric.id] = metric.bridge;
    } else grouped[metric.metric.id] = groupBridges(metric, metrics, fields, maskVisible);
  }
  // Keys that mask alike are told apart ("#1", "#2") over every key the review shows.
  const keyLabels = keyField.pii ? maskedLabels(scan.anomalies.flatMap((a) => a.keys), keyField.type, maskVisible) : null;
  const shownKey = (key: string) => (keyLabels ? keyLabels.get(key)! : key);
  const anomalies: Anomaly[] = scan.anomalies.map((a) => ({
    id: a.id,
    field: a.field,
    kind: a.kind,
    severity: 'error',
    count: a.keys.length,
    keys: a.keys.map(shownKey),
  }));
  const checks = runChecks(config.review.checks, metrics);
  const restatements = context.restatements ?? [];

  const failures: ReviewFailure[] = [
    ...checks.filter((c) => c.status === 'fail' && c.severity === 'error').map((c) => ({ id: c.id, message: c.message })),
    ...scan.anomalies.map((a) => ({ id: a.id, message: anomalySentence(a, fields) })),
    ...restatedPeriods(restatements),
  ];
  const review: PeriodReview = {
    period: context.period.id,
    priorPeriod: context.priorPeriod?.id ?? null,
    summary: {
      checksPassed: checks.filter((c) => c.status === 'pass').length,
      checksFailed: checks.filter((c) => c.status === 'fail').length,
      anomalies: anomalies.length,
      restatements: restatements.length,
      blocking: failures.map((f) => f.id),
      warnings: checks.filter((c) => c.status === 'fail' && c.severity === 'warning').map((c) => c.id),
    },
    checks,
    anomalies,
    bridges,
    groupBridges: grouped,
    restatements,
    redline: context.redline ?? null,
  };
  const trail: RecordTrail = {
    bridges: new Map(scan.metrics.map((m) => [m.metric.id, m.keys])),
    anomalies: new Map(scan.anomalies.map((a) => [a.id, a.keys])),
    located: scan.located,
  };
  return { review, trail, failures };
}

/** The bridge is computed from the records, metrics.json by counting: they agree, or there is a bug. */
function assertMatchesMetrics(id: string, bridge: Bridge, metrics: PeriodMetrics): void {
  const metric = metrics.metrics[id];
  const prior = metric?.prior ?? 0;
  if (!metric || rollForward(bridge) !== bridge.value || bridge.value !== metric.value || bridge.prior !== prior) {
    throw new Error(`bridge of ${id} does not end on metrics.json: ${JSON.stringify(bridge)} against ${JSON.stringify(metric)}`);
  }
}

/** One sentence per anomaly, for the refusal of a final build and the review page. */
export function anomalySentence(anomaly: Pick<AnomalyScan, 'field' | 'kind' | 'keys'>, fields: Snapshot['fields']): string {
  const label = fields.find((f) => f.name === anomaly.field)?.label ?? anomaly.field;
  const count = anomaly.keys.length;
  const records = `${formatNumber(count)} ${count === 1 ? 'record' : 'records'}`;
  switch (anomaly.kind) {
    case 'changed':
      return `${records} whose ${label} changed, which is declared not to change`;
    case 'cleared':
      return `${records} whose ${label} was cleared, which is declared never to be cleared`;
    case 'future':
      return `${records} dated after the snapshot day (${label})`;
    case 'removed':
      return `${records} that counted in the prior period and ${count === 1 ? 'is' : 'are'} gone from the snapshot`;
  }
}

function restatedPeriods(restatements: Restatement[]): ReviewFailure[] {
  const byPeriod = new Map<string, Restatement[]>();
  for (const r of restatements) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  return [...byPeriod].map(([period, figures]) => ({ id: `restated.${period}`, message: `figures filed for ${period} have changed: ${describeRestatements(figures)}` }));
}

export { describeRestatements };
export type * from './types.js';
