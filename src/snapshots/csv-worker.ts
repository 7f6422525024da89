/** Worker thread entry of loadCsvOffThread: loads one CSV snapshot and sends its columns back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SnapshotSource } from '../config/types.js';
import { snapshotToParts } from './columnar.js';
import { loadCsvColumnar } from './csv-columnar.js';

const { file, source, period } = workerData as { file: string; source: SnapshotSource; period: string };
const snapshot = loadCsvColumnar(file, source, period);
if (snapshot === null) parentPort!.postMessage(null);
else {
  const { parts, transfer } = snapshotToParts(snapshot);
  parentPort!.postMessage(parts, transfer);
}
