import { describe, expect, it } from 'vitest';
import { runSteps, runStepsPausing, type Steps } from '../src/steps.js';

/** Busy for `ms` per step, `count` steps, returning how many ran. */
function* busy(count: number, ms: number): Steps<number> {
  for (let step = 0; step < count; step++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield;
  }
  return count;
}

describe('steps', () => {
  it('run straight through give the result', () => {
    expect(runSteps(busy(3, 0))).toBe(3);
  });

  it('run pausing give the same result and let the event loop in meanwhile (where a signal handler runs)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // 30 steps of 10 ms: 300 ms of work; straight through no timer could fire.
    const result = await runStepsPausing(busy(30, 10));
    clearInterval(timer);
    expect(result).toBe(30);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
