/**
 * Loads a large CSV snapshot on a worker thread, so that a build's two
 * snapshots (current and prior) load at once on two cores while the main
 * thread compiles templates. The columns come back as transferred buffers,
 * not copies; only text dictionaries are cloned.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SnapshotSource } from '../config/types.js';
import { snapshotFromParts, type SnapshotParts } from './columnar.js';
import { loadCsvColumnar } from './csv-columnar.js';
import type { Snapshot } from './types.js';

/** Below this a thread costs more (its start, ~30 ms) than it saves. */
const OFF_THREAD_MIN_BYTES = 8 << 20;

/** Worker threads run compiled JavaScript only: from TypeScript sources (tests) the load runs in this thread. */
const canUseWorker = import.meta.url.endsWith('.js');

/** As loadCsvColumnar: the snapshot, or null when the full loader must read the file. */
export async function loadCsvOffThread(file: string, source: SnapshotSource, period: string, minBytes = OFF_THREAD_MIN_BYTES): Promise<Snapshot | null> {
  const bytes = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (!canUseWorker || bytes < minBytes) return loadCsvColumnar(file, source, period);
  const worker = new Worker(new URL('./csv-worker.js', import.meta.url), { workerData: { file, source, period } });
  try {
    const parts = await new Promise<SnapshotParts | null>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the snapshot loader thread stopped with exit code ${code}`)));
    });
    if (parts === null) return null;
    const keyIndex = source.fields.findIndex((field) => field.name === source.key);
    return snapshotFromParts({ period, file, fields: source.fields, keyIndex }, parts);
  } finally {
    await worker.terminate();
  }
}
