import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import type { TracyHostCallbacks } from "../../src/store/host-callbacks";
import { TracyHttpError } from "../../src/transport/errors";
import { FakeTransport, PROCESSED_AT, agentTurn, eventId, text } from "../helpers/fake-transport";
import { runTurn } from "../helpers/turns";
import { settle, installFakeClock } from "../helpers/fake-clock";

installFakeClock();

function setup(sessionId?: string) {
  const transport = new FakeTransport();
  const host = {
    onEvent: vi.fn<NonNullable<TracyHostCallbacks["onEvent"]>>(),
    onSend: vi.fn<NonNullable<TracyHostCallbacks["onSend"]>>(),
    onToolCall: vi.fn<NonNullable<TracyHostCallbacks["onToolCall"]>>(),
    onToolResult: vi.fn<NonNullable<TracyHostCallbacks["onToolResult"]>>(),
  };
  let callbacks: TracyHostCallbacks = host;
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    traceId: "trace-1",
    ...(sessionId ? { sessionId } : {}),
    callbacks: () => callbacks,
  });
  return {
    transport,
    store,
    actions: store.getState().actions,
    host,
    replace: (next: TracyHostCallbacks) => (callbacks = next),
  };
}

const toolUse = (n: number) => ({
  type: "agent.tool_use",
  id: eventId(`9:${n}`),
  name: "run_cypher",
  input: { query: "MATCH (s:Span) RETURN s" },
});
const toolResult = (n: number, of: number) => ({
  type: "agent.tool_result",
  id: eventId(`9:${n}`),
  tool_use_id: eventId(`9:${of}`),
  content: text("[]"),
});

const history = (): unknown[] => [
  { type: "user.message", id: eventId("9:1"), processed_at: PROCESSED_AT, content: text("old question") },
  toolUse(2),
  toolResult(3, 2),
  ...agentTurn(4, "old answer", 9),
];

describe("host callbacks", () => {
  it("reports each event once, history first, however often history is listed again", async () => {
    const { transport, actions, host } = setup("sesn_9");
    transport.history["sesn_9"] = history();
    actions.start();
    await settle();
    const stream = transport.lastStream();
    stream.open();
    await settle();
    stream.open(); // reconnect: the same history again
    await settle();
    stream.emit({ type: "agent.message", id: eventId("9:7"), content: text("live") });
    stream.emit({ type: "agent.message", id: eventId("9:7"), content: text("live") }); // a duplicate delivery
    await settle();
    stream.open(); // another reconnect: now history holds the live event too
    transport.history["sesn_9"] = [...history(), { type: "agent.message", id: eventId("9:7"), content: text("live") }];
    await settle();

    expect(transport.lists.length).toBeGreaterThanOrEqual(3);
    const ids = host.onEvent.mock.calls.map(([event]) => event.id);
    expect(ids).toEqual([...history().map((e) => (e as { id: string }).id), eventId("9:7")]);
    expect(host.onEvent.mock.calls.map(([, info]) => info.source)).toEqual([...history().map(() => "history"), "live"]);
    expect(host.onToolCall).toHaveBeenCalledTimes(1);
    expect(host.onToolCall.mock.calls[0]?.[0]).toMatchObject({ kind: "tool", id: eventId("9:2"), name: "run_cypher" });
    expect(host.onToolResult).toHaveBeenCalledTimes(1);
    expect(host.onToolResult.mock.calls[0]?.[0]).toMatchObject({ id: eventId("9:2"), result: { isError: false } });
  });

  it("does not report previews, only the event they become", async () => {
    const { transport, actions, host } = setup("sesn_9");
    actions.start();
    await settle();
    const stream = transport.lastStream();
    stream.open();
    await settle();
    stream.emit({ type: "event_start", event: { id: eventId("9:20"), type: "agent.message" } });
    stream.emit({
      type: "event_delta",
      event_id: eventId("9:20"),
      delta: { type: "content_delta", content: { type: "text", text: "x" } },
    });
    stream.emit({ type: "agent.message", id: eventId("9:20"), content: text("x") });
    await settle();
    expect(host.onEvent.mock.calls.map(([e]) => e.type)).toEqual(["agent.message"]);
  });

  it("reports a call and its result once each, also when the result arrives first", async () => {
    const { transport, actions, host } = setup("sesn_9");
    actions.start();
    await settle();
    const stream = transport.lastStream();
    stream.open();
    await settle();
    stream.emit(toolResult(31, 30));
    await settle();
    expect(host.onToolResult).not.toHaveBeenCalled();
    stream.emit(toolUse(30));
    stream.emit(toolUse(30));
    await settle();
    expect(host.onToolCall).toHaveBeenCalledTimes(1);
    expect(host.onToolResult).toHaveBeenCalledTimes(1);
    expect(host.onToolCall.mock.invocationCallOrder[0]).toBeLessThan(host.onToolResult.mock.invocationCallOrder[0]!);
  });

  it("reports each accepted send once, not refused ones nor retries", async () => {
    const { transport, store, actions, host } = setup();
    expect(actions.send("   ")).toBe(false);
    transport.sendFailures.push(new TracyHttpError(503, "down"));
    actions.setDraft("Why is checkout slow?");
    expect(actions.send()).toBe(true);
    await settle();
    actions.retrySend(store.getState().pending[0]!.key);
    await settle();
    actions.setContext({ tenantId: "acme", traceId: "trace-2" });
    actions.send("and this one?");
    await settle();
    // Sent while the first one's turn is under way: it waits, and is reported when it leaves.
    expect(host.onSend).toHaveBeenCalledTimes(1);
    transport.lastStream().open();
    await settle();
    runTurn(store, transport.lastStream());
    await settle();
    expect(host.onSend.mock.calls).toEqual([
      [{ text: "Why is checkout slow?", traceId: "trace-1" }],
      [{ text: "and this one?", traceId: "trace-2" }],
    ]);
  });

  it("reads the callbacks on each call, and a callback that throws never breaks the panel", async () => {
    const { transport, store, actions, host, replace } = setup("sesn_9");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const throwing = vi.fn(() => {
      throw new Error("host bug");
    });
    replace({ onEvent: throwing, onSend: throwing, onToolCall: throwing, onToolResult: throwing });
    transport.history["sesn_9"] = history();
    actions.start();
    await settle();
    transport.lastStream().open();
    await settle();
    expect(actions.send("still works")).toBe(true);
    await settle();
    expect(store.getState().transcript.order).toContain(eventId("9:5"));
    expect(transport.sends).toHaveLength(1);
    expect(throwing).toHaveBeenCalled();
    expect(logged).toHaveBeenCalled();
    expect(host.onEvent).not.toHaveBeenCalled();
    logged.mockRestore();
  });
});
