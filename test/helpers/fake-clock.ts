import { afterEach, beforeEach, vi } from "vitest";

/** Longer than the pace of streamed text (50 ms), a frame (the fallback timer is 16 ms) and the store's start delay (0 ms). */
const SETTLE_MS = 70;

/** Runs the tests of the calling file on vitest's fake timers (and fake Date). */
export function installFakeClock(): void {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
}

/**
 * Moves fake time past the next frame: every timer due by then runs, and every promise chain
 * they (or the test) started runs to completion, since no fake transport waits on real I/O.
 * Afterwards, what has not happened will not happen without a new input.
 */
export async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(SETTLE_MS);
}

/**
 * A `scheduleTimeout` for the store that the test runs by hand: `run()` runs every callback queued
 * so far, in order (delays are ignored: only the order matters to these tests).
 */
export function manualTimeouts() {
  const queue: (() => void)[] = [];
  return {
    scheduleTimeout(callback: () => void): () => void {
      queue.push(callback);
      return () => {
        const i = queue.indexOf(callback);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    run(): void {
      for (const callback of queue.splice(0)) callback();
    },
  };
}
