import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TracyClient } from "./helpers/client.js";
import { openSse, type SseReader } from "./helpers/sse-reader.js";
import { startStack, tailConnected, unique, type Stack } from "./helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ budget: { defaultMonthlyUsd: null } });
});
afterAll(async () => {
  await stack?.close();
});

const lastIdle = (r: SseReader) => [...r.events].reverse().find((e) => e["type"] === "session.status_idle");
const stopReason = (r: SseReader) => (lastIdle(r)?.["stop_reason"] ?? {}) as { type?: string; event_ids?: string[] };

async function open(c: TracyClient, id: string): Promise<SseReader> {
  const reader = openSse(`${stack.base}/sessions/${id}/events/stream?event_deltas=agent.message`, await c.headers());
  await tailConnected(stack, id);
  return reader;
}

describe("turns through the server", () => {
  it("forwards a tool confirmation for a tool held with evaluated_permission ask", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = await open(c, id);
    await c.say(id, "please delete old spans");
    await reader.waitFor((r) => stopReason(r).type === "requires_action", "requires_action");
    const use = reader.events.find((e) => e["type"] === "agent.tool_use")!;
    expect(use["evaluated_permission"]).toBe("ask");
    expect(stopReason(reader).event_ids).toEqual([use["id"]]);
    const res = await c.send(id, [{ type: "user.tool_confirmation", tool_use_id: use["id"], result: "allow" }]);
    expect(res.status).toBe(200);
    await reader.waitFor((r) => stopReason(r).type === "end_turn", "the end of the turn");
    expect(reader.events.some((e) => e["type"] === "agent.tool_result")).toBe(true);
    reader.close();
  });

  it("re-emits idle with the rest when only some blocking events are answered", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = await open(c, id);
    await c.say(id, "two approvals please");
    await reader.waitFor((r) => stopReason(r).event_ids?.length === 2, "two blockers");
    const [a, b] = stopReason(reader).event_ids!;
    await c.send(id, [
      { type: "user.tool_confirmation", tool_use_id: a, result: "deny", deny_message: "not this one" },
    ]);
    await reader.waitFor((r) => stopReason(r).event_ids?.length === 1, "one blocker left");
    expect(stopReason(reader).event_ids).toEqual([b]);
    await c.send(id, [{ type: "user.tool_confirmation", tool_use_id: b, result: "allow" }]);
    await reader.waitFor((r) => stopReason(r).type === "end_turn", "the end of the turn");
    reader.close();
  });

  it("forwards a browser's custom tool result for a client tool, and answers run_cypher itself", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = await open(c, id);
    await c.say(id, "which is the current trace?");
    await reader.waitFor((r) => stopReason(r).type === "requires_action", "the client tool use");
    const use = reader.events.find((e) => e["type"] === "agent.custom_tool_use")!;
    expect(use["name"]).toBe("get_current_trace");
    const res = await c.send(id, [
      { type: "user.custom_tool_result", custom_tool_use_id: use["id"], content: [{ type: "text", text: "trace-42" }] },
    ]);
    expect(res.status).toBe(200);
    await reader.waitFor((r) => stopReason(r).type === "end_turn", "the end of the turn");
    const answer = reader.events.filter((e) => e["type"] === "agent.message").at(-1)!;
    expect(JSON.stringify(answer["content"])).toContain("trace-42");

    await c.say(id, "run a cypher query");
    await reader.waitFor(
      (r) =>
        r.events.filter(
          (e) => e["type"] === "session.status_idle" && (e["stop_reason"] as { type: string }).type === "end_turn",
        ).length >= 2,
      "the end of the second turn",
    );
    const results = reader.events.filter((e) => e["type"] === "user.custom_tool_result");
    expect(results).toHaveLength(2);
    const cypherUse = reader.events.filter((e) => e["type"] === "agent.custom_tool_use").at(-1)!;
    expect(cypherUse["name"]).toBe("run_cypher");
    expect(results[1]!["custom_tool_use_id"]).toBe(cypherUse["id"]);
    reader.close();
  });

  it("shows a browser that attaches mid-message the preview so far", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const first = await open(c, id);
    await c.say(id, "checkpoint and preview");
    const upstreamId = (
      await stack.running.server.db.query<{ upstream_id: string }>(
        "SELECT upstream_id FROM tracy_sessions WHERE id = $1",
        [id],
      )
    )[0]!.upstream_id;
    await vi.waitFor(() => expect(stack.sim.atCheckpoint(upstreamId)).toBe(true));
    stack.sim.release(upstreamId);
    await vi.waitFor(() => expect(stack.sim.atCheckpoint(upstreamId)).toBe(true));
    const previewOf = (r: SseReader, eventId: string) =>
      r.messages
        .filter((m) => m.data["type"] === "event_delta" && m.data["event_id"] === eventId)
        .map((m) => (m.data["delta"] as { content: { text: string } }).content.text)
        .join("");
    const openId = () =>
      (
        first.messages.filter((m) => m.data["type"] === "event_start").at(-1)?.data["event"] as
          { id: string } | undefined
      )?.id ?? "";
    await first.waitFor((r) => openId() !== "" && previewOf(r, openId()).length >= 30, "the preview so far");
    const soFar = previewOf(first, openId());
    const late = await open(c, id);
    await late.waitFor((r) => previewOf(r, openId()) === soFar, "the replayed preview");
    expect(late.messages.find((m) => m.data["type"] === "event_start")?.data["event"]).toEqual({
      id: openId(),
      type: "agent.message",
    });
    const lastFinal = first.events.filter((e) => e["type"] === "agent.message").length;
    stack.sim.release(upstreamId);
    await late.waitFor(
      (r) => r.events.filter((e) => e["type"] === "agent.message").length === lastFinal + 1,
      "the final message",
    );
    first.close();
    late.close();
  });

  it("passes a session error and an interrupt through", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = await open(c, id);
    await c.say(id, "make it fail");
    await reader.waitFor((r) => stopReason(r).type === "retries_exhausted", "retries exhausted");
    expect(reader.events.some((e) => e["type"] === "session.error")).toBe(true);
    expect(reader.events.some((e) => e["type"] === "session.status_rescheduled")).toBe(true);
    await c.say(id, "checkpoint then stop");
    await reader.waitFor(
      (r) => r.events.filter((e) => e["type"] === "agent.message").length === 1,
      "the first message",
    );
    const res = await c.send(id, [{ type: "user.interrupt" }]);
    expect(res.status).toBe(200);
    await reader.waitFor((r) => stopReason(r).type === "end_turn", "the interrupted turn's end");
    expect(reader.events.some((e) => e["type"] === "user.interrupt")).toBe(true);
    reader.close();
  });
});

describe("a terminated session", () => {
  it("stops following upstream, keeps the browser stream open, and passes upstream's refusal of new messages through", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = await open(c, id);
    await c.say(id, "please terminate");
    await reader.waitFor((r) => r.events.some((e) => e["type"] === "session.status_terminated"), "terminated");
    await vi.waitFor(() => expect(stack.running.server.live.tail(id)).toBeUndefined());
    expect(reader.ended).toBe(false);
    const refused = await c.say(id, "anyone there?");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/terminated/);
    reader.close();
  });
});

describe("budgets", () => {
  it("refuses new turns with 402 once the tenant's monthly budget is spent, but still lets the user interrupt", async () => {
    const thrifty = unique("thrifty");
    const c = new TracyClient(stack.base, { user: "ana", tenant: thrifty });
    await stack.running.server.usage.setTenantLimit(thrifty, 0.01);
    const id = await c.createSession();
    const reader = await open(c, id);
    expect((await c.say(id, "first question")).status).toBe(200);
    await reader.waitFor((r) => stopReason(r).type === "end_turn", "the first turn");
    const spent = await stack.running.server.usage.tenantMonthTotals(thrifty);
    expect(spent.costNanoUsd).toBeGreaterThanOrEqual(10_000_000);
    const refused = await c.say(id, "second question");
    expect(refused.status).toBe(402);
    const body = (await refused.json()) as { type: string; error: { type: string; message: string } };
    expect(body.error.type).toBe("budget_exceeded_error");
    expect(body.error.message).toMatch(/budget/);
    expect((await c.send(id, [{ type: "user.interrupt" }])).status).toBe(200);
    // Another tenant is not affected.
    const other = new TracyClient(stack.base, { user: "ana", tenant: "roomy" });
    const otherId = await other.createSession();
    expect((await other.say(otherId, "fine")).status).toBe(200);
    reader.close();
  });

  it("applies the server's default budget to tenants without their own", async () => {
    const strict = await startStack({
      simulator: stack.sim,
      db: stack.running.server.db,
      budget: { defaultMonthlyUsd: 0 },
    });
    try {
      const c = new TracyClient(strict.base, { user: "ana", tenant: unique("no-budget") });
      const id = await c.createSession();
      expect((await c.say(id, "hello")).status).toBe(402);
    } finally {
      await strict.close();
    }
  });
});
