import type { CourtFormat } from '../config/local-rules.js';
import type { CaseInfo, Declarant, DocumentKind, Filer } from '../config/schema.js';
import type { PeriodDiff } from '../diff/types.js';

/** A period as templates see it. */
export interface PeriodView {
  /** YYYY-MM */
  id: string;
  /** "May 2024" */
  label: string;
  /** YYYY-MM-DD */
  start: string;
  end: string;
  /** Day the snapshot was taken as of, YYYY-MM-DD. */
  snapshotDate: string;
  /** Due date, YYYY-MM-DD, when the config has a due rule. */
  dueDate: string | null;
}

export interface GroupView {
  name: string;
  value: number;
  prior: number | null;
  delta: number | null;
}

/** A metric as templates see it. Grouped metrics have `groups` and their totals in value/prior/delta. */
export interface MetricView {
  id: string;
  label: string;
  value: number;
  prior: number | null;
  delta: number | null;
  groups: GroupView[] | null;
}

export interface EventView {
  id: string;
  label: string;
  count: number;
}

/** One earlier (or the current) period's headline figures, for trend charts and tables. */
export interface HistoryPoint {
  period: PeriodView;
  /** Ungrouped metric values by id. */
  values: Record<string, number>;
}

/** A figure of an earlier report, revised. */
export interface RestatementView {
  period: PeriodView;
  /** The metric's label. */
  metric: string;
  group: string | null;
  filed: number;
  recomputed: number;
}

/** Everything a report template can use. Built by the pipeline; no template reads files or the clock. */
export interface ReportView {
  case: CaseInfo & { captionNumber: string };
  /** The first signing attorney (signs the certificate of service). */
  filer: Filer;
  /** Every signing attorney: co-counsel blocks. */
  filers: Filer[];
  /** The official who declares, for a declaration or a notice with one; else null. */
  declarant: Declarant | null;
  document: {
    /** status-report, declaration or notice-with-declaration: the layout renders the partial of that name. */
    kind: DocumentKind;
    title: string;
    /** Parties served by mail besides CM/ECF, or null for CM/ECF only. */
    serviceByMail: Array<{ name: string; address: string[] }> | null;
    /** "DECLARATION OF JOHN Q. OFFICIAL", or null when there is no declarant. */
    declarationTitle: string | null;
    filingParty: string;
    /** The opening's verb, agreeing with filingParty: "submit" or "submits". */
    submits: string;
    /** Watermark text on every page, or null for a clean final report. */
    watermark: string | null;
    final: boolean;
  };
  /** The filing date (the build's --as-of), YYYY-MM-DD. */
  asOf: string;
  period: PeriodView;
  priorPeriod: PeriodView | null;
  metrics: Record<string, MetricView>;
  events: Record<string, EventView>;
  diff: Pick<PeriodDiff, 'counts'>;
  /** Every period from the first through this one, oldest first. */
  history: HistoryPoint[];
  /** Figures filed in earlier reports that the data now gives differently (empty when none). */
  restatements: RestatementView[];
  /** The same figures by the period whose report filed them, oldest first: what the partial `restatements` says. */
  restatedPeriods: Array<{ period: PeriodView; figures: RestatementView[] }>;
  format: CourtFormat;
}
