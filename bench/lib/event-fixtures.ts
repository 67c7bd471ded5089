import { createOpaqueIds } from "../../stories/fixtures/opaque-ids";
import { generateReply } from "./markdown-fixture";
import { createRng, int, pick } from "./rng";

/** Wire events as the backend sends them (plain JSON values; the panel decodes them). */
export type WireEvent = Record<string, unknown> & { type: string };

const text = (t: string) => [{ type: "text", text: t }];

/**
 * Opaque event ids like the upstream's, by name `<turn>:<n>`: the same name gives the same id in
 * every fixture and on every call, so a turn built twice (head, then tail) is one turn.
 */
const eventId = createOpaqueIds(41);

/**
 * One streamed agent turn: running, `event_start`, one `event_delta` per chunk, the final
 * `agent.message`, then idle. Ids are opaque, named `<turn>:<n>`.
 */
export function streamedTurn(chunks: readonly string[], turn = 1): WireEvent[] {
  const messageId = eventId(`${turn}:2`);
  const events: WireEvent[] = [
    { type: "session.status_running", id: eventId(`${turn}:1`) },
    { type: "event_start", event: { id: messageId, type: "agent.message" } },
  ];
  for (const chunk of chunks) {
    events.push({
      type: "event_delta",
      event_id: messageId,
      delta: { type: "content_delta", content: { type: "text", text: chunk } },
    });
  }
  events.push({ type: "agent.message", id: messageId, content: text(chunks.join("")) });
  events.push({ type: "session.status_idle", id: eventId(`${turn}:3`), stop_reason: { type: "end_turn" } });
  return events;
}

const SERVICES = ["checkout-api", "payments-svc", "payments-db", "fraud-check", "inventory-svc", "cart-cache"];
const QUESTIONS = [
  "Why is checkout slow in this trace?",
  "Which service failed first?",
  "Show me the slowest spans of payments-svc over the last hour.",
  "Did the p95 of the cart cache change after the deploy?",
  "What is calling fraud-check twice?",
];

export const CYPHER_QUERY = `MATCH (s:Span {tenant_id: $tenant})-[:CHILD_OF*0..4]->(root:Span {tenant_id: $tenant})
WHERE s.trace_id = $trace AND root.parent_span_id IS NULL
RETURN elementId(s) AS span_id, s.service AS service, s.name AS operation,
       s.duration_ms AS duration_ms, s.status_code AS status, s.attributes AS attributes
ORDER BY duration_ms DESC`;

/** Rows of a span query: scalars, a null now and then, and a small nested map per row. */
export function spanRows(count: number, seed = 5): Record<string, unknown>[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => ({
    span_id: `4:7c1e52b0-93d4-4f0a-b7e1-2d9c4a6f8e31:${1000 + i}`,
    service: pick(rng, SERVICES),
    operation: `op_${int(rng, 1, 400)}`,
    duration_ms: int(rng, 1, 5000),
    status: i % 97 === 3 ? null : rng() < 0.05 ? "ERROR" : "OK",
    attributes: { "http.status_code": rng() < 0.05 ? 500 : 200, "db.rows": int(rng, 0, 1000) },
  }));
}

export interface History {
  events: WireEvent[];
  /** Transcript items the panel renders: messages plus tool cards. */
  messages: number;
  tools: number;
}

/**
 * A finished conversation of `items` transcript items: user questions and agent answers in
 * markdown (100–2,000 chars), and a tool call with its result every 5th turn (~9% of items; half
 * of them `run_cypher` with an 8-row table), as `GET /events` returns them.
 */
export function longHistory(items: number, seed = 3): History {
  const rng = createRng(seed);
  const events: WireEvent[] = [];
  let messages = 0;
  let tools = 0;
  for (let turn = 1; messages + tools < items; turn++) {
    let n = 0;
    const id = () => eventId(`${turn}:${++n}`);
    events.push({ type: "user.message", id: id(), content: text(pick(rng, QUESTIONS)) });
    events.push({ type: "session.status_running", id: id() });
    messages += 1;
    if (turn % 5 === 0 && messages + tools < items) {
      const useId = id();
      const cypher = tools % 2 === 0;
      events.push(
        cypher
          ? {
              type: "agent.mcp_tool_use",
              id: useId,
              name: "run_cypher",
              mcp_server_name: "puppygraph",
              input: { query: CYPHER_QUERY, params: { trace: "4bf92f35" } },
              evaluated_permission: "allow",
            }
          : {
              type: "agent.tool_use",
              id: useId,
              name: "web_fetch",
              input: { url: `https://status.example/${tools}` },
              evaluated_permission: "allow",
            },
      );
      events.push(
        cypher
          ? {
              type: "agent.mcp_tool_result",
              id: id(),
              mcp_tool_use_id: useId,
              is_error: false,
              content: text(JSON.stringify({ rows: spanRows(8, tools), elapsed_ms: 120 })),
            }
          : {
              type: "agent.tool_result",
              id: id(),
              tool_use_id: useId,
              is_error: false,
              content: text("HTTP 200, all systems operational."),
            },
      );
      tools += 1;
    }
    if (messages + tools < items) {
      events.push({
        type: "agent.message",
        id: id(),
        content: text(
          generateReply(int(rng, 100, 2_000), turn, {
            codeBlocks: turn % 3 === 0 ? 1 : 0,
            tables: turn % 4 === 0 ? 1 : 0,
          }),
        ),
      });
      messages += 1;
    }
    events.push({ type: "session.status_idle", id: id(), stop_reason: { type: "end_turn" } });
  }
  return { events, messages, tools };
}

/** One finished turn whose `run_cypher` result has `rows` rows. */
export function bigCypherHistory(rows: number): WireEvent[] {
  return [
    { type: "user.message", id: eventId("1:1"), content: text("List every span of this trace.") },
    { type: "session.status_running", id: eventId("1:2") },
    {
      type: "agent.mcp_tool_use",
      id: eventId("1:3"),
      name: "run_cypher",
      mcp_server_name: "puppygraph",
      input: { query: CYPHER_QUERY, params: { trace: "4bf92f35" } },
      evaluated_permission: "allow",
      processed_at: "2026-03-02T14:05:10.000Z",
    },
    {
      type: "agent.mcp_tool_result",
      id: eventId("1:4"),
      mcp_tool_use_id: eventId("1:3"),
      is_error: false,
      processed_at: "2026-03-02T14:05:11.840Z",
      content: text(JSON.stringify({ rows: spanRows(rows), elapsed_ms: 1840 })),
    },
    {
      type: "agent.message",
      id: eventId("1:5"),
      content: text(`The trace has **${rows.toLocaleString("en-US")} spans**; the slowest are in \`payments-db\`.`),
    },
    { type: "session.status_idle", id: eventId("1:6"), stop_reason: { type: "end_turn" } },
  ];
}

/**
 * `count` mixed live events, as a long session streams them: per turn a user message, status,
 * model request spans, an agent message streamed as ~40 deltas then final, a tool use and its
 * result, usage and idle. About 80% are deltas.
 */
export function mixedEvents(count: number, seed = 9): WireEvent[] {
  const rng = createRng(seed);
  const events: WireEvent[] = [];
  for (let turn = 1; events.length < count; turn++) {
    let n = 0;
    const id = () => eventId(`${turn}:${++n}`);
    events.push({ type: "user.message", id: id(), content: text(pick(rng, QUESTIONS)) });
    events.push({ type: "session.status_running", id: id() });
    const req = id();
    events.push({ type: "span.model_request_start", id: req });
    const msg = id();
    events.push({ type: "event_start", event: { id: msg, type: "agent.message" } });
    let full = "";
    const deltas = int(rng, 30, 50);
    for (let d = 0; d < deltas; d++) {
      const chunk = `${pick(rng, ["The ", "span ", "**payments-db** ", "waited ", "`SELECT` ", "on ", "the pool. "])}`;
      full += chunk;
      events.push({
        type: "event_delta",
        event_id: msg,
        delta: { type: "content_delta", content: { type: "text", text: chunk } },
      });
    }
    events.push({ type: "agent.message", id: msg, content: text(full) });
    const use = id();
    events.push({
      type: "agent.mcp_tool_use",
      id: use,
      name: "run_cypher",
      mcp_server_name: "puppygraph",
      input: { query: CYPHER_QUERY },
      evaluated_permission: "allow",
    });
    events.push({
      type: "agent.mcp_tool_result",
      id: id(),
      mcp_tool_use_id: use,
      is_error: false,
      content: text('{"rows":[{"n":1}]}'),
    });
    events.push({
      type: "span.model_request_end",
      id: id(),
      model_request_start_id: req,
      is_error: false,
      model_usage: {
        input_tokens: 1200,
        output_tokens: 300,
        cache_read_input_tokens: 9000,
        cache_creation_input_tokens: 0,
      },
    });
    events.push({
      type: "session.usage",
      id: id(),
      usage: {
        input_tokens: 1200 * turn,
        output_tokens: 300 * turn,
        cache_read_input_tokens: 9000 * turn,
        list_cost: { amount: (0.01 * turn).toFixed(4), currency: "USD" },
      },
    });
    events.push({ type: "session.status_idle", id: id(), stop_reason: { type: "end_turn" } });
  }
  return events.slice(0, count);
}
