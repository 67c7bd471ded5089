// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoApi, TENANT, isFinalIdle, isIdle } from "./demo-test-kit";
import type { WireEventJson } from "./sse-test-client";

const textOf = (event: WireEventJson): string => (event.content as Array<{ text: string }>).map((b) => b.text).join("");
const ofType = (events: WireEventJson[], type: string): WireEventJson[] => events.filter((e) => e.type === type);

describe("demo server: scripted turns", { timeout: 30_000 }, () => {
  let api: DemoApi;
  beforeAll(async () => {
    api = await DemoApi.start(0);
  });
  afterAll(() => api.server.close());

  it("streams the Cypher turn with deltas, tools and usage", async () => {
    const id = await api.createSession(null);
    const stream = await api.stream(id);
    const [context, userMessage] = await api.say(id, "Why is checkout slow in this trace?", {
      "X-Trace-Id": "trace-abc",
    });
    expect(context).toMatchObject({
      type: "system.message",
      content: [{ text: `tenant_id: ${TENANT}\ntrace_id: trace-abc` }],
    });
    expect(userMessage).toMatchObject({
      type: "user.message",
      id: expect.stringMatching(/^sevt_[0-9A-Za-z]{20,}$/),
      processed_at: null,
    });

    const events = await stream.readUntil(isFinalIdle);
    stream.close();
    const persisted = events.filter((e) => e.type !== "event_start" && e.type !== "event_delta");
    // The user message is echoed twice, as the upstream does: queued, then processed (same id).
    expect(persisted.slice(0, 4)).toMatchObject([
      { type: "system.message" },
      { type: "user.message", id: userMessage?.id, processed_at: null },
      { type: "user.message", id: userMessage?.id, processed_at: expect.any(String) },
      { type: "session.status_running" },
    ]);
    const logged = persisted.filter((e, i) => i !== 1);
    expect(new Set(logged.map((e) => e.id)).size).toBe(logged.length);
    expect(stream.received.filter((m) => m.id !== undefined).map((m) => m.id)).toEqual(persisted.map((e) => e.id));
    expect(logged.every((e) => typeof e.processed_at === "string")).toBe(true);

    for (const message of ofType(events, "agent.message")) {
      const start = events.find((e) => e.type === "event_start" && (e.event as { id: string }).id === message.id);
      expect(start).toMatchObject({ event: { type: "agent.message" } });
      const deltas = events.filter((e) => e.type === "event_delta" && e.event_id === message.id);
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.map((d) => (d.delta as { content: { text: string } }).content.text).join("")).toBe(textOf(message));
      expect(events.indexOf(start as WireEventJson)).toBeLessThan(events.indexOf(message));
    }

    // run_cypher as on the real stack: a custom tool use, the session waiting on it, the server's answer, running again.
    const [toolUse] = ofType(events, "agent.custom_tool_use");
    expect(toolUse).toMatchObject({ name: "run_cypher", input: { params: { trace: "trace-abc" } } });
    expect(JSON.stringify(toolUse?.input)).not.toMatch(/tenant/i);
    const waiting = events.find((e) => isIdle(e) && !isFinalIdle(e));
    expect(waiting).toMatchObject({ stop_reason: { type: "requires_action", event_ids: [toolUse?.id] } });
    const [toolResult] = ofType(events, "user.custom_tool_result");
    expect(toolResult).toMatchObject({ custom_tool_use_id: toolUse?.id });
    expect(toolResult?.is_error ?? false).toBe(false);
    expect(events.indexOf(toolResult as WireEventJson)).toBeGreaterThan(events.indexOf(waiting as WireEventJson));
    const table = JSON.parse((toolResult?.content as Array<{ text: string }>)[0]?.text ?? "") as {
      rows: unknown[];
      guard: { rewritten: boolean };
    };
    expect(table.rows).toHaveLength(8);
    expect(table.guard.rewritten).toBe(true);

    const answer = textOf(ofType(events, "agent.message").at(-1) as WireEventJson);
    for (const piece of ["## ", "**2.93 s**", "|---|", "https://clawtrace.example/traces/trace-abc"])
      expect(answer).toContain(piece);

    const starts = ofType(events, "span.model_request_start");
    const ends = ofType(events, "span.model_request_end");
    expect(ends.map((e) => e.model_request_start_id)).toEqual(starts.map((e) => e.id));
    expect((ends[1]?.model_usage as { cache_read_input_tokens: number }).cache_read_input_tokens).toBeGreaterThan(1000);
    const usage = ofType(events, "session.usage").at(-1);
    expect(usage).toMatchObject({
      usage: { list_cost: { currency: "USD" } },
      budget: { type: "limit", max_list_cost: { amount: "5.00" } },
    });
    expect(events.at(-1)).toMatchObject({
      type: "session.status_idle",
      stop_reason: { type: "end_turn" },
      stop_details: null,
    });

    const history = await api.history(id);
    expect(history.data).toEqual(logged);
  });

  it("sends only final messages without event_deltas", async () => {
    const id = await api.createSession();
    const stream = await api.stream(id, "");
    await api.say(id, "Give me a markdown summary");
    const events = await stream.readUntil(isIdle);
    stream.close();
    expect(events.some((e) => e.type === "event_start" || e.type === "event_delta")).toBe(false);
    expect(ofType(events, "agent.hologram")).toHaveLength(1);
    expect(textOf(ofType(events, "agent.message")[0] as WireEventJson)).toContain("```typescript");
  });

  it("never replays: a stream opened with Last-Event-ID carries only what happens next", async () => {
    const id = await api.createSession();
    const first = await api.stream(id);
    await api.say(id, "Why is checkout slow?");
    await first.readUntil(isIdle);
    first.close();
    const history = (await api.history(id)).data;
    const reopened = await api.stream(id, "?event_deltas=agent.message", { "Last-Event-ID": history[4]?.id ?? "" });
    await api.say(id, "and the schema?");
    expect(await reopened.nextEvent()).toMatchObject({ type: "system.message" });
    reopened.close();
  });

  it("resumes after Last-Event-ID with exactly the missed events with ?fault=resume", async () => {
    const id = await api.createSession();
    const first = await api.stream(id);
    await api.say(id, "Why is checkout slow?");
    await first.readUntil(isIdle);
    first.close();
    const history = (await api.history(id)).data;
    const resumed = await api.stream(id, "?event_deltas=agent.message&fault=resume", {
      "Last-Event-ID": history[4]?.id ?? "",
    });
    const replay = [];
    for (let i = 5; i < history.length; i++) replay.push(await resumed.nextEvent());
    expect(replay).toEqual(history.slice(5));
    const [, question] = await api.say(id, "and the schema?");
    expect(await resumed.nextEvent()).toMatchObject({ type: "system.message" });
    expect(await resumed.nextEvent()).toMatchObject({ type: "user.message", id: question?.id });
    resumed.close();
  });

  it("dedupes a retried POST by Idempotency-Key", async () => {
    const id = await api.createSession();
    const body = [{ type: "user.message", content: [{ type: "text", text: "Why is checkout slow?" }] }];
    const first = await (await api.post(id, body, { key: "same-key" })).json();
    const again = await api.post(id, body, { key: "same-key" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(ofType((await api.history(id)).data, "user.message")).toHaveLength(1);
  });

  it("waits for a tool confirmation, then runs the tool", async () => {
    const id = await api.createSession();
    const stream = await api.stream(id);
    await api.say(id, "Please delete the saved checkout query");
    const before = await stream.readUntil(isIdle);
    const toolUse = ofType(before, "agent.mcp_tool_use")[0];
    expect(toolUse).toMatchObject({ evaluated_permission: "ask", name: "delete_saved_query" });
    expect(before.at(-1)).toMatchObject({ stop_reason: { type: "requires_action", event_ids: [toolUse?.id] } });

    const busy = await api.post(id, [{ type: "user.message", content: [{ type: "text", text: "hello?" }] }]);
    expect(busy.status).toBe(409);
    const confirm = await api.post(id, [{ type: "user.tool_confirmation", tool_use_id: toolUse?.id, result: "allow" }]);
    expect(confirm.status).toBe(200);
    const after = await stream.readUntil(isFinalIdle);
    stream.close();
    expect(after.map((e) => e.type).slice(0, 3)).toEqual([
      "user.tool_confirmation",
      "user.tool_confirmation",
      "session.status_running",
    ]);
    expect(ofType(after, "agent.mcp_tool_result")[0]).toMatchObject({ mcp_tool_use_id: toolUse?.id, is_error: false });
    expect(after.at(-1)).toMatchObject({ stop_reason: { type: "end_turn" } });
  });

  it("acknowledges a denied tool without running it", async () => {
    const id = await api.createSession();
    const stream = await api.stream(id, "");
    await api.say(id, "approve the cleanup");
    const toolUse = ofType(await stream.readUntil(isIdle), "agent.mcp_tool_use")[0];
    await api.post(id, [
      { type: "user.tool_confirmation", tool_use_id: toolUse?.id, result: "deny", deny_message: "keep it" },
    ]);
    const after = await stream.readUntil(isFinalIdle);
    stream.close();
    expect(ofType(after, "agent.mcp_tool_result")).toHaveLength(0);
    expect(textOf(ofType(after, "agent.message")[0] as WireEventJson)).toMatch(/won't delete.*keep it/);
  });

  it("answers a client tool with the host's result", async () => {
    const id = await api.createSession();
    const stream = await api.stream(id, "");
    await api.say(id, "What's in the current trace?");
    const before = await stream.readUntil(isIdle);
    const toolUse = ofType(before, "agent.custom_tool_use")[0];
    expect(toolUse).toMatchObject({ name: "get_current_trace", input: {} });
    await api.post(id, [
      {
        type: "user.custom_tool_result",
        custom_tool_use_id: toolUse?.id,
        content: [{ type: "text", text: "trace-xyz-42" }],
      },
    ]);
    const after = await stream.readUntil(isFinalIdle);
    stream.close();
    expect(textOf(ofType(after, "agent.message")[0] as WireEventJson)).toContain("trace-xyz-42");
  });
});
