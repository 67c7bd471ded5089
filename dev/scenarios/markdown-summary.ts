import type { Scenario } from "../engine/types";
import { findTrace, traceTitle } from "../../demo/traces";
import { traceUrl } from "./fixtures";

/** A long, tool-free markdown answer; also emits one event type from the future. */
export const markdownScenario: Scenario = {
  name: "markdown",
  async run(ctx) {
    await ctx.modelRequest(async () => {
      ctx.think();
      // Clients must keep going when they meet an event type they do not know.
      ctx.emitUnknown({ type: "agent.hologram", projection: "flamegraph-3d", span_count: 412 });
      await ctx.say(summary(ctx.traceId));
    });
  },
};

/** Checkout traffic as a whole, around the open trace (named by its title when it is one of the page's). */
function summary(traceId: string): string {
  const trace = findTrace(traceId);
  return `# Checkout health summary

Here is a summary of the last 24 hours of \`checkout-api\` traffic, with trace \`${traceId}\` as the reference request${trace ? ` (${traceTitle(trace)})` : ""}.

## Highlights

1. **Latency**: p50 is stable at 410 ms, but p95 climbed from 1.1 s to **2.8 s** after the 14:00 deploy.
2. **Errors**: the error rate stayed below 0.3%, mostly \`409 Conflict\` from \`inventory-svc\` retries.
3. **Throughput**: 38,200 checkouts, a 6% increase day over day.

### Where the time goes

| Service | p50 | p95 | Share of p95 |
|---|---:|---:|---:|
| payments-svc | 180 ms | 2,210 ms | 79% |
| fraud-check | 95 ms | 410 ms | 15% |
| inventory-svc | 60 ms | 120 ms | 4% |
| shipping-svc | 40 ms | 70 ms | 2% |

### Things worth a look

- The slow path always goes through \`SELECT payment_methods\`:
  - it runs once per saved card, so customers with many cards are hit hardest;
  - its plan switched to a sequential scan after the deploy.
- \`fraud-check\` waits for the payment call although it only needs the cart.

## Reproducing the numbers

The dashboard tile is driven by this Cypher query:

\`\`\`cypher
MATCH (s:Span {tenant_id: $tenant, service: 'checkout-api', name: 'POST /checkout'})
WHERE s.start_time > datetime() - duration('PT24H')
RETURN percentileCont(s.duration_ms, 0.5) AS p50_ms,
       percentileCont(s.duration_ms, 0.95) AS p95_ms,
       count(*) AS requests
\`\`\`

And you can fetch the same data from your own code with the ClawTrace client:

\`\`\`typescript
import { ClawTrace } from "@clawtrace/client";

const client = new ClawTrace({ apiKey: process.env.CLAWTRACE_API_KEY });

const { rows } = await client.query({
  cypher: "MATCH (s:Span {service: $service}) RETURN s.duration_ms AS ms",
  params: { service: "payments-svc" },
});
const slow = rows.filter((row: { ms: number }) => row.ms > 1_000);
console.log(\`\${slow.length} slow payment spans\`);
\`\`\`

## Next steps

- [ ] Add an index on \`payment_methods(customer_id)\`
- [ ] Run \`score_transaction\` concurrently with \`PaymentIntent.confirm\`
- [ ] Set an alert on checkout p95 > 1.5 s

Useful links: [the reference trace](${traceUrl(traceId)}), the [Cypher manual](https://neo4j.com/docs/cypher-manual/current/) and [PuppyGraph docs](https://docs.puppygraph.com/).

> Numbers are sampled at 10%, so small services may be *under-represented*.`;
}
