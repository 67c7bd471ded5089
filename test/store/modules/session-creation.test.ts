// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createSessionCreation } from "../../../src/store/session-creation";
import { TracyHttpError } from "../../../src/transport/errors";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

function setup() {
  const state = memoryState();
  const transport = new FakeTransport();
  const connect = vi.fn();
  const told = vi.fn();
  const creation = createSessionCreation({
    state,
    transport,
    ctx: () => ({ tenantId: state.get().tenantId, traceId: null }),
    connect,
    onSessionChange: () => told,
  });
  return { state, transport, connect, told, creation };
}

describe("session creation", () => {
  it("creates one session for every send waiting on it, opens its stream and tells the host", async () => {
    const { state, transport, connect, told, creation } = setup();
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([creation.ensure(signal), creation.ensure(signal)]);
    expect(a).toBe("sesn_1");
    expect(b).toBe("sesn_1");
    expect(transport.sessions).toHaveLength(1);
    expect(state.get().sessionId).toBe("sesn_1");
    expect(connect).toHaveBeenCalledWith("sesn_1");
    expect(told).toHaveBeenCalledWith("sesn_1");
    await expect(creation.ensure(signal)).resolves.toBe("sesn_1");
    expect(transport.sessions).toHaveLength(1);
  });

  it("a failed create frees the slot for the next send", async () => {
    const { transport, creation } = setup();
    transport.createFailures = [new TracyHttpError(503, "busy")];
    const signal = new AbortController().signal;
    await expect(creation.ensure(signal)).rejects.toThrow("busy");
    await settle();
    await expect(creation.ensure(signal)).resolves.toBe("sesn_1");
    expect(transport.sessions).toHaveLength(2);
  });

  it("drops a session created for a scope that ended", async () => {
    const { state, connect, told, creation } = setup();
    const scope = new AbortController();
    const created = creation.ensure(scope.signal);
    scope.abort();
    await expect(created).rejects.toThrow(/Abort/);
    expect(state.get().sessionId).toBeNull();
    expect(connect).not.toHaveBeenCalled();
    expect(told).not.toHaveBeenCalled();
  });
});
