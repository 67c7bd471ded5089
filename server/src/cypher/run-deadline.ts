import { CypherExecutionError, type CypherRunOptions } from "./executor.js";

/** A positive whole number of ms (Kuzu and Bolt need one) that timers can hold (at most 2^31-1). */
export function clampTimeout(timeoutMs: number): number {
  if (!(timeoutMs > 0)) return 1;
  return Math.min(Math.ceil(timeoutMs), 2 ** 31 - 1);
}

/**
 * Settles with the work, or with a timeout when the signal aborts or the engine overruns its own timeout by more than
 * the grace period.
 */
export function raceDeadline<T>(work: Promise<T>, options: CypherRunOptions, graceMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timeout = (why: string): void => {
      cleanup();
      reject(new CypherExecutionError("timeout", why));
    };
    const onAbort = (): void => timeout("The query was cancelled.");
    const timer = setTimeout(
      () => timeout(`The query did not finish within ${options.timeoutMs} ms.`),
      Math.min(Math.max(1, options.timeoutMs) + graceMs, 2 ** 31 - 1),
    );
    timer.unref?.();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
