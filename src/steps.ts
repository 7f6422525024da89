/**
 * Long computations written as steps, so one body runs both ways: straight
 * through for library callers and tests, or pausing now and then for the
 * command line. A pause lets the event loop run, and with it the handlers of
 * Ctrl-C and SIGTERM (src/interrupt.ts): a diff or a review of millions of
 * records otherwise holds a signal until it ends.
 *
 * A step function is a generator that yields at points where pausing is safe
 * (between a column's passes, every so many rows) and returns its result.
 */
export type Steps<T> = Generator<void, T, void>;

/** Rows a loop goes through between pause points: a few milliseconds of work. */
export const ROWS_PER_STEP = 1 << 16;

/** Runs the steps to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** How long the steps may run before they let the event loop in. */
const SLICE_MS = 50;

/**
 * Runs the steps, letting the event loop run (signals, timers) every SLICE_MS or so; work done
 * beside Chrome printing pauses more often (sliceMs), so its requests are answered at once.
 */
export async function runStepsPausing<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resume) => setImmediate(resume));
      sliceStart = performance.now();
    }
  }
}
