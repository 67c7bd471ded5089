// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimSession, type SimEvent, type SimStream } from "../../server/simulator/index";
import { createDemoAgent } from "../../dev/simulator/demo-agent";
import { CANNED_CYPHER } from "../../dev/scenarios/index";
import { DemoApi, TENANT } from "./demo-test-kit";
import type { WireEventJson } from "./sse-test-client";

const TRACE = "trace-7f3a";
/** One question per scenario (see dev/scenarios/index.ts). */
const QUESTIONS = [
  "Why is checkout slow in this trace?",
  "Give me a markdown summary of this trace",
  "List every span of this trace",
  "Show the span tree as a graph",
  "Which schema should my queries use?",
  "What is the current trace I'm looking at?",
  "Delete the saved query checkout-latency-debug (needs approval)",
  "Find the multi-hop path that timed out",
  "Simulate an error and recover",
  "Simulate a fatal query error",
  "Retry until you give up",
  "Delegate the payment path to a sub-agent",
  "Scan everything until the budget runs out",
  "terminate this session",
];
const CUSTOM_RESULT = [{ type: "text", text: `trace ${TRACE}` }];

const isTurnEnd = (e: { type: string; stop_reason?: unknown }): boolean =>
  e.type === "session.status_terminated" ||
  (e.type === "session.status_idle" && (e.stop_reason as { type: string }).type !== "requires_action");

/** What a scenario does, without what is bound to differ: user events, context, ids, times, running markers. */
function shape(events: readonly { type: string; [key: string]: unknown }[]): string[] {
  return events
    .filter((e) => !e.type.startsWith("user.") && e.type !== "system.message" && e.type !== "session.status_running")
    .map((e) => {
      const stop = e["stop_reason"] as { type: string } | undefined;
      const name = typeof e["name"] === "string" ? `:${e["name"]}` : "";
      return `${e.type}${stop ? `:${stop.type}` : ""}${name}`;
    });
}

/**
 * Plays the question on a simulator session with the demo agent, answering every approval and client tool, and
 * each run_cypher as the scripted backend does (on the real stack tracy-server answers it: test/dev/demo-stack.test.ts).
 */
async function onSimulator(question: string): Promise<{ events: SimEvent[]; previews: number }> {
  const session = new SimSession("agent_demo", "env_demo", { tenant_id: TENANT, trace_id: TRACE }, null);
  let previews = 0;
  const stream: SimStream = {
    deltas: true,
    stalled: false,
    send(event) {
      if (event.type === "event_delta") previews += 1;
      if (event.type !== "session.status_idle") return;
      const stop = event["stop_reason"] as { type: string; event_ids?: string[] };
      for (const id of stop.event_ids ?? []) {
        const blocker = session.blockers.get(id);
        if (!blocker) continue;
        const use = session.events.find((e) => e.id === id)!;
        const canned =
          use["name"] === "run_cypher" ? CANNED_CYPHER.get((use["input"] as { query: string }).query) : undefined;
        if (use["name"] === "run_cypher" && !canned) throw new Error("a run_cypher query without a canned answer");
        const answer =
          blocker.kind === "user.tool_confirmation"
            ? session.emit({ type: "user.tool_confirmation", tool_use_id: id, result: "allow" })
            : session.emit({
                type: "user.custom_tool_result",
                custom_tool_use_id: id,
                content: canned ? [{ type: "text", text: canned.text }] : CUSTOM_RESULT,
                ...(canned?.isError ? { is_error: true } : {}),
              });
        queueMicrotask(() => blocker.resolve(answer));
      }
    },
    destroy() {},
  };
  session.streams.add(stream);
  session.setStatus("running");
  await createDemoAgent({ speed: 0 })({
    session,
    userText: question,
    context: `Context from the ClawTrace host for this turn. tenant_id: ${TENANT}. trace_id: ${TRACE}. Scope every query to this tenant.`,
    signal: new AbortController().signal,
  });
  return { events: session.events, previews };
}

describe("the demo scenarios on the Managed Agents simulator", { timeout: 30_000 }, () => {
  let api: DemoApi;
  beforeAll(async () => {
    api = await DemoApi.start(0);
  });
  afterAll(() => api.server.close());

  /** The same question on the scripted backend, answering every approval and client tool. */
  async function onScriptedBackend(question: string): Promise<WireEventJson[]> {
    const id = await api.createSession(TRACE);
    const stream = await api.stream(id, "");
    await api.say(id, question);
    const events: WireEventJson[] = [];
    for (;;) {
      const batch = await stream.readUntil((e) => isTurnEnd(e as never) || e.type === "session.status_idle");
      events.push(...batch);
      const last = batch.at(-1)!;
      if (isTurnEnd(last as never)) break;
      const [toolUseId] = (last["stop_reason"] as { event_ids: string[] }).event_ids;
      const use = events.find((e) => e.id === toolUseId);
      // run_cypher is the backend's to answer: the scripted backend posts its canned answer itself.
      if (use?.type === "agent.custom_tool_use" && use["name"] === "run_cypher") continue;
      const answer =
        use?.type === "agent.custom_tool_use"
          ? { type: "user.custom_tool_result", custom_tool_use_id: toolUseId, content: CUSTOM_RESULT }
          : { type: "user.tool_confirmation", tool_use_id: toolUseId, result: "allow" };
      expect((await api.post(id, [answer])).status).toBe(200);
    }
    stream.close();
    return events;
  }

  it.each(QUESTIONS)("plays %j as the scripted backend does", async (question) => {
    const [sim, scripted] = await Promise.all([onSimulator(question), onScriptedBackend(question)]);
    expect(shape(sim.events)).toEqual(shape(scripted));
    // Same texts, under the simulator's opaque ids.
    const texts = (events: readonly { type: string; content?: unknown }[]) =>
      events.filter((e) => e.type === "agent.message").map((e) => JSON.stringify(e.content));
    expect(texts(sim.events)).toEqual(texts(scripted));
    expect(sim.events.every((e) => /^sevt_011C\w{21}$/.test(e.id))).toBe(true);
    // Each model request is closed with usage, and followed by the session's running totals.
    const ends = sim.events.filter((e) => e.type === "span.model_request_end");
    const starts = sim.events.filter((e) => e.type === "span.model_request_start");
    expect(ends.map((e) => e["model_request_start_id"])).toEqual(starts.map((e) => e.id));
  });

  it("streams a message as previews whose final event keeps the preview's id", async () => {
    const { events, previews } = await onSimulator("Which schema should my queries use?");
    expect(previews).toBeGreaterThan(10);
    const ids = events.filter((e) => e.type === "agent.message").map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("takes the trace from tracy-server's context, and keeps the last one when no trace is open", async () => {
    const session = new SimSession("agent_demo", "env_demo", { tenant_id: TENANT }, null);
    const agent = createDemoAgent({ speed: 0 });
    const ask = (context: string) =>
      agent({ session, userText: "Write a markdown summary", context, signal: new AbortController().signal });
    await ask(`Context … tenant_id: globex. trace_id: abc123. Scope every query to this tenant.`);
    await ask(`Context … tenant_id: globex. trace_id: none (the user is not looking at a particular trace). Scope …`);
    const summaries = session.events.filter((e) => e.type === "agent.message").map((e) => JSON.stringify(e["content"]));
    expect(summaries).toHaveLength(2);
    for (const text of summaries) expect(text).toContain("`abc123`");
  });

  it("ends an interrupted turn idle, with its open model request closed", async () => {
    const session = new SimSession("agent_demo", "env_demo", { tenant_id: TENANT, trace_id: TRACE }, null);
    const interrupt = new AbortController();
    let aborted = false;
    session.streams.add({
      deltas: true,
      stalled: false,
      send(event) {
        // Interrupt as soon as the answer starts streaming.
        if (event.type === "event_delta" && !aborted) {
          aborted = true;
          interrupt.abort();
        }
      },
      destroy() {},
    });
    await createDemoAgent({ speed: 50 })({
      session,
      userText: "Give me a markdown summary",
      context: null,
      signal: interrupt.signal,
    });
    const types = session.events.map((e) => e.type);
    expect(types).not.toContain("agent.message");
    expect(types.filter((t) => t === "span.model_request_end")).toHaveLength(1);
    expect(session.events.at(-1)).toMatchObject({ type: "session.status_idle", stop_reason: { type: "end_turn" } });
  });

  it("asks run_cypher with queries the server's guard must fix, and retries a refused traversal bounded", async () => {
    const queries = async (question: string) =>
      (await onSimulator(question)).events
        .filter((e) => e.type === "agent.custom_tool_use")
        .map((e) => {
          expect(e["name"]).toBe("run_cypher");
          return e["input"] as { query: string; params?: Record<string, unknown> };
        });
    const [slow] = await queries("Why is checkout slow in this trace?");
    // Forgetful: no tenant anywhere in what the model writes (the server scopes it).
    expect(slow!.query).not.toMatch(/tenant/i);
    expect(slow!.params).toEqual({ trace: TRACE });
    const [withId] = await queries("Which schema should my queries use?");
    expect(withId!.query).toMatch(/\bv\.id\b/);
    const traversal = await queries("Find the multi-hop path that timed out");
    expect(traversal).toHaveLength(2);
    expect(traversal[0]!.query).toMatch(/\[:CHILD_OF\*\]/);
    expect(traversal[1]!.query).toMatch(/\[:CHILD_OF\*1\.\.3\]/);
  });

  it("phrases the answer from the rows the server returned", async () => {
    const session = new SimSession("agent_demo", "env_demo", { tenant_id: TENANT, trace_id: TRACE }, null);
    const rows = [
      ["edge", "GET /x", 1000, "ok"],
      ["db", "SELECT 1", 250, "error"],
    ];
    session.streams.add({
      deltas: false,
      stalled: false,
      send(event) {
        if (event.type !== "session.status_idle") return;
        const [id] = (event["stop_reason"] as { event_ids?: string[] }).event_ids ?? [];
        const blocker = id ? session.blockers.get(id) : undefined;
        if (!id || !blocker) return;
        const text = JSON.stringify({
          columns: ["service", "operation", "duration_ms", "status"],
          rows,
          elapsed_ms: 3,
          truncated: false,
          query: "MATCH … WHERE s.tenant_id = $__tracy_tenant …",
          guard: { rewritten: true, notes: [{ code: "tenant-scoped", message: "Scoped to the tenant." }] },
        });
        const answer = session.emit({
          type: "user.custom_tool_result",
          custom_tool_use_id: id,
          content: [{ type: "text", text }],
        });
        queueMicrotask(() => blocker.resolve(answer));
      },
      destroy() {},
    });
    await createDemoAgent({ speed: 0 })({
      session,
      userText: "Why is checkout slow in this trace?",
      context: null,
      signal: new AbortController().signal,
    });
    const answer = JSON.stringify(session.events.filter((e) => e.type === "agent.message").at(-1)!["content"]);
    expect(answer).toContain("**1 s**");
    expect(answer).toContain("250 ms, **25%**");
    expect(answer).toContain("1 of these 2 spans ended in an error");
    expect(answer).toContain("Scoped to the tenant.");
    expect(answer).not.toContain("2,930");
    expect(answer).not.toContain("2.93 s");
  });
});
