import type { Scenario } from "../engine/types";

const DEEP_QUERY = `MATCH path = (root:Span {tenant_id: $tenant, name: 'POST /checkout'})<-[:CHILD_OF*1..6]-(leaf:Span {tenant_id: $tenant})
WHERE root.start_time > datetime() - duration('P7D')
RETURN elementId(leaf) AS span_id,
       [n IN nodes(path) | n.service] AS call_chain,
       leaf.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 50`;

/** A multi-hop traversal that times out, then advice to narrow it. */
export const slowQueryScenario: Scenario = {
  name: "slow",
  async run(ctx) {
    let toolUseId = "";
    await ctx.modelRequest(async () => {
      await ctx.say("I'll follow every call chain under `POST /checkout` for the past week, up to 6 hops deep.");
      toolUseId = ctx.emit({
        type: "agent.mcp_tool_use",
        name: "run_cypher",
        mcp_server_name: "puppygraph",
        input: { query: DEEP_QUERY, params: { tenant: ctx.tenantId, trace: ctx.traceId } },
        evaluated_permission: "allow",
      }).id;
    });
    await ctx.pause(2_500);
    ctx.emit({
      type: "agent.mcp_tool_result",
      mcp_tool_use_id: toolUseId,
      is_error: true,
      content: [{ type: "text", text: "Query timed out after 30000 ms (multi-hop traversal over 6 hops)" }],
    });
    await ctx.modelRequest(() => ctx.say(ANSWER));
  },
};

const ANSWER = `The traversal **timed out after 30 s**: following \`CHILD_OF\` 6 hops deep over a whole week of checkout traffic fans out to millions of paths.

Narrowing it usually brings it under a second:

- limit the depth to **3 hops** (almost all latency sits within 3 hops of the root);
- filter on a time window of an hour, or on a single \`trace_id\`;
- only expand spans slower than, say, 200 ms.

\`\`\`cypher
MATCH (root:Span {tenant_id: $tenant, trace_id: $trace, name: 'POST /checkout'})
MATCH path = (root)<-[:CHILD_OF*1..3]-(leaf:Span {tenant_id: $tenant})
WHERE leaf.duration_ms > 200
RETURN elementId(leaf) AS span_id, leaf.service AS service, leaf.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 20
\`\`\`

Want me to run the narrowed query?`;
