// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { EMPTY_TRANSCRIPT, foldEvents } from "../../../src/protocol";
import { createSendQueue } from "../../../src/store/send-queue";
import { TracyHttpError } from "../../../src/transport/errors";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

function setup(ensureSession = vi.fn(async () => "sesn_1")) {
  const state = memoryState({ traceId: "t1" });
  const transport = new FakeTransport();
  const scope = new AbortController();
  let n = 0;
  const queue = createSendQueue({
    state,
    transport,
    scopeSignal: () => scope.signal,
    ensureSession,
    newKey: () => `key-${++n}`,
  });
  return { state, transport, scope, queue, ensureSession };
}

describe("send queue", () => {
  it("posts the draft once with its own key and the trace it was asked about", async () => {
    const { state, transport, queue } = setup();
    state.set({ draft: "  why?  " });
    expect(queue.send()).toBe(true);
    expect(state.get().draft).toBe("");
    await settle();
    expect(transport.sends).toMatchObject([
      { key: "key-1", ctx: { tenantId: "acme", traceId: "t1" }, sessionId: "sesn_1" },
    ]);
    expect(state.get().pending).toMatchObject([{ status: "sent", eventIds: [expect.any(String)] }]);
    expect(Object.values(state.get().traceByEventId)).toEqual(["t1"]);
  });

  it("refuses nothing to send and an ended session", () => {
    const { state, queue } = setup();
    expect(queue.send("   ")).toBe(false);
    state.set({ transcript: foldEvents(EMPTY_TRANSCRIPT, [{ type: "session.status_terminated", id: "x" }]) });
    expect(queue.send("hi")).toBe(false);
    expect(state.get().pending).toEqual([]);
  });

  it("a lost answer may hide a message that arrived; a refusal did not; Retry reuses the key", async () => {
    const { state, transport, queue } = setup();
    transport.sendFailures = [new TracyHttpError(503, "down"), new TracyHttpError(409, "busy")];
    queue.send("one");
    await settle();
    expect(state.get().pending[0]).toMatchObject({ status: "failed", unconfirmed: true });
    queue.retrySend("key-1");
    await settle();
    expect(state.get().pending[0]).toMatchObject({ status: "failed", unconfirmed: false });
    expect(transport.sends.map((s) => s.key)).toEqual(["key-1", "key-1"]);
  });

  it("a failed session create means it was never posted; Edit puts it back before the draft", async () => {
    const { state, queue } = setup(vi.fn(async () => Promise.reject(new TracyHttpError(0, "offline"))));
    queue.send("lost");
    await settle();
    expect(state.get().pending[0]).toMatchObject({ status: "failed", unconfirmed: false });
    state.set({ draft: "typing" });
    queue.editSend("key-1");
    expect(state.get()).toMatchObject({ draft: "lost\n\ntyping", pending: [] });
  });

  it("drops the answer of a send whose scope ended", async () => {
    const { state, scope, queue } = setup();
    queue.send("old tenant");
    scope.abort();
    await settle();
    expect(state.get().pending).toMatchObject([{ status: "sending" }]);
  });
});
