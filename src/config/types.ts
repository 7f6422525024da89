import type { Problem } from '../errors.js';
import type { CaseInfo, CheckDefinition, CsvDelimiter, Declarant, DocumentKind, EventDefinition, FieldExpectation, Filer, Filter, FormatOptions, MetricDefinition, SnapshotEncoding, SqlDriver } from './schema.js';
import type { CourtFormat } from './local-rules.js';
import type { SourceLocation } from '../errors.js';
import type { FieldSpec } from '../snapshots/types.js';

/** A report definition with defaults applied and every path absolute. */
export interface ResolvedConfig {
  /** Absolute path of the YAML file. */
  file: string;
  /** Folder of the YAML file; relative paths in it start here. */
  dir: string;
  id: string;
  case: CaseInfo;
  /** Case number as captioned, with the judges' initials: 3:23-cv-9962-TKW-ZCB. */
  caseNumber: string;
  /** The first of filers: signs the certificate of service, is the PDF's author. */
  filer: Filer;
  /** Every signing attorney, in the order given. */
  filers: Filer[];
  /** Who signs the declaration, for the kinds that have one. */
  declarant: Declarant | undefined;
  periods: PeriodRules;
  snapshots: SnapshotSource;
  metrics: MetricSpec[];
  events: EventSpec[];
  /** What `review` checks before filing: declared checks and field expectations. */
  review: ReviewRules;
  template: TemplateSource;
  output: OutputOptions;
  /** privacy.allow: pii values that may be printed. */
  privacy: { allow: string[] };
  /** init's `[placeholders]` still in the caption, signers or title: a final build refuses them. */
  placeholders?: Problem[];
  /** Where parts of the definition are, for a problem found after it was read (a calendar without periods.due, a period after periods.last). */
  locations?: { periods: SourceLocation; first: SourceLocation; last?: SourceLocation };
}

export interface PeriodRules {
  first: string;
  last: string | undefined;
  snapshotDay: number | 'last';
  /** `holidays`: days the court was closed besides the federal holidays. */
  due: ({ daysAfterSnapshot: number } | { dayOfFollowingMonth: number }) & { holidays?: string[] } | undefined;
}

export interface SnapshotSource {
  /** Absolute paths with `{period}` in them, tried in order; empty for a database source. */
  pathPatterns: string[];
  /** Where snapshots.path and each of its patterns are in the config, for messages about the files they name. */
  pathLocations?: PathLocations | undefined;
  /** A database query instead of files. */
  sql?: SqlSource | undefined;
  /** Text snapshots: undefined means UTF-8, or UTF-16 by its byte order mark. */
  encoding?: SnapshotEncoding | undefined;
  /** CSV: undefined means a comma. */
  delimiter?: CsvDelimiter | undefined;
  /** JSON/YAML: property names leading to the list of records. */
  root?: string[] | undefined;
  sheet: string | undefined;
  key: string;
  fields: FieldSpec[];
}

export interface PathLocations {
  /** The `path` key of snapshots: a problem of the whole list (two of its files for one month). */
  key: SourceLocation;
  /** Each pattern's value, by its absolute pattern (a source narrowed to one file still finds its line). */
  patterns: Record<string, SourceLocation>;
}

export interface SqlSource {
  driver: SqlDriver;
  /** As written: `env:NAME`, a URL, or (sqlite) a path. Read and masked only in snapshots/sources/sql. */
  url: string;
  query: string;
  /** Folder a relative sqlite path starts from: the config's. */
  dir: string;
  /** periods.snapshotDay, for the :snapshotDate parameter. */
  snapshotDay: number | 'last';
  /** Where `snapshots.sql.url` is in the config, for connection messages. */
  location: SourceLocation;
  /** Where `snapshots.sql.query` is in the config. */
  queryLocation: SourceLocation;
}

export interface MetricSpec extends MetricDefinition {
  id: string;
}

export interface EventSpec extends Omit<EventDefinition, 'change'> {
  id: string;
  change: NonNullable<EventDefinition['change']>;
}

export interface CheckSpec extends CheckDefinition {
  id: string;
}

export interface ReviewRules {
  checks: CheckSpec[];
  /** Fields declared `expect: fixed` or `expect: setOnce`, in field order. */
  expectations: Array<{ field: string; expect: FieldExpectation }>;
}

export interface TemplateSource {
  /** Absolute folder with layout.hbs, partials/ and assets. */
  dir: string;
  /** Absolute folder each file that dir lacks is taken from (the bundled template), when dir is the user's. */
  fallbackDir?: string;
  /** Absolute path of the body template. */
  body: string;
  /** Parties served by mail as well as CM/ECF; empty for CM/ECF only. */
  serviceByMail?: Array<{ name: string; address: string[] }>;
  /** What is filed; each kind is a partial of the template folder named after it. */
  kind: DocumentKind;
  title: string;
  filingParty: string;
  /** "Defendants submit" (true) or "Defendant submits" (false). */
  filingPartyPlural: boolean;
  /** Existing PDFs appended after the body's exhibits, in order. */
  exhibits?: PdfExhibitSource[];
}

/** An existing PDF appended as an exhibit. */
export interface PdfExhibitSource {
  title: string;
  /** Absolute path of the PDF. */
  pdf: string;
  /** A cover page printed before its pages. */
  cover: boolean;
}

export interface OutputOptions {
  /** Absolute output folder; each period writes into <dir>/<period>/. */
  dir: string;
  pdf: boolean;
  /** Also write report.docx. */
  docx: boolean;
  /** Watermark set by the config, printed even in final reports. */
  watermark: string | undefined;
  maskVisible: number;
  /** PDF/A level of the PDF, or false for Chrome's plain PDF 1.4. */
  pdfa: '1b' | '2b' | false;
  /** The preset with output.format on top. */
  format: CourtFormat;
}

export type { Filter };
