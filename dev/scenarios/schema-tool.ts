import type { Scenario } from "../engine/types";
import { cannedRows, ms, runCypher, str } from "./run-cypher";
import { escapeMarkdown } from "./escape-markdown";

/** The demo graph's schema (tracy-server's generated telemetry graph, server/README.md). */
const SCHEMA = {
  node_labels: {
    Service: ["tenant_id", "name", "tier"],
    Trace: ["tenant_id", "trace_id", "name", "start_time", "duration_ms", "span_count", "status", "root_service"],
    Span: [
      "tenant_id",
      "span_id",
      "span_id64",
      "trace_id",
      "name",
      "service",
      "start_time",
      "duration_ms",
      "status",
      "error_message",
    ],
  },
  relationship_types: {
    HAS_SPAN: "(:Trace)-[:HAS_SPAN]->(:Span)",
    CHILD_OF: "(:Span)-[:CHILD_OF]->(:Span)",
    EMITS: "(:Service)-[:EMITS]->(:Span)",
    CALLS: "(:Service)-[:CALLS]->(:Service)",
  },
  note: "Nodes have no `id` property.",
};

/** Written the way models often do: `v.id`, which the graph does not have. The guard rewrites it. */
export const ID_QUERY = `MATCH (v:Span {trace_id: $trace})
RETURN v.id AS id, v.name AS name, v.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 3`;

export const ID_CANNED = cannedRows(
  ["id", "name", "duration_ms"],
  [
    ["1:1041", "POST /checkout", 2930],
    ["1:1042", "PaymentIntent.confirm", 2410],
    ["1:1043", "SELECT payment_methods", 1690],
  ],
  `MATCH (v:Span {trace_id: $trace})
WHERE v.tenant_id = $__tracy_tenant
RETURN id(v) AS id, v.name AS name, v.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 3`,
  [
    { code: "id-rewritten", message: "v.id was rewritten to id(v): nodes have no id property." },
    { code: "tenant-scoped", message: "Every node (v) is scoped to the session's tenant." },
  ],
  12,
);

/** A built-in tool call (schema introspection), a query that uses `v.id`, then an explanation from both. */
export const schemaScenario: Scenario = {
  name: "schema",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      await ctx.say("Let me look at the graph schema first.");
      toolUseId = ctx.emit({
        type: "agent.tool_use",
        name: "describe_schema",
        input: { labels: true },
        evaluated_permission: "allow",
      }).id;
    });
    await ctx.pause(500);
    ctx.emit({
      type: "agent.tool_result",
      tool_use_id: toolUseId,
      is_error: false,
      content: [{ type: "text", text: JSON.stringify(SCHEMA, null, 2) }],
    });
    const outcome = await runCypher(ctx, {
      lead: "And a sample query over this trace's spans, to show how to identify them:",
      query: ID_QUERY,
      params: { trace: ctx.traceId },
      canned: ID_CANNED,
    });
    await ctx.modelRequest(() => ctx.say(answer(outcome)));
  },
};

function answer(outcome: Awaited<ReturnType<typeof runCypher>>): string {
  const intro =
    "The telemetry graph has three node labels, **Service**, **Trace** and **Span**, linked by `HAS_SPAN`, `CHILD_OF`, `EMITS` and `CALLS`.";
  if (!outcome.ok) return `${intro}\n\nMy sample query did not run: ${escapeMarkdown(outcome.message)}`;
  const rewrite = outcome.notes.find((n) => n.code === "id-rewritten");
  const rows = outcome.rows.map((r) => `- \`${str(r["id"])}\`: \`${str(r["name"])}\`, ${ms(r["duration_ms"])}`);
  return [
    intro,
    "",
    rewrite
      ? `Nodes have **no \`id\` property**: I wrote \`v.id\`, and the server's guard rewrote it: “${escapeMarkdown(rewrite.message)}” The query that ran:`
      : "The query ran as written:",
    "",
    "```cypher",
    outcome.query,
    "```",
    "",
    rows.length > 0
      ? `It returned ${rows.length} spans:\n\n${rows.join("\n")}`
      : "It returned no spans for this trace.",
    "",
    "- `trace_id` and `span_id` are plain properties, so filtering on them is fine.",
    "- You never need a `tenant_id` filter: the server scopes every query to your tenant.",
  ].join("\n");
}
