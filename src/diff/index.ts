export { diffSnapshots, diffSnapshotsPausing, compareValues, type DiffInput } from './diff.js';
export type { PeriodDiff, FieldChanges, Transition } from './types.js';
