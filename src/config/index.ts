export { loadConfig, type LoadConfigOptions } from './load.js';
export { reportDefinition, type ReportDefinition, type Filter } from './schema.js';
export type { ResolvedConfig, MetricSpec, EventSpec } from './types.js';
export * from './periods.js';
