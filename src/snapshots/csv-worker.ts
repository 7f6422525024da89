/**
 * Worker thread entry of loadCsvOffThread: loads one CSV snapshot and sends
 * its columns back. The job comes as workerData, or as the first message
 * to a thread started ahead of it (startLoaderThreads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { snapshotToParts } from './columnar.js';
import { loadCsvColumnar } from './csv-columnar.js';
import type { LoadJob } from './csv-off-thread.js';

function load({ file, source, period }: LoadJob): void {
  const snapshot = loadCsvColumnar(file, source, period);
  if (snapshot === null) parentPort!.postMessage(null);
  else {
    const { parts, transfer } = snapshotToParts(snapshot);
    parentPort!.postMessage(parts, transfer);
  }
}

if (workerData) load(workerData as LoadJob);
else parentPort!.once('message', load);
