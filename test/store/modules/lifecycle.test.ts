// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createLifecycle } from "../../../src/store/lifecycle";
import { manualTimeouts } from "../../helpers/fake-clock";
import { memoryState } from "../../helpers/state-port";

function setup(sessionId: string | null = "sesn_1") {
  const state = memoryState({ sessionId });
  const timeouts = manualTimeouts();
  const connect = vi.fn();
  const resetScope = vi.fn();
  const lifecycle = createLifecycle({ state, scheduleTimeout: timeouts.scheduleTimeout, connect, resetScope });
  return { state, timeouts, connect, resetScope, lifecycle };
}

describe("lifecycle", () => {
  it("a StrictMode mount, unmount and mount opens one connection, through the injected timer", () => {
    const { timeouts, connect, lifecycle } = setup();
    lifecycle.start();
    lifecycle.stop();
    lifecycle.start();
    lifecycle.start();
    expect(connect).not.toHaveBeenCalled();
    timeouts.run();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it("does not reopen a stream that is already connecting or open", () => {
    const { state, timeouts, connect, lifecycle } = setup();
    state.set({ connection: "open" });
    lifecycle.start();
    timeouts.run();
    expect(connect).not.toHaveBeenCalled();
  });

  it("stop aborts everything and leaves sends cut off to the log", () => {
    const { state, resetScope, lifecycle } = setup();
    state.set({
      connection: "open",
      stopping: true,
      pending: [{ key: "k", text: "q", traceId: null, status: "sending", eventIds: [], error: null }],
    });
    lifecycle.stop();
    expect(resetScope).toHaveBeenCalledTimes(1);
    expect(state.get()).toMatchObject({ connection: "idle", stopping: false, pending: [{ unconfirmed: true }] });
    expect(state.patches).toHaveLength(2); // one update for the stop (after the test's own)
  });
});
