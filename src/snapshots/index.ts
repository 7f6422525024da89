/** Snapshots stage: a period's case-data file, read into typed, keyed records. */
export { loadSnapshot, locateSnapshotFile, type LoadSnapshotOptions } from './load.js';
export { readSnapshot, type SnapshotOrigin, type SourcedSnapshot } from './sources/index.js';
export { coerceValue, describeExpected, type Coercion, type CoercionProblem } from './coerce.js';
export { closest, levenshtein } from './did-you-mean.js';
export { SnapshotBuilder, snapshotOfRecords, type SnapshotHead } from './columnar.js';
export { dayToIso, isoToDay } from './days.js';
export { NO_DAY, type BooleanColumn, type Column, type DayColumn, type FieldSpec, type NumberColumn, type Snapshot, type TextColumn, type Value } from './types.js';
