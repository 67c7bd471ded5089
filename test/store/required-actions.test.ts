// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { EMPTY_TRANSCRIPT, foldEvents, type StreamEvent } from "../../src/protocol";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { requiredActionsOf } from "../../src/store/select-required-actions";
import { selectPhase } from "../../src/store/selectors";
import { usageOf } from "../../src/store/select-usage";
import { TracyHttpError } from "../../src/transport/errors";
import { ExactInteger } from "../../src/protocol/exact-json";
import { unsafeIntegers } from "../helpers/big-integers";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { settle, installFakeClock } from "../helpers/fake-clock";

installFakeClock();

const askTool: StreamEvent = {
  type: "agent.mcp_tool_use",
  id: eventId("1:3"),
  name: "delete_saved_query",
  mcp_server_name: "clawtrace",
  input: { name: "checkout-debug" },
  evaluated_permission: "ask",
};
const clientTool: StreamEvent = {
  type: "agent.custom_tool_use",
  id: eventId("1:3"),
  name: "get_current_trace",
  input: {},
};
const blockedOn = (id: string, n = 4): StreamEvent => ({
  type: "session.status_idle",
  id: eventId(`1:${n}`),
  stop_reason: { type: "requires_action", event_ids: [id] },
  stop_details: null,
});

describe("required actions, derived from the log", () => {
  it("asks for approval while the agent is blocked on an `ask` tool, and not after it is answered", () => {
    const waiting = foldEvents(EMPTY_TRANSCRIPT, [askTool, blockedOn(eventId("1:3"))]);
    expect(requiredActionsOf(waiting)).toMatchObject([{ kind: "approval", tool: { id: eventId("1:3") } }]);
    const answered = foldEvents(waiting, [
      {
        type: "user.tool_confirmation",
        id: eventId("1:5"),
        tool_use_id: eventId("1:3"),
        result: "deny",
        deny_message: "not now",
      },
    ]);
    expect(requiredActionsOf(answered)).toEqual([]);
    expect(answered.items.get(eventId("1:3"))).toMatchObject({
      confirmation: { result: "deny", denyMessage: "not now" },
    });
  });

  it("gives the same answer for replayed history, duplicates included", () => {
    const events = [askTool, blockedOn(eventId("1:3"))];
    const a = requiredActionsOf(foldEvents(EMPTY_TRANSCRIPT, events));
    const b = requiredActionsOf(foldEvents(foldEvents(EMPTY_TRANSCRIPT, events), [...events].reverse()));
    expect(b).toEqual(a);
  });

  it("reports the waiting phase", () => {
    const t = foldEvents(EMPTY_TRANSCRIPT, [askTool, blockedOn(eventId("1:3"))]);
    const state = { transcript: t, pending: [] } as unknown as Parameters<typeof selectPhase>[0];
    expect(selectPhase(state)).toMatchObject({ kind: "waiting", step: "waiting-approval" });
  });
});

function setup(tools?: Record<string, (input: Record<string, unknown>) => unknown>) {
  const transport = new FakeTransport();
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    traceId: "t1",
    sessionId: "sesn_1",
    tools: () => tools,
  });
  store.getState().actions.start();
  return { transport, store, actions: store.getState().actions };
}

describe("approvals in the store", () => {
  it("sends user.tool_confirmation once, with a key derived from the tool use id", async () => {
    const { transport, actions, store } = setup();
    await settle();
    for (const e of [askTool, blockedOn(eventId("1:3"))]) transport.lastStream().emit(e);
    await settle();
    actions.confirmTool(eventId("1:3"), "allow");
    actions.confirmTool(eventId("1:3"), "allow");
    await settle();
    expect(transport.sends).toHaveLength(1);
    expect(transport.sends[0]).toMatchObject({
      key: `tool-confirmation:${eventId("1:3")}:allow`,
      events: [{ type: "user.tool_confirmation", tool_use_id: eventId("1:3"), result: "allow" }],
    });
    expect(store.getState().confirmations[eventId("1:3")]).toEqual({ result: "allow", error: null });
  });

  it("holds a new message (and keeps it as the draft) until the approval is answered", async () => {
    const { transport, actions, store } = setup();
    await settle();
    for (const e of [askTool, blockedOn(eventId("1:3"))]) transport.lastStream().emit(e);
    await settle();
    actions.setDraft("never mind, show me the slow spans");
    expect(actions.send()).toBe(false);
    expect(store.getState().draft).toBe("never mind, show me the slow spans");
    expect(store.getState().pending).toEqual([]);
    await settle();
    expect(transport.sends).toEqual([]);
  });

  it("keeps a failed answer retryable and says why", async () => {
    const { transport, actions, store } = setup();
    await settle();
    transport.sendFailures.push(new TracyHttpError(409, "busy"));
    actions.confirmTool(eventId("1:3"), "deny", "  too risky ");
    await settle();
    expect(store.getState().confirmations[eventId("1:3")]?.error?.kind).toBe("busy");
    actions.confirmTool(eventId("1:3"), "deny", "too risky");
    await settle();
    expect(transport.sends.map((s) => s.events)).toEqual([
      [{ type: "user.tool_confirmation", tool_use_id: eventId("1:3"), result: "deny", deny_message: "too risky" }],
      [{ type: "user.tool_confirmation", tool_use_id: eventId("1:3"), result: "deny", deny_message: "too risky" }],
    ]);
  });
});

describe("client tools", () => {
  it("runs the host handler once and answers with user.custom_tool_result, across duplicates and reconnects", async () => {
    const handler = vi.fn(async () => "trace 4bf9");
    const { transport } = setup({ get_current_trace: handler });
    await settle();
    const stream = transport.lastStream();
    stream.emit(clientTool);
    stream.emit(blockedOn(eventId("1:3")));
    stream.emit(blockedOn(eventId("1:3"))); // duplicate
    stream.open(); // reconnect: history replays the same events
    transport.history["sesn_1"] = [clientTool, blockedOn(eventId("1:3"))];
    stream.open();
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]).toMatchObject([{}, { tenantId: "acme", traceId: "t1", toolUseId: eventId("1:3") }]);
    expect(transport.sends).toEqual([
      expect.objectContaining({
        key: `custom-tool-result:${eventId("1:3")}`,
        events: [{ type: "user.custom_tool_result", custom_tool_use_id: eventId("1:3"), content: text("trace 4bf9") }],
      }),
    ]);
  });

  it("does not run a tool that the log shows as answered already (reload)", async () => {
    const handler = vi.fn(() => "x");
    const { transport } = setup({ get_current_trace: handler });
    transport.history["sesn_1"] = [
      clientTool,
      blockedOn(eventId("1:3")),
      {
        type: "user.custom_tool_result",
        id: eventId("1:5"),
        custom_tool_use_id: eventId("1:3"),
        content: text("done before"),
      },
      { type: "session.status_running", id: eventId("1:6") },
    ];
    await settle();
    transport.lastStream().open();
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(transport.sends).toEqual([]);
  });

  it("answers an unknown tool or a throwing handler with is_error", async () => {
    const { transport } = setup({
      get_current_trace: () => {
        throw new Error("no trace open");
      },
    });
    await settle();
    const stream = transport.lastStream();
    stream.emit(clientTool);
    stream.emit(blockedOn(eventId("1:3")));
    await settle();
    stream.emit({
      type: "user.custom_tool_result",
      id: eventId("1:5"),
      custom_tool_use_id: eventId("1:3"),
      content: text("no trace open"),
      is_error: true,
    });
    stream.emit({ type: "agent.custom_tool_use", id: eventId("1:7"), name: "launch_rockets", input: {} });
    stream.emit(blockedOn(eventId("1:7"), 8));
    await settle();
    expect(transport.sends.map((s) => s.events[0])).toEqual([
      {
        type: "user.custom_tool_result",
        custom_tool_use_id: eventId("1:3"),
        content: text("no trace open"),
        is_error: true,
      },
      {
        type: "user.custom_tool_result",
        custom_tool_use_id: eventId("1:7"),
        content: text("No client tool named “launch_rockets” is available in this app."),
        is_error: true,
      },
    ]);
  });
});

describe("tools the server runs (run_cypher)", () => {
  const cypherUse: StreamEvent = {
    type: "agent.custom_tool_use",
    id: eventId("1:3"),
    name: "run_cypher",
    input: { query: "MATCH (s:Span) RETURN s LIMIT 1" },
  };

  it("never answers run_cypher, even with a host handler of that name, and shows it running on the server", async () => {
    const handler = vi.fn(() => "[]");
    const { transport, store } = setup({ run_cypher: handler });
    await settle();
    const stream = transport.lastStream();
    stream.emit(cypherUse);
    stream.emit(blockedOn(eventId("1:3")));
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(transport.sends).toEqual([]);
    expect(requiredActionsOf(store.getState().transcript)).toMatchObject([{ kind: "server_tool" }]);
    expect(selectPhase(store.getState())).toMatchObject({ step: "running-tool", tool: "run_cypher" });
  });

  it("still answers the host's own tools waited on in the same idle", async () => {
    const handler = vi.fn(() => "trace 4bf9");
    const { transport } = setup({ get_current_trace: handler });
    await settle();
    const stream = transport.lastStream();
    stream.emit(cypherUse);
    stream.emit({ type: "agent.custom_tool_use", id: eventId("1:4"), name: "get_current_trace", input: {} });
    stream.emit({
      type: "session.status_idle",
      id: eventId("1:5"),
      stop_reason: { type: "requires_action", event_ids: [eventId("1:3"), eventId("1:4")] },
      stop_details: null,
    });
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(transport.sends.map((s) => s.events[0])).toEqual([
      { type: "user.custom_tool_result", custom_tool_use_id: eventId("1:4"), content: text("trace 4bf9") },
    ]);
  });
});

describe("usage", () => {
  const end = (n: number, start: number, u: [number, number, number, number]): StreamEvent => ({
    type: "span.model_request_end",
    id: eventId(`1:${n}`),
    model_request_start_id: eventId(`1:${start}`),
    is_error: false,
    model_usage: {
      input_tokens: u[0],
      cache_read_input_tokens: u[1],
      cache_creation_input_tokens: u[2],
      output_tokens: u[3],
    },
  });
  const events: StreamEvent[] = [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("one") },
    end(3, 2, [100, 0, 2000, 50]),
    end(5, 4, [20, 2000, 0, 80]),
    { type: "user.message", id: eventId("1:10"), processed_at: PROCESSED_AT, content: text("two") },
    end(12, 11, [30, 4000, 10, 60]),
    {
      type: "session.usage",
      id: eventId("1:13"),
      usage: {
        input_tokens: 150,
        output_tokens: 190,
        cache_read_input_tokens: 6000,
        cache_creation: { ephemeral_5m_input_tokens: 2010 },
        list_cost: { amount: "0.04", currency: "USD" },
      },
      budget: { type: "limit", max_list_cost: { amount: "5.00", currency: "USD" } },
    },
  ];

  it("splits new input, cache reads, cache writes and output per turn and for the session", () => {
    const u = usageOf(foldEvents(EMPTY_TRANSCRIPT, events));
    expect(u.turns).toEqual([
      {
        userMessageId: eventId("1:1"),
        modelRequests: 2,
        totals: { inputTokens: 120, cacheReadTokens: 2000, cacheWriteTokens: 2000, outputTokens: 130 },
      },
      {
        userMessageId: eventId("1:10"),
        modelRequests: 1,
        totals: { inputTokens: 30, cacheReadTokens: 4000, cacheWriteTokens: 10, outputTokens: 60 },
      },
    ]);
    expect(u.session).toEqual({ inputTokens: 150, outputTokens: 190, cacheReadTokens: 6000, cacheWriteTokens: 2010 });
    expect(u.cost).toEqual({ amount: "0.04", currency: "USD" });
    expect(u.budget).toEqual({ amount: "5.00", currency: "USD" });
    expect(u.budgetReached).toBe(false);
  });

  it("is the same for replayed history, duplicates included", () => {
    const live = usageOf(foldEvents(EMPTY_TRANSCRIPT, events));
    const replay = usageOf(foldEvents(foldEvents(EMPTY_TRANSCRIPT, events), [...events].reverse()));
    expect(replay).toEqual(live);
  });

  it("shows a reached budget", () => {
    const t = foldEvents(EMPTY_TRANSCRIPT, [
      ...events,
      { type: "session.status_idle", id: eventId("1:14"), stop_reason: { type: "budget_reached" }, stop_details: null },
    ]);
    expect(usageOf(t).budgetReached).toBe(true);
    expect(t.items.get(eventId("1:14"))).toMatchObject({ kind: "notice", notice: "budget_reached" });
  });
});

describe("threads", () => {
  it("folds sub-agent messages into labelled items and compaction into a divider", () => {
    const t = foldEvents(EMPTY_TRANSCRIPT, [
      {
        type: "session.thread_created",
        id: eventId("1:1"),
        session_thread_id: "th_1",
        agent_name: "span-analyst",
        workflow_run_id: null,
      },
      {
        type: "agent.thread_message_sent",
        id: eventId("1:2"),
        to_session_thread_id: "th_1",
        to_agent_name: "span-analyst",
        content: text("Check payments"),
      },
      {
        type: "agent.thread_message_received",
        id: eventId("1:3"),
        from_session_thread_id: "th_1",
        from_agent_name: "span-analyst",
        content: text("payments-db is slow"),
      },
      { type: "agent.thread_context_compacted", id: eventId("1:4") },
    ]);
    expect(t.order.map((id) => t.items.get(id)?.kind)).toEqual([
      "notice",
      "thread_message",
      "thread_message",
      "notice",
    ]);
    expect(t.items.get(eventId("1:3"))).toMatchObject({
      direction: "received",
      agentName: "span-analyst",
      text: "payments-db is slow",
    });
    expect(t.items.get(eventId("1:4"))).toMatchObject({ notice: "context_compacted" });
  });
});

describe("client tools and 64-bit ids", () => {
  it("answers with the exact digits of ids the tool was given or computed", async () => {
    const [given, computed] = unsafeIntegers(0xc11e, 2) as [string, string];
    const handler = vi.fn((input: Record<string, unknown>) => ({ trace_id: input.trace_id, parent: BigInt(computed) }));
    const { transport } = setup({ get_current_trace: handler });
    await settle();
    const stream = transport.lastStream();
    stream.emit({ ...clientTool, input: { trace_id: new ExactInteger(given) } });
    stream.emit(blockedOn(eventId("1:3")));
    await settle();
    expect(transport.sends).toMatchObject([
      { events: [{ type: "user.custom_tool_result", content: text(`{"trace_id":${given},"parent":${computed}}`) }] },
    ]);
  });
});
