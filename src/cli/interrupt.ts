/**
 * Ctrl-C and SIGTERM must stop a build promptly, whatever it is waiting on:
 * a large snapshot being read, a diff of millions of records. The pipeline
 * checks the signal between steps, which can be seconds apart; so once the
 * signal comes, the command stops waiting for it, unless a period's outputs
 * are being written at that moment (their temp files exist), which takes
 * milliseconds and must finish or roll back whole.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PendingWrites } from '../output/atomic.js';

/** How often a stopped build looks whether a write is still in progress. */
const POLL_MS = 25;

/** `work`'s result; or, once `signal` aborts, its reason as soon as no output is being written. */
export async function untilInterrupted<T>(work: Promise<T>, signal: AbortSignal, pending: PendingWrites): Promise<T> {
  let settled = false;
  const tracked = work.finally(() => {
    settled = true;
  });
  const stopped = new Promise<never>((_, reject) => {
    const stop = async () => {
      while (!settled && pending.files.size > 0) await sleep(POLL_MS);
      reject(signal.reason);
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
  });
  stopped.catch(() => undefined);
  tracked.catch(() => undefined);
  return Promise.race([tracked, stopped]);
}
