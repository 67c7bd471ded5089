import type { TracyRequestContext, TracyTransport } from "../transport/types";
import type { StatePort } from "./store-port";

export interface SessionCreationDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  /** A session was created: open its stream. */
  connect(sessionId: string): void;
  /** Tells the host (read on each call, so it may change). */
  onSessionChange: () => ((sessionId: string | null) => void) | undefined;
}

/** Creates the session on the first send, once, however many sends wait for it. */
export function createSessionCreation({ state, transport, ctx, connect, onSessionChange }: SessionCreationDeps) {
  let creating: Promise<string> | null = null;
  return {
    ensure(signal: AbortSignal): Promise<string> {
      const existing = state.get().sessionId;
      if (existing) return Promise.resolve(existing);
      creating ??= transport.createSession(ctx(), signal).then((created) => {
        if (signal.aborted) throw new DOMException("Aborted", "AbortError");
        state.set({ sessionId: created.id });
        onSessionChange()?.(created.id);
        connect(created.id);
        return created.id;
      });
      const attempt = creating;
      // Only this attempt's failure frees the slot: an old tenant's create failing late must not
      // clear the new tenant's, or the next send would create a second session.
      attempt.catch(() => {
        if (creating === attempt) creating = null;
      });
      return attempt;
    },
    reset(): void {
      creating = null;
    },
  };
}
