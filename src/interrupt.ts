/**
 * One way out on Ctrl-C and SIGTERM, for every command, whatever it is
 * waiting on (a snapshot loading on a thread, a database query, Chrome
 * printing, another build's lock). Waiting for each step to notice an abort
 * would stop only as fast as its slowest wait, and a wait the step forgot
 * would hang; so the process exits at once, after:
 *
 * - the writes that must not be cut in two (a period's set of files being
 *   renamed into place) have finished: they run inside `uninterrupted()`;
 * - every resource that outlives the process unless undone has been undone,
 *   synchronously: the output-folder lock, Chrome's process group and
 *   profile, scratch folders. Their owners register them with `onInterrupt()`
 *   while they hold them.
 *
 * A second signal exits at once, without waiting for the writes in progress.
 * Library callers that never call `exitOnSignals()` only pay for a Set.
 */

/** The run was stopped by a signal; finished periods stay, the running one was not written. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
  get exitCode(): number {
    return this.signal === 'SIGINT' ? 130 : 143;
  }
}

const controller = new AbortController();

/** Aborted when a signal stops the process (its reason an Interrupted), for steps that check between their parts. */
export const interruptSignal: AbortSignal = controller.signal;

const cleanups = new Set<() => void>();
const inProgress = new Set<Promise<unknown>>();

/**
 * Registers a synchronous undo that runs if a signal stops the process
 * (it must not throw, nor wait). Call the returned function once the resource
 * is released the ordinary way.
 */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/**
 * Runs work that an exit must not cut in two: a signal arriving meanwhile
 * waits for it. Once a signal has come, no such work starts.
 */
export async function uninterrupted<T>(work: () => Promise<T>): Promise<T> {
  interruptSignal.throwIfAborted();
  const running = work();
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  inProgress.add(settled);
  try {
    return await running;
  } finally {
    inProgress.delete(settled);
  }
}

/** Runs every registered undo, newest first; one that fails does not stop the others. */
function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: the process is leaving; the others must still run.
    }
  }
}

/**
 * Makes SIGINT and SIGTERM stop the process: `exit` is called with the
 * Interrupted once the writes in progress are done and the undos have run.
 */
export function exitOnSignals(exit: (interrupted: Interrupted) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const interrupted = new Interrupted(signal);
    if (stopping) {
      // Asked twice: leave now, even in the middle of a write.
      runCleanups();
      exit(interrupted);
      return;
    }
    stopping = true;
    controller.abort(interrupted);
    void Promise.all(inProgress).then(() => {
      runCleanups();
      exit(interrupted);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
