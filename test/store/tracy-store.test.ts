// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { TracyHttpError } from "../../src/transport/errors";
import { FakeTransport, PROCESSED_AT, agentTurn, eventId, text } from "../helpers/fake-transport";
import { settle, installFakeClock } from "../helpers/fake-clock";
import { runTurn } from "../helpers/turns";
import type { TracyStore } from "../../src/store/tracy-state";
import { errorText, warningText } from "../helpers/labels";

installFakeClock();

/** The stream opens and the turn of the message just posted runs to its end, so the next one goes at once. */
async function finishTurn(transport: FakeTransport, store: TracyStore) {
  transport.lastStream().open();
  await settle();
  runTurn(store, transport.lastStream());
  await settle();
}

function setup(opts: { sessionId?: string } = {}) {
  const transport = new FakeTransport();
  const onSessionChange = vi.fn();
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    traceId: "trace-1",
    ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
    onSessionChange: () => onSessionChange,
  });
  return { transport, store, actions: store.getState().actions, onSessionChange };
}

describe("createTracyStore", () => {
  it("creates one session on first send, opens the stream, then posts the message with an idempotency key", async () => {
    const { transport, store, actions, onSessionChange } = setup();
    actions.setDraft("  Why is checkout slow?  ");
    expect(actions.send()).toBe(true);
    expect(store.getState().draft).toBe("");
    expect(store.getState().pending).toMatchObject([
      { text: "Why is checkout slow?", status: "sending", traceId: "trace-1" },
    ]);
    await settle();
    expect(transport.sessions).toEqual([{ ctx: { tenantId: "acme", traceId: "trace-1" } }]);
    expect(onSessionChange).toHaveBeenCalledWith("sesn_1");
    expect(transport.streams).toHaveLength(1);
    expect(transport.sends).toHaveLength(1);
    expect(transport.sends[0]).toMatchObject({
      sessionId: "sesn_1",
      ctx: { tenantId: "acme", traceId: "trace-1" },
      events: [{ type: "user.message", content: [{ type: "text", text: "Why is checkout slow?" }] }],
    });
    expect(transport.sends[0]?.key).toMatch(/\S{16,}/);
  });

  it("replaces the pending message with the streamed event and folds the reply", async () => {
    const { transport, store, actions } = setup();
    actions.send("hello");
    await settle();
    const stream = transport.lastStream();
    stream.emit({ type: "user.message", id: eventId("1:101"), processed_at: PROCESSED_AT, content: text("hello") });
    for (const e of agentTurn(102, "Hi, I'm Tracy.")) stream.emit(e);
    await settle();
    const s = store.getState();
    expect(s.pending).toEqual([]);
    expect(s.transcript.order).toEqual([eventId("1:101"), eventId("1:103")]);
    expect(s.transcript.items.get(eventId("1:103"))).toMatchObject({ role: "agent", text: "Hi, I'm Tracy." });
    expect(s.traceByEventId).toEqual({ [eventId("1:101")]: "trace-1" });
  });

  it("batches a burst of deltas into one store update", async () => {
    const { transport, store, actions } = setup();
    actions.send("hello");
    await settle();
    const listener = vi.fn();
    store.subscribe(listener);
    const stream = transport.lastStream();
    stream.emit({ type: "event_start", event: { id: eventId("1:200"), type: "agent.message" } });
    for (let i = 0; i < 50; i++) {
      stream.emit({
        type: "event_delta",
        event_id: eventId("1:200"),
        delta: { type: "content_delta", content: { type: "text", text: "x" } },
      });
    }
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().transcript.items.get(eventId("1:200"))).toMatchObject({
      text: "x".repeat(50),
      streaming: true,
    });
  });

  it("keeps a failed message with its error, retries with the same key, and can put it back in the composer", async () => {
    const { transport, store, actions } = setup();
    transport.sendFailures.push(new TracyHttpError(503, "upstream down"));
    actions.send("first try");
    await settle();
    const failed = store.getState().pending[0];
    expect(failed).toMatchObject({ status: "failed", error: { kind: "unavailable", retryable: true } });
    expect(errorText(failed!.error!).title).toBe("Tracy is unavailable");
    actions.retrySend(failed!.key);
    await settle();
    expect(transport.sends.map((s) => s.key)).toEqual([failed!.key, failed!.key]);
    expect(store.getState().pending[0]).toMatchObject({ status: "sent" });
    await finishTurn(transport, store);

    transport.sendFailures.push(new TracyHttpError(0, "offline"));
    actions.send("second");
    await settle();
    const second = store.getState().pending.find((p) => p.text === "second");
    expect(second?.error?.kind).toBe("unreachable");
    actions.setDraft("half typed");
    actions.editSend(second!.key);
    expect(store.getState().draft).toBe("second\n\nhalf typed");
    expect(store.getState().pending.find((p) => p.text === "second")).toBeUndefined();
  });

  it("explains a failed session create and keeps the text", async () => {
    const { transport, store, actions } = setup();
    transport.createFailures.push(new TracyHttpError(401, "expired"));
    actions.send("question");
    await settle();
    expect(store.getState().pending[0]).toMatchObject({
      text: "question",
      status: "failed",
      error: { kind: "signed-out" },
    });
    actions.retrySend(store.getState().pending[0]!.key);
    await settle();
    expect(transport.sessions).toHaveLength(2);
    expect(transport.sends).toHaveLength(1);
  });

  it("drops everything of the previous tenant on a tenant switch, including late events", async () => {
    const { transport, store, actions } = setup();
    actions.send("tenant A secret");
    await settle();
    const streamA = transport.lastStream();
    streamA.emit({
      type: "user.message",
      id: eventId("1:101"),
      processed_at: PROCESSED_AT,
      content: text("tenant A secret"),
    });
    await settle();
    actions.setDraft("draft for A");
    actions.setContext({ tenantId: "globex", traceId: null });
    expect(streamA.closed).toBe(true);
    const s = store.getState();
    expect(s.tenantId).toBe("globex");
    expect(s.sessionId).toBeNull();
    expect(s.transcript.order).toEqual([]);
    expect(s.pending).toEqual([]);
    expect(s.draft).toBe("");
    transport.emitLate(streamA, { type: "agent.message", id: eventId("1:150"), content: text("late A answer") });
    await settle();
    expect(store.getState().transcript.order).toEqual([]);

    actions.send("tenant B question");
    await settle();
    expect(transport.sessions.at(-1)?.ctx).toEqual({ tenantId: "globex", traceId: null });
    expect(transport.sends.at(-1)?.ctx.tenantId).toBe("globex");

    actions.setContext({ tenantId: "acme", traceId: null });
    expect(store.getState().draft).toBe("draft for A");
    expect(store.getState().transcript.order).toEqual([]);
  });

  it("drops a session create that answers after the tenant changed", async () => {
    const { transport, store, actions, onSessionChange } = setup();
    let release!: () => void;
    transport.holdCreate = { promise: new Promise<void>((r) => (release = r)), resolve: () => {}, reject: () => {} };
    actions.send("A question");
    await settle();
    actions.setContext({ tenantId: "globex", traceId: null });
    release();
    await settle();
    expect(store.getState().sessionId).toBeNull();
    expect(onSessionChange).not.toHaveBeenCalled();
    expect(transport.sends).toEqual([]);
    expect(transport.streams).toEqual([]);
  });

  it("keeps the conversation when only the trace changes and sends the new trace next", async () => {
    const { transport, store, actions } = setup();
    actions.send("one");
    await settle();
    actions.setContext({ tenantId: "acme", traceId: "trace-2" });
    expect(store.getState().sessionId).toBe("sesn_1");
    expect(transport.lastStream().closed).toBe(false);
    await finishTurn(transport, store);
    actions.send("two");
    await settle();
    expect(transport.sends.map((s) => s.ctx.traceId)).toEqual(["trace-1", "trace-2"]);
  });

  it("replays history for a given session on start and again after each reconnect", async () => {
    const { transport, store, actions } = setup({ sessionId: "sesn_9" });
    transport.history["sesn_9"] = [
      { type: "user.message", id: eventId("9:1"), processed_at: PROCESSED_AT, content: text("old question") },
      ...agentTurn(2, "old answer", 9),
    ];
    actions.start();
    await settle();
    const stream = transport.lastStream();
    expect(stream.options.lastEventId).toBeNull();
    stream.open();
    await settle();
    expect(store.getState().transcript.order).toEqual([eventId("9:1"), eventId("9:3")]);
    stream.open(); // a reconnect: history again, nothing duplicated
    await settle();
    expect(transport.lists).toHaveLength(2);
    expect(store.getState().transcript.order).toEqual([eventId("9:1"), eventId("9:3")]);
  });

  it("reports malformed events and a failed stream, and reconnects from the last event id", async () => {
    const { transport, store, actions } = setup({ sessionId: "sesn_9" });
    actions.start();
    await settle();
    const stream = transport.lastStream();
    stream.emit({ type: "agent.message", id: eventId("9:4"), content: text("ok") });
    stream.emit({ type: "agent.message" });
    stream.emit(42);
    await settle();
    expect(warningText(store.getState().warning)).toMatch(/couldn't read/);
    stream.fail(new TracyHttpError(403, "forbidden"));
    await settle();
    expect(store.getState().connection).toBe("failed");
    expect(store.getState().error).toMatchObject({ kind: "forbidden", retry: "reconnect" });
    actions.reconnect();
    await settle();
    expect(transport.lastStream().options.lastEventId).toBe(eventId("9:4"));
  });

  it("sends user.interrupt on stop", async () => {
    const { transport, actions } = setup({ sessionId: "sesn_9" });
    actions.interrupt();
    await settle();
    expect(transport.sends[0]?.events).toEqual([{ type: "user.interrupt" }]);
  });

  it("opens no connection when stopped right after start (StrictMode double mount)", async () => {
    const { transport, actions } = setup({ sessionId: "sesn_9" });
    actions.start();
    actions.stop();
    actions.start();
    await settle();
    expect(transport.streams).toHaveLength(1);
    actions.stop();
    expect(transport.streams[0]?.closed).toBe(true);
  });
});

describe("startOver", () => {
  it("leaves a conversation that is gone, keeps the draft, tells the host, and the next send starts a new one", async () => {
    const { transport, store, actions, onSessionChange } = setup({ sessionId: "sesn_gone" });
    actions.start();
    await settle();
    transport.lastStream().fail(new TracyHttpError(404, "no such session"));
    await settle();
    expect(store.getState().error?.status).toBe(404);
    actions.setDraft("why is checkout slow?");
    actions.startOver();
    expect(store.getState()).toMatchObject({ sessionId: null, error: null, draft: "why is checkout slow?" });
    expect(onSessionChange).toHaveBeenCalledWith(null);
    expect(actions.send()).toBe(true);
    await settle();
    expect(transport.sessions).toHaveLength(1);
    expect(transport.sends[0]?.sessionId).toBe("sesn_1");
  });
});
