/** Reconnect delay: exponential from `baseMs`, capped at `maxMs`, with ±20 % jitter so clients don't stampede. */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 15_000, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}
