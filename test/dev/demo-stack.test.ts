// @vitest-environment node
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKOUT_TRACE, formatDuration, rootSpan } from "../../demo/traces";
import type { TracyStackApi } from "../../vite.config";
import { SseTestClient, type WireEventJson } from "./sse-test-client";

const ROOT = resolve(import.meta.dirname, "../..");
const TENANT = "acme-prod";
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

/**
 * `npm start`'s stack, booted from the same vite config (in `test` mode: PGlite in memory): the demo's
 * /api/tracy is tracy-server, whose upstream is the Managed Agents simulator playing the demo scenarios.
 */
describe("npm start: demo page on tracy-server and the simulator", { timeout: 60_000 }, () => {
  let server: ViteDevServer;
  let api: string;
  let plugin: TracyStackApi;
  const headers = { "X-Tenant-Id": TENANT, "X-Trace-Id": TRACE, "Content-Type": "application/json" };

  beforeAll(async () => {
    process.env["TRACY_DEMO_SPEED"] = "0";
    server = await createServer({
      configFile: resolve(ROOT, "vite.config.ts"),
      configLoader: "runner",
      mode: "test",
      logLevel: "error",
      server: { port: 0, host: "127.0.0.1", strictPort: false, hmr: false },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === "string") throw new Error("no port");
    api = `http://127.0.0.1:${address.port}/api/tracy`;
    const found = server.config.plugins.find((p) => p.name === "tracy-server-stack");
    if (!found) throw new Error("the tracy-server stack plugin is not in the config");
    plugin = found.api as TracyStackApi;
    // A hang detector, not a speed budget: booting PGlite and Vite on a busy two-core machine can take a while.
  }, 240_000);
  afterAll(async () => {
    delete process.env["TRACY_DEMO_SPEED"];
    await server?.close();
  });

  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${api}${path}`, {
      method: "POST",
      headers: { ...headers, "Idempotency-Key": randomUUID() },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  }

  it("answers the default question with the Cypher scenario, through tracy-server's mirror", async () => {
    const session = await post("/sessions", { tenant_id: TENANT, trace_id: TRACE });
    const id = String(session["id"]);
    expect(id).toMatch(/^tsn_/);
    const stream = await SseTestClient.open(`${api}/sessions/${id}/events/stream?event_deltas=agent.message`, headers);
    await post(`/sessions/${id}/events`, {
      events: [{ type: "user.message", content: [{ type: "text", text: "Why is checkout slow in this trace?" }] }],
    });
    const isEndTurn = (e: WireEventJson) =>
      e.type === "session.status_idle" && (e["stop_reason"] as { type: string }).type === "end_turn";
    const live = await stream.readUntil(isEndTurn);
    stream.close();

    // tracy-server added the host's context after the user's message; the simulator's agent read it.
    const context = live.find((e) => e.type === "system.message");
    expect(JSON.stringify(context?.["content"])).toContain(`trace_id: ${TRACE}`);
    const stack = await plugin.stack();
    if (!stack?.sim) throw new Error("the stack did not start on the simulator");
    const [upstream] = [...stack.sim.sessions.values()];
    expect(upstream?.contexts[0]).toContain(TRACE);

    // The Cypher scenario, scoped by that context: a run_cypher custom tool use without any tenant filter…
    const tool = live.find((e) => e.type === "agent.custom_tool_use");
    expect(tool).toMatchObject({ name: "run_cypher", input: { params: { trace: TRACE } } });
    expect(JSON.stringify(tool?.["input"])).not.toMatch(/tenant/i);
    // …that tracy-server ran, guarded, on the demo graph, which holds the host page's trace for this tenant.
    const result = live.find((e) => e.type === "user.custom_tool_result");
    expect(result?.["custom_tool_use_id"]).toBe(tool?.id);
    expect(result?.["is_error"] ?? false, JSON.stringify(result?.["content"])).toBe(false);
    const body = JSON.parse((result?.["content"] as { text: string }[])[0]!.text) as {
      rows: [string, string, number, string][];
      guard: { rewritten: boolean; notes: { code: string }[] };
    };
    expect(body.guard.rewritten).toBe(true);
    expect(body.guard.notes.map((n) => n.code)).toContain("tenant-scoped");
    const [root] = body.rows;
    // The host page's trace (demo/traces.ts): its root span, as the page shows it.
    const pageRoot = rootSpan(CHECKOUT_TRACE);
    expect(root).toEqual([pageRoot.service, pageRoot.name, pageRoot.durationMs, expect.any(String)]);
    // The answer's figures are the rows'.
    const answer = JSON.stringify(live.filter((e) => e.type === "agent.message").at(-1)?.["content"]);
    expect(answer).toContain(TRACE);
    expect(answer).toContain(`**${formatDuration(pageRoot.durationMs)}**`);
    expect(live.filter((e) => e.type === "span.model_request_end")).toHaveLength(2);

    // Every persisted event is the simulator's (same ids upstream) and is a row of tracy-server's mirror.
    const persisted = live.filter((e) => e.id !== undefined);
    expect(persisted.every((e) => /^sevt_011C\w{21}$/.test(String(e.id)))).toBe(true);
    const upstreamIds = new Set(upstream?.events.map((e) => e.id));
    expect(persisted.every((e) => upstreamIds.has(String(e.id)))).toBe(true);
    const rows = await stack.db.query<{ event_id: string }>("SELECT event_id FROM tracy_events WHERE session_id = $1", [
      id,
    ]);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(persisted.map((e) => String(e.id))));
  });

  it("holds a destructive tool for approval and resumes once it is allowed", async () => {
    const session = await post("/sessions", { tenant_id: TENANT, trace_id: TRACE });
    const id = String(session["id"]);
    const stream = await SseTestClient.open(`${api}/sessions/${id}/events/stream`, headers);
    await post(`/sessions/${id}/events`, {
      events: [
        { type: "user.message", content: [{ type: "text", text: "Delete the saved query checkout-latency-debug" }] },
      ],
    });
    const held = await stream.readUntil(
      (e) => e.type === "session.status_idle" && (e["stop_reason"] as { type: string }).type === "requires_action",
    );
    const use = held.find((e) => e.type === "agent.mcp_tool_use");
    expect(use).toMatchObject({ name: "delete_saved_query", evaluated_permission: "ask" });
    await post(`/sessions/${id}/events`, {
      events: [{ type: "user.tool_confirmation", tool_use_id: use?.id, result: "allow" }],
    });
    const rest = await stream.readUntil(
      (e) => e.type === "session.status_idle" && (e["stop_reason"] as { type: string }).type === "end_turn",
    );
    stream.close();
    expect(rest.find((e) => e.type === "agent.mcp_tool_result")).toMatchObject({ mcp_tool_use_id: use?.id });
    expect(JSON.stringify(rest.filter((e) => e.type === "agent.message").at(-1))).toContain("is deleted");
  });
});
