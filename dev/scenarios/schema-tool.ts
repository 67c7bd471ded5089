import type { Scenario } from "../engine/types";

const SCHEMA = {
  vertex_labels: {
    Span: ["tenant_id", "trace_id", "parent_span_id", "service", "name", "start_time", "duration_ms", "status_code"],
    Service: ["tenant_id", "name", "language", "team"],
    Trace: ["tenant_id", "trace_id", "root_service", "start_time", "duration_ms"],
  },
  edge_labels: {
    CHILD_OF: "(:Span)-[:CHILD_OF]->(:Span)",
    EMITTED_BY: "(:Span)-[:EMITTED_BY]->(:Service)",
    PART_OF: "(:Span)-[:PART_OF]->(:Trace)",
  },
  note: "Vertices have no `id` property; identify them with elementId(v).",
};

/** A built-in tool call (schema introspection) followed by an explanation. */
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
    await ctx.modelRequest(() => ctx.say(ANSWER));
  },
};

const ANSWER = `The telemetry graph has three vertex labels: **Span**, **Service** and **Trace**, linked by \`CHILD_OF\`, \`EMITTED_BY\` and \`PART_OF\` edges.

One thing trips up most queries: **spans are identified by \`elementId(v)\`, not \`v.id\`**. There is no \`id\` property on any vertex, so \`WHERE v.id = $span\` fails with *Unknown property 'id'*. Use this instead:

\`\`\`cypher
MATCH (v:Span {tenant_id: $tenant})
WHERE elementId(v) = $span_id
RETURN v.service, v.name, v.duration_ms
\`\`\`

- \`trace_id\` and \`parent_span_id\` are plain properties, so filtering on them is fine.
- Always scope by \`tenant_id\`: the graph is shared between tenants.`;
