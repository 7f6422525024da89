/**
 * Builds what a template sees from the pipeline's results. Pure: no files,
 * no clock. Grouped metrics become ordered lists so templates keep the order.
 */
import { periodOf, type Period } from '../config/periods.js';
import { declarationTitle } from '../config/document-check.js';
import type { ResolvedConfig } from '../config/types.js';
import type { PeriodDiff } from '../diff/types.js';
import type { GroupCounts, MetricValue, PeriodMetrics } from '../metrics/types.js';
import type { Restatement } from '../review/types.js';
import type { EventView, HistoryPoint, MetricView, PeriodView, ReportView, RestatementView } from './types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(id: string): string {
  return `${MONTHS[Number(id.slice(5, 7)) - 1]} ${id.slice(0, 4)}`;
}

export function periodView(period: Period): PeriodView {
  return { ...period, label: monthLabel(period.id) };
}

export interface ReportViewInput {
  config: ResolvedConfig;
  period: Period;
  priorPeriod: Period | null;
  metrics: PeriodMetrics;
  diff: PeriodDiff;
  /** Ungrouped metric values of every period so far, oldest first. */
  history: Array<{ period: Period; values: Record<string, number> }>;
  asOf: string;
  /** The watermark to print, already decided from --final and the config. */
  watermark: string | null;
  final: boolean;
  /** Figures of earlier reports that the data now gives differently. */
  restatements?: Restatement[];
}

export function buildReportView(input: ReportViewInput): ReportView {
  const { config } = input;
  const metrics: Record<string, MetricView> = {};
  for (const [id, metric] of Object.entries(input.metrics.metrics)) metrics[id] = metricView(id, metric);
  const events: Record<string, EventView> = {};
  for (const event of config.events) {
    events[event.id] = { id: event.id, label: event.label, count: input.diff.events[event.id] ?? 0 };
  }
  const restatements: RestatementView[] = (input.restatements ?? []).map((r) => ({
    period: periodView(periodOf(r.period, config.periods)),
    metric: input.metrics.metrics[r.metric]?.label ?? r.metric,
    group: r.group ?? null,
    filed: r.filed,
    recomputed: r.recomputed,
  }));
  const history: HistoryPoint[] = input.history.map((point) => ({ period: periodView(point.period), values: point.values }));
  return {
    case: { ...config.case, captionNumber: config.caseNumber },
    filer: config.filer,
    filers: config.filers,
    declarant: config.declarant ?? null,
    document: {
      kind: config.template.kind,
      title: config.template.title,
      serviceByMail: config.template.serviceByMail?.length ? config.template.serviceByMail : null,
      // A declaration filed alone is headed by its own title (DECLARATION OF <NAME> unless
      // template.title says otherwise), the one its footer and PDF properties carry too;
      // a notice's Exhibit 1 is always the declaration of its declarant.
      declarationTitle: !config.declarant
        ? null
        : config.template.kind === 'declaration'
          ? config.template.title
          : declarationTitle(config.declarant.name),
      filingParty: config.template.filingParty,
      submits: config.template.filingPartyPlural ? 'submit' : 'submits',
      watermark: input.watermark,
      final: input.final,
    },
    asOf: input.asOf,
    period: periodView(input.period),
    priorPeriod: input.priorPeriod ? periodView(input.priorPeriod) : null,
    metrics,
    events,
    diff: { counts: input.diff.counts },
    history,
    restatements,
    restatedPeriods: byPeriod(restatements),
    format: config.output.format,
  };
}

/** Restated figures by the period that filed them, oldest period first. */
function byPeriod(restatements: RestatementView[]): ReportView['restatedPeriods'] {
  const periods = new Map<string, ReportView['restatedPeriods'][number]>();
  for (const r of restatements) {
    if (!periods.has(r.period.id)) periods.set(r.period.id, { period: r.period, figures: [] });
    periods.get(r.period.id)!.figures.push(r);
  }
  return [...periods.values()].sort((a, b) => (a.period.id < b.period.id ? -1 : 1));
}

function metricView(id: string, metric: MetricValue): MetricView {
  if (typeof metric.value === 'number') {
    return {
      id,
      label: metric.label,
      value: metric.value,
      prior: metric.prior as number | null,
      delta: metric.delta as number | null,
      groups: null,
    };
  }
  const prior = metric.prior as GroupCounts | null;
  const groups = Object.keys(metric.value).map((name) => {
    const value = metric.value as GroupCounts;
    const priorValue = prior ? (prior[name] ?? 0) : null;
    return { name, value: value[name] ?? 0, prior: priorValue, delta: priorValue === null ? null : (value[name] ?? 0) - priorValue };
  });
  const total = groups.reduce((sum, g) => sum + g.value, 0);
  const priorTotal = prior ? groups.reduce((sum, g) => sum + (g.prior ?? 0), 0) : null;
  return { id, label: metric.label, value: total, prior: priorTotal, delta: priorTotal === null ? null : total - priorTotal, groups };
}
