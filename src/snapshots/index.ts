/** Snapshots stage: a period's case-data file, read into typed, keyed records. */
export { loadSnapshot, snapshotPath, type LoadSnapshotOptions } from './load.js';
export { coerceValue, describeExpected, type Coercion, type CoercionProblem } from './coerce.js';
export { closest, levenshtein } from './did-you-mean.js';
export type { FieldSpec, Snapshot, Value } from './types.js';
