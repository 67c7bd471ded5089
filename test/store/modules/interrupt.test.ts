// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createInterrupt } from "../../../src/store/interrupt";
import { TracyHttpError } from "../../../src/transport/errors";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

function setup() {
  const state = memoryState({ sessionId: "sesn_1" });
  const transport = new FakeTransport();
  const interrupt = createInterrupt({
    state,
    transport,
    ctx: () => ({ tenantId: "acme", traceId: null }),
    scopeSignal: () => new AbortController().signal,
    newKey: () => "stop-key",
  });
  return { state, transport, interrupt };
}

describe("interrupt", () => {
  it("sends one user.interrupt while stopping, and is ready again once it answered", async () => {
    const { state, transport, interrupt } = setup();
    interrupt();
    interrupt();
    expect(state.get().stopping).toBe(true);
    await settle();
    expect(transport.sends).toMatchObject([{ key: "stop-key", events: [{ type: "user.interrupt" }] }]);
    expect(state.get().stopping).toBe(false);
  });

  it("says why Stop failed", async () => {
    const { state, transport, interrupt } = setup();
    transport.sendFailures = [new TracyHttpError(503, "down")];
    interrupt();
    await settle();
    expect(state.get()).toMatchObject({ stopping: false, error: { retry: null } });
  });
});
