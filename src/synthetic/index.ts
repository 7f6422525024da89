/** In-process API of the synthetic data generator, for tests and benchmarks. */
export { generateCohort, MAX_COHORT_SIZE, type Cohort, type CohortOptions, type Person, type ExitType } from './cohort.js';
export { snapshotRows, type SnapshotRow, type CustodyStatus } from './snapshot.js';
export { snapshotCsv, writeSnapshotCsv, SNAPSHOT_COLUMNS, quoteCell } from './csv.js';
export { generateExample, EXAMPLE_FIRST_MONTH, EXAMPLE_LAST_MONTH, type ExampleOptions } from './example.js';
export { COHORT_SIZE, DEFAULT_SEED, MONTH_TARGETS } from './plan.js';
export { monthEnd, monthsBetween } from './calendar.js';
