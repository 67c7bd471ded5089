import { isAbortError } from "../transport/errors";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { describeError } from "./describe-error";
import { newIdempotencyKey } from "./idempotency-key";
import { within, type StatePort } from "./store-port";

export interface InterruptDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  scopeSignal: () => AbortSignal;
  newKey?: () => string;
}

/** Stop: asks the agent to stop its turn (`user.interrupt`), once at a time (`stopping`). */
export function createInterrupt({ state, transport, ctx, scopeSignal, newKey = newIdempotencyKey }: InterruptDeps) {
  return function interrupt(): void {
    const sessionId = state.get().sessionId;
    if (!sessionId || state.get().stopping) return;
    const signal = scopeSignal();
    state.set({ stopping: true });
    transport
      .sendEvents(ctx(), sessionId, [{ type: "user.interrupt" }], newKey(), signal)
      .catch((error: unknown) =>
        within(signal, () => {
          if (!isAbortError(error)) state.set({ error: { ...describeError(error, "stop"), retry: null } });
        }),
      )
      .finally(() => within(signal, () => state.set({ stopping: false })));
  };
}
