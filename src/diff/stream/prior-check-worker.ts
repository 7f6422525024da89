/** Worker thread entry of startPriorCheck. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SnapshotSource } from '../../config/types.js';
import { checkPrior } from './prior-check.js';

const { file, source } = workerData as { file: string; source: SnapshotSource };
const check = checkPrior(file, source);
parentPort!.postMessage(check, check.slots ? [check.slots.buffer] : []);
