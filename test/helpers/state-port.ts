import { emptyConversations } from "../../src/store/conversations";
import { freshSession } from "../../src/store/session-scoping";
import type { StatePort } from "../../src/store/store-port";
import type { TracyActions, TracyState } from "../../src/store/tracy-state";

/** The state a store module sees, in memory, without zustand: what a module test drives. */
export function memoryState(overrides: Partial<TracyState> = {}): StatePort & { patches: Partial<TracyState>[] } {
  let state: TracyState = {
    tenantId: "acme",
    traceId: null,
    sessionId: null,
    ...freshSession(),
    draft: "",
    feedback: {},
    conversations: emptyConversations(overrides.tenantId ?? "acme"),
    actions: {} as TracyActions,
    ...overrides,
  };
  const patches: Partial<TracyState>[] = [];
  return {
    get: () => state,
    set(patch) {
      patches.push(patch);
      state = { ...state, ...patch };
    },
    patches,
  };
}
