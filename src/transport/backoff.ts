/**
 * How the event stream reconnects when `backend.reconnect` leaves a field out. The only place
 * these numbers are defined: the transport, its docs (README, TracyBackendConfig) and tests follow
 * (test/transport/reconnect-defaults.test.ts checks the docs).
 */
export const RECONNECT_DEFAULTS = Object.freeze({
  /** First delay; doubles per failed attempt, with ±20 % jitter. */
  baseDelayMs: 500,
  /** The longest delay between attempts. */
  maxDelayMs: 15_000,
  /** Consecutive failed attempts before the stream gives up and reports. */
  maxAttempts: 8,
});

/** Reconnect delay: exponential from `baseMs`, capped at `maxMs`, with ±20 % jitter so clients don't stampede. */
export function backoffDelay(
  attempt: number,
  baseMs: number = RECONNECT_DEFAULTS.baseDelayMs,
  maxMs: number = RECONNECT_DEFAULTS.maxDelayMs,
  random = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}
