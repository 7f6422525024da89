/** Reads a period's snapshot, from whichever source the config names, into a typed Snapshot. */
import type { SnapshotSource } from '../config/types.js';
import { readSnapshot, type ReadSnapshotOptions } from './sources/index.js';
import type { Snapshot } from './types.js';

export type LoadSnapshotOptions = ReadSnapshotOptions;

/** Reads the snapshot of `period`; every problem in it is reported in one UserError. */
export async function loadSnapshot(source: SnapshotSource, period: string, options: LoadSnapshotOptions = {}): Promise<Snapshot> {
  return (await readSnapshot(source, period, options)).snapshot;
}

export { findSnapshotFile, locateSnapshotFile, snapshotCandidates } from './sources/index.js';
