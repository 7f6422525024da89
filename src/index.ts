/** court-report's public API: the pipeline's stages, usable without the CLI. */
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export { reportDefinition, type ReportDefinition } from './config/schema.js';
export type { ResolvedConfig } from './config/types.js';
export { periodOf, periodRange, latestPeriod, addDaysUnderRule6, type Period } from './config/periods.js';
export { loadSnapshot } from './snapshots/load.js';
export type { Snapshot, Value, FieldSpec } from './snapshots/types.js';
export { diffSnapshots, type DiffInput } from './diff/diff.js';
export type { PeriodDiff, FieldChanges, Transition } from './diff/types.js';
export { countMetrics, compareMetrics } from './metrics/metrics.js';
export { compileFilter } from './metrics/filter.js';
export type { PeriodMetrics, MetricValue } from './metrics/types.js';
export { compileTemplates } from './render/engine.js';
export { buildReportView } from './render/report-view.js';
export type { ReportView } from './render/types.js';
export { Printer, findChrome, stampPdf } from './pdf/index.js';
export { buildReports, renderPeriod, checkPeriod, type BuildOptions, type PeriodResult } from './pipeline.js';
export { SnapshotStore } from './snapshot-store.js';
export { UserError, type Problem, type SourceLocation } from './errors.js';
