export { countMetrics, compareMetrics, NOT_RECORDED, type Count, type PeriodBounds } from './metrics.js';
export { compileFilter, type RecordPredicate, type FilterContext } from './filter.js';
export type { PeriodMetrics, MetricValue, GroupCounts } from './types.js';
