import type { Scenario } from "../engine/types";
import {
  cannedRejection,
  cannedRows,
  guardSummaryMarkdown,
  ms,
  num,
  runCypher,
  str,
  type CypherOutcome,
} from "./run-cypher";
import { escapeMarkdown } from "./escape-markdown";

/** Unbounded: every call chain under every checkout, however deep. The guard refuses it. */
export const UNBOUNDED_QUERY = `MATCH path = (root:Span {name: 'POST /checkout'})<-[:CHILD_OF*]-(leaf:Span)
RETURN leaf.service AS service, leaf.name AS operation, leaf.duration_ms AS duration_ms, length(path) AS depth
ORDER BY duration_ms DESC
LIMIT 50`;

/** The retry: three hops, one trace. */
export const BOUNDED_QUERY = `MATCH (root:Span {trace_id: $trace})<-[:CHILD_OF*1..3]-(leaf:Span)
RETURN DISTINCT leaf.service AS service, leaf.name AS operation, leaf.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 20`;

export const UNBOUNDED_CANNED = cannedRejection(
  [
    {
      code: "unbounded-hops",
      message: "The variable-length relationship [:CHILD_OF*] has no upper bound: give it one, at most *1..6.",
    },
  ],
  UNBOUNDED_QUERY,
);

export const BOUNDED_CANNED = cannedRows(
  ["service", "operation", "duration_ms"],
  [
    ["payments-svc", "PaymentIntent.confirm", 2410],
    ["payments-db", "SELECT payment_methods", 1690],
    ["fraud-check", "score_transaction", 520],
    ["inventory-svc", "reserve_items", 310],
  ],
  `MATCH (root:Span {trace_id: $trace})<-[:CHILD_OF*1..3]-(leaf:Span)
WHERE root.tenant_id = $__tracy_tenant AND leaf.tenant_id = $__tracy_tenant
RETURN DISTINCT leaf.service AS service, leaf.name AS operation, leaf.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 20`,
  [{ code: "tenant-scoped", message: "Every node (root, leaf) is scoped to the session's tenant." }],
  96,
);

/** An unbounded multi-hop traversal, refused by the guard with advice; the agent retries with a bounded one. */
export const slowQueryScenario: Scenario = {
  name: "slow",
  async run(ctx) {
    const first = await runCypher(ctx, {
      lead: "I'll follow every call chain under `POST /checkout`, however deep it goes.",
      query: UNBOUNDED_QUERY,
      canned: UNBOUNDED_CANNED,
    });
    if (first.ok) {
      await ctx.modelRequest(() => ctx.say(answer(first, "the whole traversal")));
      return;
    }
    const why = first.reasons.length > 0 ? first.reasons.map((r) => r.message).join(" ") : first.message;
    const second = await runCypher(ctx, {
      lead: `That query was not run: ${escapeMarkdown(why)} I'll bound it to 3 hops under the root of trace \`${ctx.traceId}\`.`,
      query: BOUNDED_QUERY,
      params: { trace: ctx.traceId },
      canned: BOUNDED_CANNED,
    });
    await ctx.modelRequest(() =>
      ctx.say(
        second.ok
          ? answer(second, "3 hops in one trace")
          : `The bounded query failed too: ${escapeMarkdown(second.message)}`,
      ),
    );
  },
};

function answer(outcome: Extract<CypherOutcome, { ok: true }>, scope: string): string {
  const rows = outcome.rows;
  if (rows.length === 0) return `Limited to ${scope}, the traversal found no spans below the root.`;
  const top = rows[0] as Record<string, unknown>;
  const sum = rows.reduce((n, r) => n + num(r["duration_ms"]), 0);
  const lines = [
    `Limited to ${scope}, the traversal ran in **${ms(outcome.elapsedMs)}** and found **${rows.length}** spans below the root${outcome.truncated ? " (more were cut off)" : ""}.`,
    "",
    `The slowest is \`${str(top["operation"])}\` in \`${str(top["service"])}\` at ${ms(top["duration_ms"])}; together these spans account for ${ms(sum)}.`,
    "",
    ...rows.slice(0, 5).map((r) => `- \`${str(r["service"])}\` → \`${str(r["operation"])}\`: ${ms(r["duration_ms"])}`),
  ];
  const guard = guardSummaryMarkdown(outcome.notes);
  if (guard) lines.push("", guard);
  return lines.join("\n");
}
