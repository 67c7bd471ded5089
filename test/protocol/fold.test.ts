// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  EMPTY_TRANSCRIPT,
  foldEvent,
  foldEvents,
  pausePreviews,
  type StreamEvent,
  type Transcript,
  type UnknownEvent,
} from "../../src/protocol";
import { createOpaqueIds } from "../helpers/opaque-ids";

const at = "2026-11-25T10:00:00Z";
const text = (t: string) => [{ type: "text" as const, text: t }];
const id = createOpaqueIds(11);
const delta = (eventId: string, t: string): StreamEvent => ({
  type: "event_delta",
  event_id: eventId,
  delta: { type: "content_delta", content: { type: "text", text: t }, index: 0 },
});

/** A turn as the live stream delivers it: previews, deltas and final events. */
const live: (StreamEvent | UnknownEvent)[] = [
  { type: "user.message", id: id("ask"), content: text("Why is checkout slow?"), processed_at: at },
  { type: "session.status_running", id: id("running"), processed_at: at },
  { type: "span.model_request_start", id: id("req1"), processed_at: at },
  { type: "event_start", event: { id: id("msg1"), type: "agent.message" } },
  delta(id("msg1"), "Let me "),
  delta(id("msg1"), "check."),
  { type: "agent.message", id: id("msg1"), content: text("Let me check."), processed_at: at },
  {
    type: "agent.mcp_tool_use",
    id: id("tool"),
    name: "run_cypher",
    mcp_server_name: "puppygraph",
    input: { query: "MATCH (s:Span) RETURN elementId(s)" },
    evaluated_permission: "allow",
    processed_at: at,
  },
  { type: "agent.hologram", id: id("future"), shimmer: true },
  {
    type: "agent.mcp_tool_result",
    id: id("result"),
    mcp_tool_use_id: id("tool"),
    content: text('{"rows":[]}'),
    is_error: false,
    processed_at: at,
  },
  {
    type: "span.model_request_end",
    id: id("end1"),
    model_request_start_id: id("req1"),
    is_error: false,
    model_usage: {
      input_tokens: 120,
      output_tokens: 40,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 30,
    },
    processed_at: at,
  },
  { type: "event_start", event: { id: id("msg2"), type: "agent.message" } },
  delta(id("msg2"), "The **db** span"),
  { type: "agent.message", id: id("msg2"), content: text("The **db** span is slow."), processed_at: at },
  {
    type: "session.status_idle",
    id: id("idle"),
    stop_reason: { type: "end_turn" },
    stop_details: null,
    processed_at: at,
  },
];

/** The same turn as `GET /events` returns it: persisted events only. */
const history = live.filter((e) => e.type !== "event_start" && e.type !== "event_delta");

const fold = (events: (StreamEvent | UnknownEvent)[], base: Transcript = EMPTY_TRANSCRIPT) =>
  events.reduce(foldEvent, base);

describe("foldEvents", () => {
  it("gives the same transcript for replayed history and the live stream", () => {
    expect(foldEvents(EMPTY_TRANSCRIPT, history)).toEqual(fold(live));
  });

  it("builds messages, tool cards with results, status and usage, in log order", () => {
    const t = fold(live);
    expect(t.order).toEqual([id("ask"), id("msg1"), id("tool"), id("future"), id("msg2")]);
    expect(t.items.get(id("ask"))).toMatchObject({ kind: "message", role: "user", text: "Why is checkout slow?" });
    expect(t.items.get(id("tool"))).toMatchObject({
      kind: "tool",
      source: "mcp",
      name: "run_cypher",
      serverName: "puppygraph",
      result: { id: id("result"), isError: false },
    });
    expect(t.items.get(id("future"))).toEqual({ kind: "unknown", id: id("future"), type: "agent.hologram" });
    expect(t.status).toEqual({ state: "idle", eventId: id("idle"), stopReason: { type: "end_turn" } });
    expect(t.usage).toEqual({ inputTokens: 120, outputTokens: 40, cacheReadTokens: 900, cacheWriteTokens: 30 });
    expect(t.lastEventId).toBe(id("idle"));
    expect(t.streamingIds).toEqual([]);
  });

  it("never orders by id: the ids here sort backwards, the transcript follows the log", () => {
    const ids = history.map((e) => (e as { id: string }).id);
    expect([...ids].sort()).toEqual([...ids].reverse());
    const shown = ids.filter((eventId) => fold(history).items.has(eventId));
    expect(fold(history).order).toEqual(shown);
  });

  it("ignores duplicates of every event", () => {
    const doubled = live.flatMap((e) => (e.type === "event_delta" ? [e] : [e, e]));
    expect(fold(doubled)).toEqual(fold(live));
    const once = fold(live);
    expect(foldEvents(once, history)).toEqual(once);
  });

  it("applies a status delivered again later as a duplicate, not as news", () => {
    const t = fold([...live, live[1] as StreamEvent]);
    expect(t.status.state).toBe("idle");
  });

  it("upserts a user message echoed queued and then processed, shown once", () => {
    const queued: StreamEvent = { type: "user.message", id: id("q"), content: text("And the db?"), processed_at: null };
    const processed: StreamEvent = { ...queued, processed_at: at };
    const first = fold([...live, queued]);
    expect(first.items.get(id("q"))).toMatchObject({ queued: true });
    const second = foldEvent(first, processed);
    expect(second.order.filter((x) => x === id("q"))).toHaveLength(1);
    expect(second.items.get(id("q"))).toMatchObject({ queued: false, text: "And the db?" });
    expect(fold([...live, processed]).items.get(id("q"))).toEqual(second.items.get(id("q")));
  });

  it("streams deltas into a preview that the final message replaces", () => {
    const partial = fold(live.slice(0, 6));
    expect(partial.items.get(id("msg1"))).toMatchObject({ text: "Let me check.", streaming: true });
    expect(partial.streamingIds).toEqual([id("msg1")]);
    const wrongPreview = foldEvent(partial, delta(id("msg1"), " (dup)"));
    const final = foldEvent(wrongPreview, live[6] as StreamEvent);
    expect(final.items.get(id("msg1"))).toMatchObject({ text: "Let me check.", streaming: false });
  });

  it("ignores deltas that arrive after the final message", () => {
    const t = fold(live);
    const late = foldEvent(t, live[4] as StreamEvent);
    expect(late.items.get(id("msg1"))).toBe(t.items.get(id("msg1")));
  });

  it("shows a message it joined mid-stream as being written, without text that would have a gap", () => {
    const t = fold([...live.slice(0, 3), delta(id("msg1"), "check."), delta(id("msg1"), " More")]);
    expect(t.items.get(id("msg1"))).toMatchObject({ text: "", streaming: true });
    expect(t.streamingIds).toEqual([id("msg1")]);
    expect(foldEvent(t, live[6] as StreamEvent).items.get(id("msg1"))).toMatchObject({ text: "Let me check." });
  });

  it("pauses open previews when their stream is gone, until the final message or a fresh start", () => {
    const partial = pausePreviews(fold(live.slice(0, 5)));
    expect(partial.pausedIds).toEqual([id("msg1")]);
    const gap = foldEvent(partial, delta(id("msg1"), "ck."));
    expect(gap.items.get(id("msg1"))).toMatchObject({ text: "Let me ", streaming: true });
    const final = foldEvent(gap, live[6] as StreamEvent);
    expect(final.items.get(id("msg1"))).toMatchObject({ text: "Let me check.", streaming: false });
    expect(final.pausedIds).toEqual([]);
    const restarted = fold([live[3] as StreamEvent, live[4] as StreamEvent], partial);
    expect(restarted.items.get(id("msg1"))).toMatchObject({ text: "Let me ", streaming: true });
    expect(restarted.pausedIds).toEqual([]);
    expect(pausePreviews(EMPTY_TRANSCRIPT)).toBe(EMPTY_TRANSCRIPT);
  });

  it("resets a preview when a resuming proxy restarts it", () => {
    const t = fold([...live.slice(0, 6), live[3] as StreamEvent, live[4] as StreamEvent]);
    expect(t.items.get(id("msg1"))).toMatchObject({ text: "Let me ", streaming: true });
  });

  it("closes an unfinished preview when its model request ends, and still takes its final event", () => {
    const closed = fold([...live.slice(0, 6), live[10] as StreamEvent]);
    expect(closed.items.get(id("msg1"))).toMatchObject({ text: "Let me check.", streaming: false });
    expect(closed.streamingIds).toEqual([]);
    const final = foldEvent(closed, { type: "agent.message", id: id("msg1"), content: text("Let me check it.") });
    expect(final.items.get(id("msg1"))).toMatchObject({ text: "Let me check it.", streaming: false });
    expect(final.order.filter((x) => x === id("msg1"))).toHaveLength(1);
  });

  it("attaches a tool result that arrives before its tool use", () => {
    const t = fold([live[9] as StreamEvent, live[7] as StreamEvent]);
    expect(t.items.get(id("tool"))).toMatchObject({ result: { id: id("result") } });
    expect(t.orphanResults).toEqual({});
  });

  it("takes the latest status in log order", () => {
    const idle = live[14] as StreamEvent;
    const running = live[1] as StreamEvent;
    expect(fold([idle, running]).status.state).toBe("running");
    expect(fold([running, idle]).status.state).toBe("idle");
  });

  it("records errors with their retry status and terminal notices", () => {
    const t = fold([
      {
        type: "session.error",
        id: id("err"),
        error: { type: "model_overloaded_error", message: "Overloaded", retry_status: { type: "retrying" } },
      },
      { type: "session.status_terminated", id: id("terminated") },
    ]);
    expect(t.items.get(id("err"))).toEqual({
      kind: "error",
      id: id("err"),
      errorType: "model_overloaded_error",
      message: "Overloaded",
      retry: "retrying",
    });
    expect(t.items.get(id("terminated"))).toMatchObject({ kind: "notice", notice: "terminated" });
    expect(t.status.state).toBe("terminated");
  });

  it("keeps the latest session usage snapshot in log order, with cost and budget", () => {
    const t = fold([
      { type: "session.usage", id: id("u1"), usage: { input_tokens: 5 } },
      {
        type: "session.usage",
        id: id("u2"),
        usage: { input_tokens: 10, list_cost: { amount: "0.02", currency: "USD" } },
        budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
      },
    ]);
    expect(t.sessionUsage).toMatchObject({
      eventId: id("u2"),
      totals: { inputTokens: 10 },
      cost: { amount: "0.02" },
      budget: { amount: "5.00" },
    });
  });

  it("never mutates its input", () => {
    const before = fold(live.slice(0, 5));
    const snapshot = structuredClone(before);
    foldEvents(before, live.slice(5));
    expect(before).toEqual(snapshot);
  });
});

describe("interrupts without an id", () => {
  const interrupt = (processed: string | null, eventId = ""): StreamEvent =>
    ({ type: "user.interrupt", id: eventId, processed_at: processed }) as StreamEvent;

  it("are applied once, whether echoed twice or listed again in the history", () => {
    const base = fold(live.slice(0, 6));
    const echoed = fold([interrupt(null), interrupt(at)], base);
    const notices = (t: Transcript) => [...t.items.values()].filter((i) => i.kind === "notice");
    expect(notices(echoed)).toHaveLength(1);
    expect(notices(fold([interrupt(at)], echoed))).toHaveLength(1);
    expect(echoed.lastEventId).toBe(base.lastEventId);
  });

  it("are shown from their processed echo, so a copy folded after later events is still the same one", () => {
    const base = fold(live.slice(0, 6));
    const queued = fold([interrupt(null)], base);
    expect(queued).toEqual(base);
    const later = { type: "user.message", id: id("ask2"), content: text("Again"), processed_at: at } as StreamEvent;
    const t = fold([interrupt(at), later, interrupt(null), interrupt(at)], base);
    expect([...t.items.values()].filter((i) => i.kind === "notice")).toHaveLength(1);
    const second = fold([interrupt("2026-11-25T10:05:00Z")], t);
    expect([...second.items.values()].filter((i) => i.kind === "notice")).toHaveLength(2);
  });

  it("without any timestamp belong to the question they interrupt", () => {
    const bare = { type: "user.interrupt" } as StreamEvent;
    const later = { type: "user.message", id: id("ask3"), content: text("Again"), processed_at: at } as StreamEvent;
    const t = fold([...history, bare, bare, later, bare]);
    expect([...t.items.values()].filter((i) => i.kind === "notice")).toHaveLength(2);
  });
});

describe("requires_action", () => {
  const use = (name: string): StreamEvent =>
    ({ type: "agent.tool_use", id: id(name), name: "bash", input: {}, evaluated_permission: "ask" }) as StreamEvent;
  const idle = (name: string, stop_reason: unknown): StreamEvent =>
    ({ type: "session.status_idle", id: id(name), stop_reason, stop_details: null }) as StreamEvent;

  it("keeps every call open while the agent waits, also after a partial answer re-emits idle with the rest", () => {
    const waiting = fold([
      use("a"),
      use("b"),
      idle("idle-ab", { type: "requires_action", event_ids: [id("a"), id("b")] }),
    ]);
    expect(waiting.openToolIds).toEqual([id("a"), id("b")]);
    const partial = fold(
      [
        { type: "user.tool_confirmation", id: id("allow-a"), tool_use_id: id("a"), result: "allow" } as StreamEvent,
        idle("idle-b", { type: "requires_action", event_ids: [id("b")] }),
      ],
      waiting,
    );
    expect(partial.items.get(id("a"))).toMatchObject({ unfinished: false, confirmation: { result: "allow" } });
    expect(partial.openToolIds).toEqual([id("a"), id("b")]);
    expect(partial.status.stopReason).toEqual({ type: "requires_action", event_ids: [id("b")] });
  });
});

describe("system messages", () => {
  const context = (trace: string): StreamEvent =>
    ({ type: "system.message", id: id.next(), content: text(`tenant_id: acme\ntrace_id: ${trace}`) }) as StreamEvent;
  const ask = (name: string): StreamEvent =>
    ({ type: "user.message", id: id(name), content: text(name), processed_at: at }) as StreamEvent;

  it("are never shown as something the user typed, and give the next question its trace", () => {
    const t = fold([context("4bf92f3577b34da6"), ask("first"), ask("second")]);
    expect(t.order).toEqual([id("first"), id("second")]);
    expect(t.items.get(id("first"))).toMatchObject({ traceId: "4bf92f3577b34da6" });
    expect(t.items.get(id("second"))).not.toHaveProperty("traceId");
  });

  it("logged right after a question belong to it", () => {
    const t = fold([ask("q"), context("abc123")]);
    expect(t.items.get(id("q"))).toMatchObject({ traceId: "abc123" });
  });

  it("are read in the forms a backend may write them", () => {
    const forms = [
      "Context from the ClawTrace host for this turn. tenant_id: acme. trace_id: 4bf92f. Scope every query to this tenant.",
      "tenant_id=acme trace_id=4bf92f",
      '{"tenant_id":"acme","trace_id":"4bf92f"}',
    ];
    for (const form of forms) {
      const t = fold([ask(`q-${form}`), { type: "system.message", id: id.next(), content: text(form) } as StreamEvent]);
      expect(t.items.get(id(`q-${form}`)), form).toMatchObject({ traceId: "4bf92f" });
    }
    const none = fold([
      ask("q-none"),
      { type: "system.message", id: id.next(), content: text("trace_id: none.") } as StreamEvent,
    ]);
    expect(none.items.get(id("q-none"))).toMatchObject({ traceId: null });
  });

  it("without trace context change nothing", () => {
    const t = fold([{ type: "system.message", id: id.next(), content: text("Be brief.") } as StreamEvent, ask("x")]);
    expect(t.items.get(id("x"))).not.toHaveProperty("traceId");
    expect(t.context).toBeNull();
  });
});

describe("tool calls that never get a result", () => {
  const use = (name: string): StreamEvent =>
    ({ type: "agent.custom_tool_use", id: id(name), name: "run_cypher", input: {} }) as StreamEvent;
  const idle = (name: string, stop_reason: unknown): StreamEvent =>
    ({ type: "session.status_idle", id: id(name), stop_reason, stop_details: null }) as StreamEvent;

  it("are marked unfinished when the turn ends without them", () => {
    const t = foldEvents(EMPTY_TRANSCRIPT, [use("t1"), idle("end", { type: "end_turn" })]);
    expect(t.items.get(id("t1"))).toMatchObject({ result: null, unfinished: true });
    expect(t.openToolIds).toEqual([]);
  });

  it("stay open while the agent waits on them, and when they come after the end", () => {
    const waiting = foldEvents(EMPTY_TRANSCRIPT, [
      use("t2"),
      idle("wait", { type: "requires_action", event_ids: [id("t2")] }),
    ]);
    expect(waiting.items.get(id("t2"))).toMatchObject({ unfinished: false });
    const late = foldEvents(EMPTY_TRANSCRIPT, [idle("end2", { type: "end_turn" }), use("t3")]);
    expect(late.items.get(id("t3"))).toMatchObject({ unfinished: false });
    expect(late.openToolIds).toEqual([id("t3")]);
  });

  it("get their result even after the turn ended, and are then finished", () => {
    const ended = foldEvents(EMPTY_TRANSCRIPT, [use("t4"), idle("end3", { type: "end_turn" })]);
    const answered = foldEvents(ended, [
      { type: "user.custom_tool_result", id: id("r4"), custom_tool_use_id: id("t4"), content: [] } as StreamEvent,
    ]);
    expect(answered.items.get(id("t4"))).toMatchObject({ result: { id: id("r4") }, unfinished: false });
  });
});
