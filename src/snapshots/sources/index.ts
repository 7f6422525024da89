/**
 * Where snapshots come from: files in several formats, or a database query.
 * Every source gives its cells to the shared typing step (tabular.ts), so
 * coercion, messages and the Snapshot are the same whatever the source; the
 * rest of the pipeline sees only `readSnapshot`.
 */
import type { SnapshotSource } from '../../config/types.js';
import { readFileSnapshot } from './files.js';
import type { ReadSnapshotOptions, SourcedSnapshot } from './types.js';

export async function readSnapshot(source: SnapshotSource, period: string, options: ReadSnapshotOptions = {}): Promise<SourcedSnapshot> {
  if (source.sql) {
    // The drivers load only when a config reads a database.
    const { readQuerySnapshot } = await import('./sql/index.js');
    return readQuerySnapshot(source, source.sql, period, options);
  }
  return readFileSnapshot(source, period, options);
}

export { findSnapshotFile, locateSnapshotFile, snapshotCandidates, snapshotFilesThere } from './locate.js';
export type { FileOrigin, QueryOrigin, ReadSnapshotOptions, SnapshotOrigin, SourcedSnapshot } from './types.js';
