// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  EMPTY_TRANSCRIPT,
  compareEventIds,
  foldEvent,
  foldEvents,
  type StreamEvent,
  type Transcript,
  type UnknownEvent,
} from "../../src/protocol";

const at = "2026-11-25T10:00:00Z";
const text = (t: string) => [{ type: "text" as const, text: t }];

/** A turn as the live stream delivers it: previews, deltas and final events. */
const live: (StreamEvent | UnknownEvent)[] = [
  { type: "user.message", id: "sevt_1_1", content: text("Why is checkout slow?"), processed_at: at },
  { type: "session.status_running", id: "sevt_1_2", processed_at: at },
  { type: "span.model_request_start", id: "sevt_1_3", processed_at: at },
  { type: "event_start", event: { id: "sevt_1_4", type: "agent.message" } },
  {
    type: "event_delta",
    event_id: "sevt_1_4",
    delta: { type: "content_delta", content: { type: "text", text: "Let me " }, index: 0 },
  },
  {
    type: "event_delta",
    event_id: "sevt_1_4",
    delta: { type: "content_delta", content: { type: "text", text: "check." }, index: 0 },
  },
  { type: "agent.message", id: "sevt_1_4", content: text("Let me check."), processed_at: at },
  {
    type: "agent.mcp_tool_use",
    id: "sevt_1_5",
    name: "run_cypher",
    mcp_server_name: "puppygraph",
    input: { query: "MATCH (s:Span) RETURN elementId(s)" },
    evaluated_permission: "allow",
    processed_at: at,
  },
  { type: "agent.hologram", id: "sevt_1_6", shimmer: true },
  {
    type: "agent.mcp_tool_result",
    id: "sevt_1_7",
    mcp_tool_use_id: "sevt_1_5",
    content: text('{"rows":[]}'),
    is_error: false,
    processed_at: at,
  },
  {
    type: "span.model_request_end",
    id: "sevt_1_8",
    model_request_start_id: "sevt_1_3",
    is_error: false,
    model_usage: {
      input_tokens: 120,
      output_tokens: 40,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 30,
    },
    processed_at: at,
  },
  { type: "event_start", event: { id: "sevt_1_10", type: "agent.message" } },
  {
    type: "event_delta",
    event_id: "sevt_1_10",
    delta: { type: "content_delta", content: { type: "text", text: "The **db** span" }, index: 0 },
  },
  { type: "agent.message", id: "sevt_1_10", content: text("The **db** span is slow."), processed_at: at },
  {
    type: "session.status_idle",
    id: "sevt_1_11",
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

  it("builds messages, tool cards with results, status and usage", () => {
    const t = fold(live);
    expect(t.order).toEqual(["sevt_1_1", "sevt_1_4", "sevt_1_5", "sevt_1_6", "sevt_1_10"]);
    expect(t.items.get("sevt_1_1")).toMatchObject({ kind: "message", role: "user", text: "Why is checkout slow?" });
    expect(t.items.get("sevt_1_5")).toMatchObject({
      kind: "tool",
      source: "mcp",
      name: "run_cypher",
      serverName: "puppygraph",
      result: { id: "sevt_1_7", isError: false },
    });
    expect(t.items.get("sevt_1_6")).toEqual({ kind: "unknown", id: "sevt_1_6", type: "agent.hologram" });
    expect(t.status).toEqual({ state: "idle", eventId: "sevt_1_11", stopReason: { type: "end_turn" } });
    expect(t.usage).toEqual({ inputTokens: 120, outputTokens: 40, cacheReadTokens: 900, cacheWriteTokens: 30 });
    expect(t.lastEventId).toBe("sevt_1_11");
    expect(t.streamingIds).toEqual([]);
  });

  it("ignores duplicates of every event", () => {
    const doubled = live.flatMap((e) => (e.type === "event_delta" ? [e] : [e, e]));
    expect(fold(doubled)).toEqual(fold(live));
    const once = fold(live);
    expect(foldEvents(once, history)).toEqual(once);
  });

  it("orders persisted events by numeric id whatever order they arrive in", () => {
    const shuffled = [...history].reverse();
    const t = foldEvents(EMPTY_TRANSCRIPT, shuffled);
    expect(t.order).toEqual(fold(live).order);
    expect(t.items).toEqual(fold(live).items);
    expect(t.status.state).toBe("idle");
  });

  it("streams deltas into a preview that the final message replaces", () => {
    const partial = fold(live.slice(0, 6));
    expect(partial.items.get("sevt_1_4")).toMatchObject({ text: "Let me check.", streaming: true });
    expect(partial.streamingIds).toEqual(["sevt_1_4"]);
    const wrongPreview = foldEvent(partial, {
      type: "event_delta",
      event_id: "sevt_1_4",
      delta: { type: "content_delta", content: { type: "text", text: " (dup)" }, index: 0 },
    });
    const final = foldEvent(wrongPreview, live[6] as StreamEvent);
    expect(final.items.get("sevt_1_4")).toMatchObject({ text: "Let me check.", streaming: false });
  });

  it("ignores deltas that arrive after the final message", () => {
    const t = fold(live);
    const late = foldEvent(t, live[4] as StreamEvent);
    expect(late.items.get("sevt_1_4")).toBe(t.items.get("sevt_1_4"));
  });

  it("resets a preview when the stream restarts it after a reconnect", () => {
    const t = fold([...live.slice(0, 6), live[3] as StreamEvent, live[4] as StreamEvent]);
    expect(t.items.get("sevt_1_4")).toMatchObject({ text: "Let me ", streaming: true });
  });

  it("closes an unfinished preview when its model request ends without a final event", () => {
    const t = fold(
      [...live.slice(0, 6), live[9] as StreamEvent, live[10] as StreamEvent].filter(
        (e) => e.type !== "agent.mcp_tool_result",
      ),
    );
    expect(t.items.get("sevt_1_4")).toMatchObject({ text: "Let me check.", streaming: false });
    expect(t.streamingIds).toEqual([]);
  });

  it("keeps streaming a preview when an end or idle older than it arrives late (history reloaded mid-answer)", () => {
    const earlierIdle: StreamEvent = {
      type: "session.status_idle",
      id: "sevt_1_9",
      stop_reason: { type: "end_turn" },
      stop_details: null,
      processed_at: at,
    };
    const streaming = fold(live.slice(11, 13));
    expect(streaming.streamingIds).toEqual(["sevt_1_10"]);
    const reloaded = foldEvents(streaming, [...history.slice(0, 8), earlierIdle]);
    expect(reloaded.items.get("sevt_1_10")).toMatchObject({ text: "The **db** span", streaming: true });
    const done = fold(live.slice(13, 15), reloaded);
    expect(done.items.get("sevt_1_10")).toMatchObject({ text: "The **db** span is slow.", streaming: false });
    expect(done.streamingIds).toEqual([]);
  });

  it("attaches a tool result that arrives before its tool use", () => {
    const use = live[7] as StreamEvent;
    const result = live[9] as StreamEvent;
    const t = fold([result, use]);
    expect(t.items.get("sevt_1_5")).toMatchObject({ result: { id: "sevt_1_7" } });
    expect(t.orphanResults).toEqual({});
  });

  it("keeps the latest status by id, not by arrival", () => {
    const idle = live[14] as StreamEvent;
    const running = live[1] as StreamEvent;
    expect(fold([idle, running]).status.state).toBe("idle");
  });

  it("records errors with their retry status and terminal notices", () => {
    const t = fold([
      {
        type: "session.error",
        id: "sevt_2_1",
        error: { type: "model_overloaded_error", message: "Overloaded", retry_status: { type: "retrying" } },
      },
      { type: "session.status_terminated", id: "sevt_2_2" },
    ]);
    expect(t.items.get("sevt_2_1")).toEqual({
      kind: "error",
      id: "sevt_2_1",
      errorType: "model_overloaded_error",
      message: "Overloaded",
      retry: "retrying",
    });
    expect(t.items.get("sevt_2_2")).toMatchObject({ kind: "notice", notice: "terminated" });
    expect(t.status.state).toBe("terminated");
  });

  it("keeps the latest session usage snapshot with cost and budget", () => {
    const t = fold([
      {
        type: "session.usage",
        id: "sevt_3_5",
        usage: { input_tokens: 10, list_cost: { amount: "0.02", currency: "USD" } },
        budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
      },
      { type: "session.usage", id: "sevt_3_2", usage: { input_tokens: 5 } },
    ]);
    expect(t.sessionUsage).toMatchObject({
      eventId: "sevt_3_5",
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

describe("compareEventIds", () => {
  it("compares digit runs numerically", () => {
    const ids = ["sevt_12_10", "sevt_2_1", "sevt_12_3", "sevt_12_9", "sevt_13_1"];
    expect([...ids].sort(compareEventIds)).toEqual(["sevt_2_1", "sevt_12_3", "sevt_12_9", "sevt_12_10", "sevt_13_1"]);
  });
  it("orders opaque fixed-width ids as strings", () => {
    expect(compareEventIds("sevt_01HZX", "sevt_01HZY")).toBeLessThan(0);
    expect(compareEventIds("a", "a")).toBe(0);
  });
});

describe("tool calls that never get a result", () => {
  const use = (id: string, name = "run_cypher"): StreamEvent =>
    ({
      type: "agent.custom_tool_use",
      id,
      name,
      input: {},
    }) as StreamEvent;
  const idle = (id: string, stop_reason: unknown): StreamEvent =>
    ({ type: "session.status_idle", id, stop_reason, stop_details: null }) as StreamEvent;

  it("are marked unfinished when the turn ends without them", () => {
    const t = foldEvents(EMPTY_TRANSCRIPT, [use("sevt_1_2"), idle("sevt_1_4", { type: "end_turn" })]);
    expect(t.items.get("sevt_1_2")).toMatchObject({ result: null, unfinished: true });
    expect(t.openToolIds).toEqual([]);
  });

  it("stay open while the agent waits on them, or when the end is older than they are", () => {
    const waiting = foldEvents(EMPTY_TRANSCRIPT, [
      use("sevt_1_2"),
      use("sevt_1_3"),
      idle("sevt_1_4", { type: "requires_action", event_ids: ["sevt_1_3"] }),
    ]);
    expect(waiting.items.get("sevt_1_2")).toMatchObject({ unfinished: true });
    expect(waiting.items.get("sevt_1_3")).toMatchObject({ unfinished: false });
    expect(waiting.openToolIds).toEqual(["sevt_1_3"]);

    const late = foldEvents(EMPTY_TRANSCRIPT, [use("sevt_1_9"), idle("sevt_1_4", { type: "end_turn" })]);
    expect(late.items.get("sevt_1_9")).toMatchObject({ unfinished: false });
  });

  it("get their result even after the turn ended, and are then finished", () => {
    const ended = foldEvents(EMPTY_TRANSCRIPT, [use("sevt_1_2"), idle("sevt_1_4", { type: "end_turn" })]);
    const answered = foldEvents(ended, [
      { type: "user.custom_tool_result", id: "sevt_1_5", custom_tool_use_id: "sevt_1_2", content: [] } as StreamEvent,
    ]);
    expect(answered.items.get("sevt_1_2")).toMatchObject({ result: { id: "sevt_1_5" }, unfinished: false });
  });
});
