import { EMPTY_TRANSCRIPT } from "../protocol/transcript";
import type { TracyRequestContext } from "../transport/types";
import type { StatePort } from "./store-port";
import type { TracyState } from "./tracy-state";

/** Everything that belongs to one session, as it is before anything was loaded. */
export function freshSession(): Omit<
  TracyState,
  "tenantId" | "traceId" | "sessionId" | "draft" | "feedback" | "conversations" | "actions"
> {
  return {
    transcript: EMPTY_TRANSCRIPT,
    pending: [],
    traceByEventId: {},
    historyLoaded: false,
    syncing: false,
    connection: "idle",
    error: null,
    warning: null,
    stopping: false,
    confirmations: {},
  };
}

export interface SessionScopingDeps {
  state: StatePort;
  /** Aborts every request of the current tenant/session and forgets its per-scope memory. */
  resetScope(): void;
  connect(sessionId: string): void;
  onSessionChange: () => ((sessionId: string | null) => void) | undefined;
  /** The tenant changed: its conversation list goes with it. */
  onTenantChange(tenantId: string): void;
}

/**
 * The draft with the messages that had not gone yet (queued, or not sent) put back in front of it, as Edit
 * would: what a tenant or conversation switch takes away, so nothing typed is lost and nothing goes on its own.
 */
function withUnsent({ pending, draft }: Pick<TracyState, "pending" | "draft">): string {
  const unsent = pending.filter((p) => p.status === "queued" || p.status === "failed").map((p) => p.text);
  return [...unsent, draft].filter((text) => text !== "").join("\n\n");
}

/**
 * Which tenant and session the panel shows. A tenant change drops everything of the previous
 * tenant except its draft (with its unsent messages, see `withUnsent`), which is kept (in memory)
 * for when the host switches back. A session change keeps the draft, its unsent messages put back
 * into it.
 */
export function createSessionScoping({
  state,
  resetScope,
  connect,
  onSessionChange,
  onTenantChange,
}: SessionScopingDeps) {
  const draftsByTenant = new Map<string, string>();

  function setSessionId(id: string | null): void {
    if (id === state.get().sessionId) return;
    const draft = withUnsent(state.get());
    resetScope();
    state.set({ ...freshSession(), sessionId: id, draft });
    if (id) connect(id);
  }

  return {
    setContext({ tenantId, traceId }: TracyRequestContext): void {
      const prev = state.get();
      if (tenantId === prev.tenantId) {
        if (traceId !== prev.traceId) state.set({ traceId });
        return;
      }
      draftsByTenant.set(prev.tenantId, withUnsent(prev));
      resetScope();
      state.set({ ...freshSession(), tenantId, traceId, sessionId: null, draft: draftsByTenant.get(tenantId) ?? "" });
      draftsByTenant.delete(tenantId);
      onTenantChange(tenantId);
    },
    setSessionId,
    /** The host opens a session (the panel's handle): shown at once, and the host told like for one the panel created. */
    openSession(id: string): void {
      if (id === state.get().sessionId) return;
      setSessionId(id);
      onSessionChange()?.(id);
    },
    startOver(): void {
      if (state.get().sessionId === null) return;
      setSessionId(null);
      onSessionChange()?.(null);
    },
  };
}
