import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CypherExecutor, CypherResult, CypherRunOptions } from "../src/cypher/executor.js";
import { guardCypher } from "../src/cypher/guard.js";
import type { ToolRunOutcome } from "../src/cypher/tool-runner.js";
import type { Database } from "../src/db/database.js";
import { openDatabase } from "../src/db/open-database.js";
import { ManagedAgentsSimulator, type SimAgent } from "../simulator/index.js";
import { TracyClient } from "./helpers/client.js";
import { openSse, type SseReader } from "./helpers/sse-reader.js";
import { startStack, tailConnected, unique, type Stack } from "./helpers/stack.js";

/** The model's turn: the user's text is `{"tool", "input"}`; the agent calls it, then repeats the answer it got. */
const agent: SimAgent = async ({ session, userText, signal }) => {
  const { tool, input } = JSON.parse(userText) as { tool: string; input: Record<string, unknown> };
  const use = session.emit({ type: "agent.custom_tool_use", name: tool, input });
  const answers = await session.awaitActions([{ id: use.id, kind: "user.custom_tool_result" }], signal);
  const answer = answers.get(use.id)!;
  const text = (answer["content"] as { text: string }[])[0]!.text;
  session.emit({
    type: "agent.message",
    content: [{ type: "text", text: `${answer["is_error"] ? "ERR " : ""}${text}` }],
  });
  session.setStatus("idle", { type: "end_turn" });
};

const BIG = 9_007_199_254_740_993n; // 2^53 + 1: a lossy number would read …992

/** An executor that records what it was asked and answers one row with a 64-bit id. */
function recordingExecutor(block?: Promise<void>) {
  const calls: { query: string; params: Record<string, unknown>; options: CypherRunOptions }[] = [];
  const executor: CypherExecutor = {
    dialect: "neo4j",
    async run(query, params, options): Promise<CypherResult> {
      calls.push({ query, params, options });
      if (block) await block;
      return { columns: ["span_id", "name"], rows: [[BIG, "checkout"]], truncated: false, elapsedMs: 7 };
    },
    close: async () => {},
  };
  return { executor, calls };
}

const say = (tool: string, input: Record<string, unknown>) => JSON.stringify({ tool, input });
const turnEnded = (r: SseReader) =>
  r.events.some(
    (e) => e["type"] === "session.status_idle" && (e["stop_reason"] as { type: string }).type === "end_turn",
  );
const resultOf = (r: SseReader) => r.events.find((e) => e["type"] === "user.custom_tool_result")!;
const textOf = (e: Record<string, unknown>) => (e["content"] as { text: string }[])[0]!.text;

let sim: ManagedAgentsSimulator;
let db: Database;
beforeAll(async () => {
  sim = new ManagedAgentsSimulator({ agent });
  await sim.start();
  db = await openDatabase({ databaseUrl: process.env["TRACY_TEST_DATABASE_URL"] });
});
afterAll(async () => {
  await sim.stop();
  await db.close();
});

async function stackWith(executor: CypherExecutor, outcomes: ToolRunOutcome[] = []): Promise<Stack> {
  return startStack({
    simulator: sim,
    db,
    cypher: { executor, timeoutMs: 2_000, maxRows: 50 },
    onToolRun: (_session, _id, outcome) => outcomes.push(outcome),
  });
}

async function open(stack: Stack, c: TracyClient, id: string): Promise<SseReader> {
  const reader = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
  await tailConnected(stack, id);
  return reader;
}

/** The `user.custom_tool_result` events the simulator received for a session (what upstream got). */
function postedResults(): Record<string, unknown>[] {
  return sim.calls
    .filter((c) => c.op === "events.send")
    .flatMap((c) =>
      ((c.body as { events: Record<string, unknown>[] }).events ?? []).filter(
        (e) => e["type"] === "user.custom_tool_result",
      ),
    );
}

describe("run_cypher, answered by the server", () => {
  let stack: Stack;
  let recorder: ReturnType<typeof recordingExecutor>;
  beforeAll(async () => {
    recorder = recordingExecutor();
    stack = await stackWith(recorder.executor);
  });
  afterAll(() => stack.close());

  it("runs the guarded query with the session's tenant, whatever the model's query and params name", async () => {
    const tenant = unique("acme");
    const c = new TracyClient(stack.base, { user: "ana", tenant });
    const id = await c.createSession();
    const reader = await open(stack, c, id);
    const query =
      "MATCH (s:Span {tenant_id: 'globex'}) WHERE s.tenant_id = $tenant RETURN s.span_id AS span_id, s.name AS name";
    const params = { tenant: "globex", tenant_id: "globex" };
    await c.say(id, say("run_cypher", { query, params }));
    await reader.waitFor(turnEnded, "the end of the turn");

    const guarded = guardCypher({ query, params, tenant }, { idFunction: "elementId" });
    const asGlobex = guardCypher({ query, params, tenant: "globex" }, { idFunction: "elementId" });
    expect(guarded.ok && asGlobex.ok).toBe(true);
    const call = recorder.calls.at(-1)!;
    if (!guarded.ok) throw new Error("unreachable");
    expect(call.query).toBe(guarded.query);
    expect(call.params).toEqual(guarded.params);
    expect(call.params).not.toEqual(asGlobex.ok ? asGlobex.params : null);
    expect(Object.values(call.params)).toContain(tenant);
    expect(call.options).toMatchObject({ timeoutMs: 2_000, maxRows: 50 });

    const result = resultOf(reader);
    expect(result["is_error"] ?? false).toBe(false);
    const text = textOf(result);
    // 64-bit integers stay exact in the JSON text the model reads.
    expect(text).toContain(`[[${BIG},"checkout"]]`);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({
      columns: ["span_id", "name"],
      elapsed_ms: 7,
      truncated: false,
      query: guarded.query,
      guard: { rewritten: guarded.notes.length > 0, notes: guarded.notes },
    });
    reader.close();
  });

  it("answers a rejected query with is_error and the guard's reasons, without running it", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: unique("acme") });
    const id = await c.createSession();
    const reader = await open(stack, c, id);
    const before = recorder.calls.length;
    const query = "MATCH (a:Span)-[:CHILD_OF*]->(b:Span) DETACH DELETE b";
    await c.say(id, say("run_cypher", { query }));
    await reader.waitFor(turnEnded, "the end of the turn");
    expect(recorder.calls.length).toBe(before);
    const result = resultOf(reader);
    expect(result["is_error"]).toBe(true);
    const body = JSON.parse(textOf(result)) as {
      error: { kind: string; message: string; reasons: unknown[] };
      query: string;
    };
    expect(body.error.kind).toBe("rejected");
    expect(body.error.reasons.length).toBeGreaterThan(0);
    for (const reason of body.error.reasons)
      expect(reason).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(body.query).toBe(query);
    reader.close();
  });

  it("answers unusable input with is_error, and leaves other custom tools to the browser", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: unique("acme") });
    const id = await c.createSession();
    const reader = await open(stack, c, id);
    await c.say(id, say("run_cypher", { params: [1, 2] }));
    await reader.waitFor(turnEnded, "the end of the first turn");
    expect(resultOf(reader)["is_error"]).toBe(true);

    await c.say(id, say("get_current_trace", {}));
    await reader.waitFor(
      (r) =>
        r.events.filter((e) => e["type"] === "agent.custom_tool_use").length === 2 &&
        !!r.events.at(-1) &&
        r.events.at(-1)!["type"] === "session.status_idle",
      "the client tool use",
    );
    const use = reader.events.filter((e) => e["type"] === "agent.custom_tool_use").at(-1)!;
    await stack.running.server.cypher!.settled();
    expect(reader.events.filter((e) => e["type"] === "user.custom_tool_result")).toHaveLength(1);
    const res = await c.send(id, [
      { type: "user.custom_tool_result", custom_tool_use_id: use["id"], content: [{ type: "text", text: "trace-1" }] },
    ]);
    expect(res.status).toBe(200);
    await reader.waitFor((r) => r.events.filter((e) => e["type"] === "agent.message").length === 2, "the answer");
    reader.close();
  });

  it("refuses a browser's answer to run_cypher", async () => {
    let release = () => {};
    const block = { promise: new Promise<void>((resolve) => (release = resolve)), resolve: () => release() };
    const slow = recordingExecutor(block.promise);
    const outcomes: ToolRunOutcome[] = [];
    const other = await stackWith(slow.executor, outcomes);
    try {
      const c = new TracyClient(other.base, { user: "ana", tenant: unique("acme") });
      const id = await c.createSession();
      const reader = await open(other, c, id);
      await c.say(id, say("run_cypher", { query: "MATCH (s:Span) RETURN s.name LIMIT 1" }));
      await vi.waitFor(() => expect(slow.calls).toHaveLength(1));
      await reader.waitFor((r) => r.events.some((e) => e["type"] === "agent.custom_tool_use"), "the tool use");
      const use = reader.events.find((e) => e["type"] === "agent.custom_tool_use")!;
      const res = await c.send(id, [
        { type: "user.custom_tool_result", custom_tool_use_id: use["id"], content: [{ type: "text", text: "[]" }] },
      ]);
      expect(res.status).toBe(409);
      block.resolve();
      await reader.waitFor(turnEnded, "the end of the turn");
      expect(textOf(resultOf(reader))).toContain("checkout");
      expect(outcomes).toEqual(["posted"]);
      reader.close();
    } finally {
      block.resolve();
      await other.close();
    }
  });
});

describe("run_cypher is answered once", () => {
  it("when two server instances on one database follow the same session", async () => {
    const a = recordingExecutor();
    const b = recordingExecutor();
    const outcomes: ToolRunOutcome[] = [];
    // One after the other: both run the migrations on the same database.
    const one = await stackWith(a.executor, outcomes);
    const two = await stackWith(b.executor, outcomes);
    try {
      const tenant = unique("acme");
      const c1 = new TracyClient(one.base, { user: "ana", tenant });
      const c2 = new TracyClient(two.base, { user: "ana", tenant });
      const id = await c1.createSession();
      const r1 = await open(one, c1, id);
      const r2 = await open(two, c2, id);
      const sentBefore = postedResults().length;
      await c1.say(id, say("run_cypher", { query: "MATCH (s:Span) RETURN s.name LIMIT 3" }));
      await r1.waitFor(turnEnded, "the end of the turn");
      // Both tails saw the session wait on the tool use (instance two's browser stream is only woken by rows
      // its own tail inserts, so it is not read here: one instance per session is the supported layout).
      await vi.waitFor(() => expect(outcomes).toHaveLength(2));
      await Promise.all([one.running.server.cypher!.settled(), two.running.server.cypher!.settled()]);
      expect(a.calls.length + b.calls.length).toBe(1);
      expect(postedResults().length - sentBefore).toBe(1);
      expect(outcomes.filter((o) => o === "posted")).toHaveLength(1);
      expect(outcomes.filter((o) => o !== "posted")[0]).toMatch(/^(held|answered|done)$/);
      expect(r1.events.filter((e) => e["type"] === "user.custom_tool_result")).toHaveLength(1);
      r1.close();
      r2.close();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("after a restart: a lapsed claim is taken over (with a fresh run), a live one is not", async () => {
    const hung = recordingExecutor(new Promise<void>(() => {}));
    const first = await stackWith(hung.executor);
    const tenant = unique("acme");
    const c1 = new TracyClient(first.base, { user: "ana", tenant });
    const id = await c1.createSession();
    const r1 = await open(first, c1, id);
    await c1.say(id, say("run_cypher", { query: "MATCH (s:Span) RETURN s.name LIMIT 3" }));
    await vi.waitFor(() => expect(hung.calls).toHaveLength(1));
    r1.close();
    // The instance stops mid-query (its claim stays, unexpired).
    await first.close();
    const sentBefore = postedResults().length;

    const next = recordingExecutor();
    const outcomes: ToolRunOutcome[] = [];
    const second = await stackWith(next.executor, outcomes);
    try {
      const c2 = new TracyClient(second.base, { user: "ana", tenant });
      const r2 = await open(second, c2, id);
      await vi.waitFor(() => expect(outcomes).toEqual(["held"]));
      expect(next.calls).toHaveLength(0);
      // Time passes: the stopped instance's lease runs out. The next (re)connect takes the claim over.
      await db.query("UPDATE tracy_tool_runs SET lease_until = now() - interval '1 second' WHERE session_id = $1", [
        id,
      ]);
      const upstreamId = (
        await db.query<{ upstream_id: string }>("SELECT upstream_id FROM tracy_sessions WHERE id = $1", [id])
      )[0]!.upstream_id;
      sim.dropStreams(upstreamId);
      await r2.waitFor(turnEnded, "the end of the turn");
      expect(outcomes).toEqual(["held", "posted"]);
      expect(next.calls).toHaveLength(1);
      expect(postedResults().length - sentBefore).toBe(1);
      const row = (await db.query("SELECT attempts, posted_at FROM tracy_tool_runs WHERE session_id = $1", [id]))[0]!;
      expect(Number(row["attempts"])).toBe(2);
      expect(row["posted_at"]).not.toBeNull();
      r2.close();
    } finally {
      await second.close();
    }
  });
});
