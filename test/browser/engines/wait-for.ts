import type { EnginePage } from "./page-driver";

/**
 * Polls `fn(arg)` in the page until it returns something truthy, and returns that. The same for every engine:
 * each round trip is one `evaluate`, so the wait is a condition, never a sleep.
 */
export async function waitFor<R, A = undefined>(
  page: EnginePage,
  fn: (arg: A) => R,
  arg?: A,
  { timeout = 10_000, what = fn.toString().slice(0, 120) }: { timeout?: number; what?: string } = {},
): Promise<NonNullable<R>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg as A);
    if (value) return value as NonNullable<R>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
