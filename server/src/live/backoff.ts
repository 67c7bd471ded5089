import type { ReconnectPolicy } from "./session-tail.js";

/** The first reconnect is immediate; then exponential with jitter, capped. */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy): number {
  if (attempt <= 1) return 0;
  const base = policy.baseDelayMs ?? 250;
  const max = policy.maxDelayMs ?? 10_000;
  return Math.min(max, base * 2 ** (attempt - 2)) * (0.5 + Math.random() / 2);
}

/** A wait that `wake()` ends early (a tail stopping mid-backoff). */
export function interruptibleSleep(ms: number): { done: Promise<void>; wake(): void } {
  let wake = () => {};
  const done =
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  return { done, wake: () => wake() };
}
