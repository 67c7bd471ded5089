import type { Scenario, TurnContext } from "../engine/types";
import {
  CHECKOUT,
  checkoutSpan,
  formatDuration,
  SLOW_SPANS_QUERY,
  SPAN_COLUMNS,
  SPAN_ROWS,
  spanTable,
  traceFacts,
  traceUrl,
} from "./fixtures";

/** The default answer: one Cypher query over the trace's spans, then an analysis. */
export const cypherScenario: Scenario = { name: "cypher", run: investigateSlowSpans };

export async function investigateSlowSpans(ctx: TurnContext): Promise<void> {
  let toolUseId = "";
  await ctx.modelRequest(async () => {
    ctx.think();
    await ctx.say(
      `I'll pull the slowest spans of trace \`${ctx.traceId}\` and walk up to the root to see where the time goes.`,
    );
    toolUseId = ctx.emit({
      type: "agent.mcp_tool_use",
      name: "run_cypher",
      mcp_server_name: "puppygraph",
      input: { query: SLOW_SPANS_QUERY, params: { tenant: ctx.tenantId, trace: ctx.traceId } },
      evaluated_permission: "allow",
    }).id;
  });
  await ctx.pause(1_200);
  ctx.emit({
    type: "agent.mcp_tool_result",
    mcp_tool_use_id: toolUseId,
    is_error: false,
    content: [{ type: "text", text: JSON.stringify({ columns: SPAN_COLUMNS, rows: SPAN_ROWS, elapsed_ms: 1840 }) }],
  });
  await ctx.modelRequest(() => ctx.say(checkoutAnswer(ctx.traceId)));
}

function checkoutAnswer(traceId: string): string {
  // The numbers are the demo page's checkout trace (demo/traces.ts), so the answer agrees with its waterfall.
  const { total, slowestChild, slowestChildShare, slowestSelf } = traceFacts(CHECKOUT);
  const fraud = checkoutSpan("fraud-check");
  return `## Why checkout is slow in trace \`${traceId}\`

The \`POST /checkout\` request took **${total}** end to end, and **${slowestChildShare}%** of that was spent inside \`${slowestChild?.service ?? ""}\`.

- **${slowestSelf.service} → \`${slowestSelf.name}\`**: ${formatDuration(slowestSelf.selfMs)} of pure self time, a single query with no index on \`customer_id\`.
- **${fraud.service} → \`${fraud.name}\`**: ${formatDuration(fraud.durationMs)}, started *after* the payment query returned instead of in parallel.
- Inventory, shipping and the cart cache add up to less than 550 ms and overlap with the payment call.

${spanTable(SPAN_ROWS.slice(0, 6))}

To see whether this is a one-off, check the p95 of that query over the last 24 hours:

\`\`\`cypher
MATCH (s:Span {tenant_id: $tenant, service: 'payments-db', name: 'SELECT payment_methods'})
WHERE s.start_time > datetime() - duration('PT24H')
RETURN datetime.truncate('hour', s.start_time) AS hour,
       percentileCont(s.duration_ms, 0.95) AS p95_ms,
       count(*) AS calls
ORDER BY hour
\`\`\`

**Suggested fix:** add an index on \`payment_methods(customer_id)\` and start the fraud check concurrently with the payment call; together that should bring checkout under 1 s.

[Open trace ${traceId} in ClawTrace](${traceUrl(traceId)})`;
}
