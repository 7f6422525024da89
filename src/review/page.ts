/**
 * What the review page (review.html, review.pdf) shows, from the review:
 * a summary line a supervisor reads first, then each section. Pure.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { PeriodMetrics } from '../metrics/types.js';
import { periodView } from '../render/report-view.js';
import type { Period } from '../config/periods.js';
import type { Snapshot } from '../snapshots/types.js';
import { anomalySentence } from './index.js';
import type { Redline } from './redline/index.js';
import type { Bridge, PeriodReview } from './types.js';

/** Masked keys shown per anomaly on the page; review.json and the workpapers list all. */
const KEYS_SHOWN = 25;

export function reviewPageView(input: {
  config: ResolvedConfig;
  review: PeriodReview;
  metrics: PeriodMetrics;
  period: Period;
  priorPeriod: Period | null;
  asOf: string;
  fields: Snapshot['fields'];
  redline: Redline | null;
}) {
  const { config, review, metrics } = input;
  const label = (id: string) => metrics.metrics[id]?.label ?? id;
  const { summary } = review;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const line = [
    `Checks: ${summary.checksPassed} passed, ${summary.checksFailed} failed`,
    plural(review.anomalies.length, 'anomaly', 'anomalies'),
    plural(review.restatements.length, 'restated figure', 'restated figures'),
    summary.blocking.length === 0 ? 'nothing blocks filing' : `build --final refuses until accepted: ${summary.blocking.join(', ')}`,
  ].join(' · ');
  const bridgeRow = (name: string, bridge: Bridge) => ({ name, label: name, ...bridge });
  return {
    caseTitle: `${config.case.plaintiffs.names[0]} v. ${config.case.defendants.names[0]}${config.case.defendants.etAl ? ', et al.' : ''}`,
    caseNumber: config.caseNumber,
    paper: config.output.format.paper,
    period: periodView(input.period),
    priorPeriod: input.priorPeriod ? periodView(input.priorPeriod) : null,
    asOf: input.asOf,
    summary: line,
    checks: review.checks,
    anomalies: review.anomalies.map((a) => ({
      ...a,
      sentence: anomalySentence({ field: a.field, kind: a.kind, keys: a.keys }, input.fields),
      keys: a.keys.slice(0, KEYS_SHOWN).join(', ') + (a.keys.length > KEYS_SHOWN ? `, and ${a.keys.length - KEYS_SHOWN} more (see review.json)` : ''),
    })),
    restatements: review.restatements.map((r) => ({ ...r, metric: label(r.metric), group: r.group ?? null })),
    bridges: Object.entries(review.bridges).map(([id, bridge]) => ({ ...bridgeRow(id, bridge), label: label(id) })),
    groupBridges: Object.entries(review.groupBridges).map(([id, groups]) => ({
      id,
      label: label(id),
      groups: Object.entries(groups).map(([name, bridge]) => bridgeRow(name, bridge)),
    })),
    redline: input.redline,
  };
}

export type ReviewPageView = ReturnType<typeof reviewPageView>;
