/**
 * The tenant/session scope every request belongs to. Resetting it aborts every request of the old
 * scope (their late results are dropped) and runs the `onReset` hooks, which drop per-scope memory.
 */
export interface RequestScope {
  readonly signal: AbortSignal;
  reset(): AbortSignal;
}

export function createRequestScope(onReset: () => void): RequestScope {
  let controller = new AbortController();
  return {
    get signal() {
      return controller.signal;
    },
    reset() {
      controller.abort();
      controller = new AbortController();
      onReset();
      return controller.signal;
    },
  };
}
