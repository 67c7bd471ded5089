// @vitest-environment node
// Nothing runs twice behind the user's back, and nothing is reported wrongly: client tools,
// approvals, tenant switches mid-create, sends cut off by hiding the panel, empty sessions.
import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../../src/protocol";
import { memoryToolClaims, toContent } from "../../src/store/client-tools";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { selectPhase } from "../../src/store/selectors";
import type { TracyStoreOptions } from "../../src/store/tracy-state";
import { TracyHttpError } from "../../src/transport/errors";
import type { TracyRequestContext, TracyTransport } from "../../src/transport/types";
import { settle, installFakeClock } from "../helpers/fake-clock";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en, errorText } from "../helpers/labels";

installFakeClock();

/** Frames run as soon as the current task ends: no timers to wait for. */
const scheduleFrame = (callback: () => void) => {
  queueMicrotask(callback);
  return () => {};
};

function setup(options: Partial<TracyStoreOptions> = {}, transport = new FakeTransport()) {
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    traceId: "t1",
    sessionId: "sesn_1",
    scheduleFrame,
    ...options,
  });
  store.getState().actions.start();
  return { transport, store, actions: store.getState().actions };
}

const tool: StreamEvent = { type: "agent.custom_tool_use", id: eventId("t:1"), name: "get_current_trace", input: {} };
const blocked: StreamEvent = {
  type: "session.status_idle",
  id: eventId("t:2"),
  stop_reason: { type: "requires_action", event_ids: [eventId("t:1")] },
  stop_details: null,
};
const resultSends = (t: FakeTransport) =>
  t.sends.filter((s) => (s.events[0] as { type: string }).type === "user.custom_tool_result");

async function openStream(transport: FakeTransport, count = 1) {
  await settle();
  expect(transport.streams.length).toBeGreaterThanOrEqual(count);
  const stream = transport.lastStream();
  stream.open();
  return stream;
}

describe("client tools run at most once per call", () => {
  it("after a failed answer, later events and reconnects neither re-run the handler nor re-send; Retry sends the same body", async () => {
    let calls = 0;
    const handler = vi.fn(() => `trace ${++calls}`);
    const { transport, store, actions } = setup({ tools: () => ({ get_current_trace: handler }) });
    transport.sendFailures = [new TracyHttpError(503, "Service unavailable")];
    const stream = await openStream(transport);
    stream.emit(tool);
    stream.emit(blocked);
    await settle();
    expect(store.getState().error?.retry).toBe("tool-result");
    stream.emit({ type: "span.model_request_start", id: eventId("t:3") });
    transport.history["sesn_1"] = [tool, blocked];
    stream.open();
    await settle();
    expect(store.getState().syncing).toBe(false);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(resultSends(transport)).toHaveLength(1);
    actions.retryToolResult(eventId("t:1"));
    await settle();
    expect(resultSends(transport)).toHaveLength(2);
    const [first, again] = resultSends(transport);
    expect(again?.events).toEqual(first?.events);
    expect(again?.key).toBe(first?.key);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("a result refused for good (400) is not re-run or re-sent on every reconnect", async () => {
    const handler = vi.fn(() => "x");
    const { transport } = setup({ tools: () => ({ get_current_trace: handler }) });
    transport.sendFailures = [new TracyHttpError(400, "Bad request")];
    transport.history["sesn_1"] = [tool, blocked];
    for (let i = 1; i <= 3; i++) {
      const stream = await openStream(transport);
      stream.open();
      await settle();
      expect(transport.lists.length).toBeGreaterThanOrEqual(i);
    }
    await settle();
    expect(resultSends(transport)).toHaveLength(1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("survives a reload through the claims: the next panel doesn't run the handler, and offers the kept answer", async () => {
    const claims = memoryToolClaims();
    const handler = vi.fn(() => "first");
    const first = setup({ tools: () => ({ get_current_trace: handler }), toolClaims: claims });
    first.transport.sendFailures = [new TypeError("Failed to fetch")];
    first.transport.history["sesn_1"] = [tool, blocked];
    await openStream(first.transport);
    await settle();
    expect(resultSends(first.transport)).toHaveLength(1);
    first.actions.stop();

    const second = setup({ tools: () => ({ get_current_trace: handler }), toolClaims: claims });
    second.transport.history["sesn_1"] = [tool, blocked];
    await openStream(second.transport);
    await settle();
    expect(second.store.getState().error?.retry).toBe("tool-result");
    expect(handler).toHaveBeenCalledTimes(1);
    expect(resultSends(second.transport)).toHaveLength(0);
    second.actions.retryToolResult(eventId("t:1"));
    await settle();
    expect(resultSends(second.transport)).toHaveLength(1);
    expect(resultSends(second.transport)[0]?.events).toEqual(resultSends(first.transport)[0]?.events);
  });

  it("a call claimed by a panel that closed before answering is not run on its own; Retry runs it", async () => {
    const claims = memoryToolClaims();
    claims.claim("sesn_1", eventId("t:1"));
    const handler = vi.fn(() => "now");
    const { transport, store, actions } = setup({ tools: () => ({ get_current_trace: handler }), toolClaims: claims });
    transport.history["sesn_1"] = [tool, blocked];
    await openStream(transport);
    await settle();
    expect(store.getState().error).toMatchObject({
      retry: "tool-result",
      kind: "tool-interrupted",
      tool: "get_current_trace",
    });
    expect(handler).not.toHaveBeenCalled();
    actions.retryToolResult(eventId("t:1"));
    await settle();
    expect(resultSends(transport)).toHaveLength(1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("turns whatever a handler returns into valid content blocks", () => {
    expect(toContent([{ type: "database", rows: 1 }])).toEqual([
      { type: "text", text: '[{"type":"database","rows":1}]' },
    ]);
    expect(toContent(() => 1)).toEqual([{ type: "text", text: "null" }]);
    expect(toContent(undefined)).toEqual([{ type: "text", text: "null" }]);
    expect(toContent([])).toEqual([{ type: "text", text: "[]" }]);
    expect(toContent([{ type: "text" }])).toEqual([{ type: "text", text: '[{"type":"text"}]' }]);
    expect(toContent([{ type: "text", text: "ok" }])).toEqual(text("ok"));
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(toContent(cycle)[0]).toMatchObject({ type: "text", text: expect.stringMatching(/could not be serialised/) });
  });
});

describe("approvals", () => {
  it("a Deny after a lost Allow is its own request: the backend can't answer it with the Allow", async () => {
    const ask: StreamEvent = {
      type: "agent.tool_use",
      id: eventId("a:1"),
      name: "bash",
      input: {},
      evaluated_permission: "ask",
    };
    const waiting: StreamEvent = {
      type: "session.status_idle",
      id: eventId("a:2"),
      stop_reason: { type: "requires_action", event_ids: [eventId("a:1")] },
      stop_details: null,
    };
    const { transport, store, actions } = setup();
    transport.sendFailures = [new TypeError("Failed to fetch")];
    const stream = await openStream(transport);
    stream.emit(ask);
    stream.emit(waiting);
    await settle();
    expect(store.getState().transcript.status.stopReason?.type).toBe("requires_action");
    actions.confirmTool(eventId("a:1"), "allow");
    await settle();
    expect(store.getState().confirmations[eventId("a:1")]?.error).not.toBeNull();
    actions.confirmTool(eventId("a:1"), "deny");
    await settle();
    expect(transport.sends).toHaveLength(2);
    const [allow, deny] = transport.sends;
    expect(deny?.key).not.toBe(allow?.key);
    expect(deny?.events[0]).toMatchObject({ result: "deny" });
  });
});

describe("tenant switch while a session is being created", () => {
  it("creates one session for the new tenant, even when the old tenant's create fails late", async () => {
    const creates: { tenantId: string; resolve(id: string): void; reject(e: unknown): void }[] = [];
    const sends: { tenantId: string; sessionId: string }[] = [];
    const transport: TracyTransport = {
      createSession: (ctx: TracyRequestContext) =>
        new Promise((resolve, reject) =>
          creates.push({ tenantId: ctx.tenantId, resolve: (id) => resolve({ id }), reject }),
        ),
      listEvents: async () => ({ data: [], next_page: null }),
      sendEvents: async (ctx, sessionId, events) => {
        sends.push({ tenantId: ctx.tenantId, sessionId });
        return { data: events.map((e, i) => ({ ...(e as object), id: eventId(`s:${sends.length}:${i}`) })) };
      },
      streamEvents: (_ctx, _id, options) =>
        new Promise((resolve) => options.signal.addEventListener("abort", () => resolve())),
    };
    const store = createTracyStore({ transport, tenantId: "acme", sessionId: null, scheduleFrame });
    const { actions } = store.getState();
    actions.send("for acme");
    await settle();
    expect(creates).toHaveLength(1);
    actions.setContext({ tenantId: "globex", traceId: null });
    actions.send("for globex");
    await settle();
    expect(creates).toHaveLength(2);
    creates[0]?.reject(new TracyHttpError(500, "Create failed"));
    await settle(); // the failure's handlers run
    actions.send("again for globex");
    creates[1]?.resolve("sesn_globex");
    await settle();
    expect(creates.map((c) => c.tenantId)).toEqual(["acme", "globex"]);
    expect(sends).toEqual([{ tenantId: "globex", sessionId: "sesn_globex" }]);
    // The second waits for the first one's turn, in globex's conversation.
    expect(store.getState().pending.map((s) => [s.text, s.status])).toEqual([
      ["for globex", "sent"],
      ["again for globex", "queued"],
    ]);
  });
});

describe("a send cut off by hiding the panel", () => {
  function holdingTransport() {
    const transport = new FakeTransport();
    const release: (() => void)[] = [];
    const send = transport.sendEvents.bind(transport);
    transport.sendEvents = (
      ctx: TracyRequestContext,
      sessionId: string,
      events: unknown[],
      key: string,
      signal?: AbortSignal,
    ) =>
      new Promise<{ data: { id: string }[] }>((resolve, reject) => {
        signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")));
        release.push(() => void send(ctx, sessionId, events, key).then(resolve, reject));
      });
    return { transport, release };
  }

  it("that reached the backend is shown as sent, never as Not sent", async () => {
    const { transport } = holdingTransport();
    const { store, actions } = setup({}, transport);
    await openStream(transport);
    await settle();
    expect(store.getState().syncing).toBe(false);
    actions.send("Why is checkout slow?");
    await settle(); // the send waits on its POST
    actions.stop();
    expect(store.getState().pending).toMatchObject([{ status: "sending", unconfirmed: true }]);
    // It did arrive: the log shows it after the remount.
    transport.history["sesn_1"] = [
      { type: "user.message", id: eventId("h:1"), content: text("Why is checkout slow?"), processed_at: PROCESSED_AT },
    ];
    actions.start();
    await openStream(transport, 2);
    await settle();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().transcript.order).toEqual([eventId("h:1")]);
  });

  it("that didn't is marked Not sent with Retry once the history says so", async () => {
    const { transport } = holdingTransport();
    const { store, actions } = setup({}, transport);
    await openStream(transport);
    await settle();
    expect(store.getState().syncing).toBe(false);
    actions.send("Lost?");
    actions.stop();
    actions.start();
    await openStream(transport, 2);
    await settle();
    expect(store.getState().pending).toMatchObject([{ status: "failed", unconfirmed: false }]);
  });

  it("before any session existed can't have been sent", async () => {
    const transport = new FakeTransport();
    transport.holdCreate = { promise: new Promise(() => {}), resolve: () => {}, reject: () => {} };
    const { store, actions } = setup({ sessionId: null }, transport);
    actions.send("first question");
    actions.stop();
    expect(store.getState().pending).toMatchObject([{ status: "failed" }]);
  });
});

describe("a session with no events", () => {
  it("is ready once its empty history is listed, not loading forever", async () => {
    const { transport, store } = setup();
    expect(selectPhase(store.getState()).kind).toBe("loading");
    await openStream(transport);
    await settle();
    expect(selectPhase(store.getState()).kind).toBe("idle");
  });
});

describe("a send whose answer was lost", () => {
  it("goes once the log shows the message arrived: never shown as both sent and Not sent", async () => {
    const { transport, store, actions } = setup();
    await openStream(transport);
    await settle();
    expect(store.getState().syncing).toBe(false);
    const send = transport.sendEvents.bind(transport);
    transport.sendEvents = async (ctx: TracyRequestContext, sessionId: string, events: unknown[], key: string) => {
      await send(ctx, sessionId, events, key);
      throw new TypeError("Failed to fetch");
    };
    actions.send("Why is checkout slow?");
    await settle();
    expect(store.getState().pending).toMatchObject([{ status: "failed", unconfirmed: true }]);
    transport.lastStream().emit({
      type: "user.message",
      id: eventId("lost:1"),
      content: text("Why is checkout slow?"),
      processed_at: PROCESSED_AT,
    });
    await settle();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().transcript.order).toEqual([eventId("lost:1")]);
  });

  it("stays Not sent, with Retry, when a client error says it was refused", async () => {
    const { transport, store, actions } = setup();
    await openStream(transport);
    transport.sendFailures = [new TracyHttpError(409, "Busy")];
    actions.send("refused");
    await settle();
    expect(store.getState().pending).toMatchObject([{ status: "failed" }]);
    expect(store.getState().pending[0]?.unconfirmed).toBe(false);
  });
});

describe("history paging that never ends", () => {
  function pagingTransport(next: (page: string | null, calls: number) => string | null) {
    const transport = new FakeTransport();
    let calls = 0;
    transport.listEvents = async (_ctx: TracyRequestContext, _sessionId: string, page?: { page?: string | null }) => {
      calls += 1;
      if (calls > 50) throw new Error("the panel kept paging");
      return { data: [], next_page: next(page?.page ?? null, calls) };
    };
    return transport;
  }

  it("stops with an error when next_page leads back to a page already read", async () => {
    const transport = pagingTransport((page) => (page === "b" ? "a" : page === "a" ? "b" : "a"));
    const { store } = setup({}, transport);
    await openStream(transport);
    await settle();
    expect(store.getState().error).toMatchObject({ retry: "history" });
    expect(errorText(store.getState().error!).detail).toBe(en.errorHistoryLoopDetail);
  });

  it("stops when pages keep coming back empty with yet another cursor", async () => {
    const transport = pagingTransport((_page, calls) => `cursor-${calls}`);
    const { store } = setup({}, transport);
    await openStream(transport);
    await settle();
    expect(store.getState().error).toMatchObject({ retry: "history" });
    expect(errorText(store.getState().error!).detail).toBe(en.errorHistoryLoopDetail);
  });
});
