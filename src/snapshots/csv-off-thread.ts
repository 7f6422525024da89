/**
 * Loads a large CSV snapshot on a worker thread, so that a build's two
 * snapshots (current and prior) load at once on two cores while the main
 * thread compiles templates. The columns come back as transferred buffers,
 * not copies; only text dictionaries are cloned.
 */
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { previousMonth } from '../config/periods.js';
import type { SnapshotSource } from '../config/types.js';
import { UserError } from '../errors.js';
import { snapshotFromParts, type SnapshotParts } from './columnar.js';
import { loadCsvColumnar } from './csv-columnar.js';
import { snapshotCandidates } from './sources/locate.js';
import type { Snapshot } from './types.js';

/** Below this a thread costs more (its start, ~30 ms) than it saves. */
const OFF_THREAD_MIN_BYTES = 8 << 20;

/**
 * Memory a loaded snapshot takes per byte of its CSV file, measured: 1.4 at
 * 7,000,000 records of the example's ten fields (more text, less per byte).
 */
const MEMORY_PER_FILE_BYTE = 1.5;

/** A snapshot that would not fit in this machine's memory is a clear error before loading, not a crash while loading. */
export function refuseTooLarge(shownAs: string, period: string, bytes: number, memory = totalmem()): void {
  const needed = bytes * MEMORY_PER_FILE_BYTE;
  const available = memory * 0.8;
  if (needed <= available) return;
  const gigabytes = (value: number) => (value / 2 ** 30).toFixed(1);
  throw new UserError({
    location: { file: shownAs },
    message: `the snapshot for ${period} is ${gigabytes(bytes)} GB; loading it needs about ${gigabytes(needed)} GB of memory, more than this machine's ${gigabytes(memory)} GB allows`,
    hint: 'build on a machine with more memory, or export fewer fields',
  });
}

/** Worker threads run compiled JavaScript only: from TypeScript sources (tests) the load runs in this thread. */
const canUseWorker = import.meta.url.endsWith('.js');

/** What a loader thread is asked to load. */
export interface LoadJob {
  file: string;
  source: SnapshotSource;
  period: string;
}

/** Threads started ahead of their job, so that a thread's start (its isolate, its code) overlaps reading the config. */
const waiting: Array<{ worker: Worker; drop: () => void }> = [];

/**
 * Starts `count` loader threads now, for loads that will come soon (the
 * diff command's two snapshots). A thread no load takes does not keep the
 * process alive.
 */
export function startLoaderThreads(count: number): void {
  if (!canUseWorker) return;
  while (waiting.length < count) {
    const worker = new Worker(workerUrl());
    worker.unref();
    // A thread that failed to start is not handed a job.
    const drop = () => {
      const at = waiting.findIndex((entry) => entry.worker === worker);
      if (at >= 0) waiting.splice(at, 1);
    };
    worker.once('error', drop);
    worker.once('exit', drop);
    waiting.push({ worker, drop });
  }
}

/**
 * Starts the loader threads a build or review of `period` will take, now, when its
 * snapshots are large enough to load on them: their start then overlaps the command's
 * own (the browser, the templates). Nothing for small files: the example's build would
 * pay two thread starts on two cores that Chrome is booting on.
 */
export function startLoaderThreadsFor(source: SnapshotSource, period: string | undefined, firstPeriod: string): void {
  if (period === undefined || source.pathPatterns.length === 0) return;
  const months = period > firstPeriod ? [period, previousMonth(period)] : [period];
  const large = months.filter((month) =>
    snapshotCandidates(source, month).some((candidate) => {
      try {
        const stats = statSync(candidate, { throwIfNoEntry: false });
        return stats !== undefined && stats.isFile() && stats.size >= OFF_THREAD_MIN_BYTES;
      } catch {
        // Only a guess ahead of the load, which says what is wrong with the path.
        return false;
      }
    }),
  );
  if (large.length > 0) startLoaderThreads(large.length);
}

/** Threads started ahead and not yet given a load (the tests read it). */
export function idleLoaderThreads(): number {
  return waiting.length;
}

function workerUrl(): URL {
  return new URL('./csv-worker.js', import.meta.url);
}

/** A started thread given the job, or a new thread with it. */
function loaderThread(job: LoadJob): Worker {
  const entry = waiting.shift();
  if (!entry) return new Worker(workerUrl(), { workerData: job });
  const { worker, drop } = entry;
  worker.off('error', drop);
  worker.off('exit', drop);
  worker.ref();
  worker.postMessage(job);
  return worker;
}

/** As loadCsvColumnar: the snapshot, or null when the full loader must read the file. */
export async function loadCsvOffThread(file: string, source: SnapshotSource, period: string, shownAs = file, minBytes = OFF_THREAD_MIN_BYTES): Promise<Snapshot | null> {
  const stats = statSync(file, { throwIfNoEntry: false });
  // Missing, a FIFO or a device (which opening could block on): the full loader says what it is.
  if (!stats?.isFile()) return null;
  const bytes = stats.size;
  refuseTooLarge(shownAs, period, bytes);
  if (!canUseWorker || bytes < minBytes) {
    // Read here, in one piece: first a turn of the event loop, so that what has come in meanwhile (the
    // browser's replies while it sets its page up) is handled now rather than after the load.
    await new Promise((resolve) => setImmediate(resolve));
    return loadCsvColumnar(file, source, period);
  }
  const worker = loaderThread({ file, source, period });
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
    // Not waited for: the snapshot is here, and a thread's teardown (freeing its heap) took up to
    // ~30 ms, which the diff waited for before it could start.
    void worker.terminate();
  }
}
