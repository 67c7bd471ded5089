// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createSessionScoping } from "../../../src/store/session-scoping";
import { memoryState } from "../../helpers/state-port";

function setup() {
  const state = memoryState({ tenantId: "acme", traceId: "t1", sessionId: "sesn_a" });
  const resetScope = vi.fn();
  const connect = vi.fn();
  const told = vi.fn();
  const tenantChanged = vi.fn();
  const scoping = createSessionScoping({
    state,
    resetScope,
    connect,
    onSessionChange: () => told,
    onTenantChange: tenantChanged,
  });
  return { state, resetScope, connect, told, scoping, tenantChanged };
}

describe("session scoping", () => {
  it("a trace change keeps the conversation; a tenant change drops it but keeps each tenant's draft", () => {
    const { state, resetScope, scoping } = setup();
    scoping.setContext({ tenantId: "acme", traceId: "t2" });
    expect(state.get()).toMatchObject({ traceId: "t2", sessionId: "sesn_a" });
    expect(resetScope).not.toHaveBeenCalled();
    state.set({ draft: "acme draft", warning: { kind: "unshown-events", count: 1 } });
    scoping.setContext({ tenantId: "globex", traceId: null });
    expect(resetScope).toHaveBeenCalledTimes(1);
    expect(state.get()).toMatchObject({ tenantId: "globex", sessionId: null, draft: "", warning: null });
    state.set({ draft: "globex draft" });
    scoping.setContext({ tenantId: "acme", traceId: null });
    expect(state.get().draft).toBe("acme draft");
    scoping.setContext({ tenantId: "globex", traceId: null });
    expect(state.get().draft).toBe("globex draft");
  });

  it("switching session starts fresh and connects; Start over leaves it and tells the host", () => {
    const { state, resetScope, connect, told, scoping } = setup();
    scoping.setSessionId("sesn_a");
    expect(resetScope).not.toHaveBeenCalled();
    scoping.setSessionId("sesn_b");
    expect(connect).toHaveBeenCalledWith("sesn_b");
    expect(state.get()).toMatchObject({ sessionId: "sesn_b", connection: "idle" });
    scoping.startOver();
    expect(state.get().sessionId).toBeNull();
    expect(told).toHaveBeenCalledWith(null);
    scoping.startOver();
    expect(told).toHaveBeenCalledTimes(1);
  });
});
