import type { Scenario } from "../engine/types";
import { SPAN_ROWS, type SpanRow } from "./fixtures";

export const TRACE_TREE_QUERY = `MATCH path = (s:Span {tenant_id: $tenant})-[:CHILD_OF*1..4]->(root:Span {tenant_id: $tenant})
WHERE s.trace_id = $trace AND root.parent_span_id IS NULL
RETURN path`;

/** Which span each span is a child of, by operation: the checkout trace of the default answer, as a tree. */
const PARENT: Readonly<Record<string, string | null>> = {
  "POST /checkout": null,
  "PaymentIntent.confirm": "POST /checkout",
  "SELECT payment_methods": "PaymentIntent.confirm",
  score_transaction: "PaymentIntent.confirm",
  reserve_items: "POST /checkout",
  "GET cart:{id}": "reserve_items",
  quote_rates: "POST /checkout",
  enqueue_receipt: "POST /checkout",
};

/** Relationship element ids: Neo4j 5 style, numbered after the spans'. */
const relId = (n: number) => `5:7c1e52b0-93d4-4f0a-b7e1-2d9c4a6f8e31:${n}`;

/**
 * The trace's spans as graph JSON in Neo4j's shape (nodes with `elementId`, `labels`, `properties`; relationships with
 * `startNodeElementId`/`endNodeElementId`), `(child)-[:CHILD_OF]->(parent)`, as a graph query returning paths gives it.
 */
export function traceTreeResult(tenantId: string, traceId: string, rows: readonly SpanRow[] = SPAN_ROWS) {
  const byOperation = new Map(rows.map((r) => [r.operation, r]));
  const nodes = rows.map((r) => ({
    elementId: r.span_id,
    labels: ["Span"],
    properties: {
      tenant_id: tenantId,
      trace_id: traceId,
      service: r.service,
      name: r.operation,
      duration_ms: r.duration_ms,
      self_ms: r.self_ms,
      status_code: r.status,
    },
  }));
  const relationships = rows.flatMap((r, i) => {
    const parent = byOperation.get(PARENT[r.operation] ?? "");
    return parent
      ? [
          {
            elementId: relId(2000 + i),
            type: "CHILD_OF",
            startNodeElementId: r.span_id,
            endNodeElementId: parent.span_id,
            properties: {},
          },
        ]
      : [];
  });
  return { nodes, relationships, elapsed_ms: 212 };
}

/** "Show the span tree": one Cypher query returning the trace as a graph, drawn as a tree in the card's Graph view. */
export const traceTreeScenario: Scenario = {
  name: "trace-tree",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      ctx.think();
      await ctx.say(`I'll fetch the span tree of trace \`${ctx.traceId}\` as a graph.`);
      toolUseId = ctx.emit({
        type: "agent.mcp_tool_use",
        name: "run_cypher",
        mcp_server_name: "puppygraph",
        input: { query: TRACE_TREE_QUERY, params: { tenant: ctx.tenantId, trace: ctx.traceId } },
        evaluated_permission: "allow",
      }).id;
    });
    await ctx.pause(900);
    ctx.emit({
      type: "agent.mcp_tool_result",
      mcp_tool_use_id: toolUseId,
      is_error: false,
      content: [{ type: "text", text: JSON.stringify(traceTreeResult(ctx.tenantId, ctx.traceId)) }],
    });
    await ctx.modelRequest(() => ctx.say(ANSWER));
  },
};

const ANSWER = `The trace is one request, \`POST /checkout\`, with four direct children. The **Graph** view of the query above draws it as a tree.

- \`PaymentIntent.confirm\` is the deep branch: it waits on \`SELECT payment_methods\` (1,690 ms) and only then runs \`score_transaction\`.
- \`reserve_items\` → \`GET cart:{id}\`, \`quote_rates\` and \`enqueue_receipt\` are shallow and fast.

> Tip: in the graph, Tab to a span and use the arrow keys to walk the tree; the span's properties show below it.`;
