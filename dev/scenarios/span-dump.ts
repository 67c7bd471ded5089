import type { Scenario } from "../engine/types";
import { cannedRows, ms, num, runCypher, str } from "./run-cypher";
import { escapeMarkdown } from "./escape-markdown";

/** Every span of the trace: no LIMIT, so the guard adds one. `span_id64` is a 64-bit integer, shown exact. */
export const ALL_SPANS_QUERY = `MATCH (s:Span {trace_id: $trace})
RETURN s.span_id64 AS span_id64, s.service AS service, s.name AS operation, s.duration_ms AS duration_ms, s.status AS status
ORDER BY duration_ms DESC`;

const SERVICES = ["checkout-api", "payments-svc", "payments-db", "fraud-check", "inventory-svc", "cart-cache"];
const SPAN_COUNT = 500;

/** The scripted backend's trace: 500 spans, so the reply is longer than the panel renders at once. */
export function cannedSpans() {
  const rows = Array.from({ length: SPAN_COUNT }, (_, i) => [
    // Beyond 2^53: the answer must keep every digit.
    `${9_007_199_254_740_993n + BigInt(i) * 7_919n}`,
    SERVICES[i % SERVICES.length] ?? "checkout-api",
    `op_${String(i).padStart(3, "0")}`,
    Math.round(2930 / (1 + i / 8)),
    i % 37 === 5 ? "error" : "ok",
  ]);
  const answer = cannedRows(
    ["span_id64", "service", "operation", "duration_ms", "status"],
    rows,
    `${ALL_SPANS_QUERY.replace("RETURN", "WHERE s.tenant_id = $__tracy_tenant\nRETURN")}\nLIMIT 1000`,
    [
      { code: "tenant-scoped", message: "Every node (s) is scoped to the session's tenant." },
      { code: "limit-added", message: "LIMIT 1000 was added: the query had none." },
    ],
    41,
  );
  // The ids as JSON integers, not strings, as the server writes them.
  return { ...answer, text: answer.text.replace(/"(\d{16,})"/g, "$1") };
}

/**
 * A reply longer than the panel renders at once: every span of the trace, as one markdown table built from the rows
 * the query returned. Sent whole rather than streamed, as a model's long tool-free output can be.
 */
export const spanDumpScenario: Scenario = {
  name: "span-dump",
  async run(ctx) {
    const outcome = await runCypher(ctx, {
      query: ALL_SPANS_QUERY,
      params: { trace: ctx.traceId },
      canned: cannedSpans(),
    });
    await ctx.modelRequest(async () => {
      const text = outcome.ok
        ? spanDump(ctx.traceId, outcome.rows)
        : `The query did not run: ${escapeMarkdown(outcome.message)}`;
      ctx.emit({ type: "agent.message", content: [{ type: "text", text }] });
    });
  },
};

function spanDump(traceId: string, rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return `Trace \`${traceId}\` has no spans in this tenant's telemetry graph.`;
  const total = rows.reduce((n, r) => n + num(r["duration_ms"]), 0);
  const top = rows.slice(0, 8).reduce((n, r) => n + num(r["duration_ms"]), 0);
  const share = total > 0 ? Math.round((top / total) * 100) : 0;
  const lines = rows.map(
    (r, i) =>
      `| ${i + 1} | \`${str(r["span_id64"])}\` | ${str(r["service"])} | \`${str(r["operation"])}\` | ${ms(r["duration_ms"])} | ${str(r["status"]).toUpperCase()} |`,
  );
  return [
    `All ${rows.length} spans of trace \`${traceId}\`, slowest first:`,
    "",
    "| # | Span id | Service | Operation | Duration | Status |",
    "|---:|---|---|---|---:|---|",
    ...lines,
    "",
    `That is every span; the first ${Math.min(8, rows.length)} account for ${share}% of the summed span time.`,
  ].join("\n");
}
