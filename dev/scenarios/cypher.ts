import type { Scenario, TurnContext } from "../engine/types";
import { formatDuration, SPAN_ROWS, traceUrl } from "./fixtures";
import { cannedRows, guardSummaryMarkdown, ms, num, runCypher, str } from "./run-cypher";
import { escapeMarkdown } from "./escape-markdown";

/** As a model often writes it: no tenant filter. tracy-server's guard scopes it to the session's tenant. */
export const SLOW_SPANS_QUERY = `MATCH (t:Trace {trace_id: $trace})-[:HAS_SPAN]->(s:Span)
RETURN s.service AS service, s.name AS operation, s.duration_ms AS duration_ms, s.status AS status
ORDER BY duration_ms DESC
LIMIT 10`;

const COLUMNS = ["service", "operation", "duration_ms", "status"];

/** What the scripted backend answers in tracy-server's place. */
export const SLOW_SPANS_CANNED = cannedRows(
  COLUMNS,
  SPAN_ROWS.map((r) => [r.service, r.operation, r.duration_ms, r.status.toLowerCase()]),
  `MATCH (t:Trace {trace_id: $trace})-[:HAS_SPAN]->(s:Span)
WHERE t.tenant_id = $__tracy_tenant AND s.tenant_id = $__tracy_tenant
RETURN s.service AS service, s.name AS operation, s.duration_ms AS duration_ms, s.status AS status
ORDER BY duration_ms DESC
LIMIT 10`,
  [{ code: "tenant-scoped", message: "Every node (t, s) is scoped to the session's tenant." }],
  1840,
);

/** The default answer: one Cypher query over the trace's spans, then an analysis of the rows it returned. */
export const cypherScenario: Scenario = { name: "cypher", run: investigateSlowSpans };

export async function investigateSlowSpans(ctx: TurnContext): Promise<void> {
  const outcome = await runCypher(ctx, {
    lead: `I'll pull the slowest spans of trace \`${ctx.traceId}\` from the telemetry graph.`,
    query: SLOW_SPANS_QUERY,
    params: { trace: ctx.traceId },
    canned: SLOW_SPANS_CANNED,
  });
  await ctx.modelRequest(() =>
    ctx.say(
      outcome.ok ? answerFromRows(ctx.traceId, outcome.rows, outcome.notes) : failed(escapeMarkdown(outcome.message)),
    ),
  );
}

function failed(message: string): string {
  return `The query did not run: ${message}\n\nI'll need a narrower question to try again.`;
}

/** Every figure in the answer comes from the rows the query returned. */
export function answerFromRows(
  traceId: string,
  rows: readonly Record<string, unknown>[],
  notes: readonly { code: string; message: string }[],
): string {
  if (rows.length === 0) {
    return `I found no spans of trace \`${traceId}\` in this tenant's telemetry graph. Open a trace in ClawTrace and ask again.`;
  }
  const [root, ...rest] = rows as [Record<string, unknown>, ...Record<string, unknown>[]];
  const total = num(root["duration_ms"]);
  const slowest = rest[0];
  const share = slowest && total > 0 ? Math.round((num(slowest["duration_ms"]) / total) * 100) : 0;
  const errors = rows.filter((r) => str(r["status"]).toLowerCase() === "error");
  const table = [
    "| Service | Operation | Duration | Status |",
    "|---|---|---:|---|",
    ...rows.map(
      (r) => `| ${str(r["service"])} | \`${str(r["operation"])}\` | ${ms(r["duration_ms"])} | ${str(r["status"])} |`,
    ),
  ].join("\n");
  const lines = [
    `## Why ${shortName(str(root["operation"]))} is slow in trace \`${traceId}\``,
    "",
    `\`${str(root["operation"])}\` in \`${str(root["service"])}\` took **${formatDuration(total)}** end to end.` +
      (slowest
        ? ` The slowest span under it is \`${str(slowest["operation"])}\` in \`${str(slowest["service"])}\`: ${ms(slowest["duration_ms"])}, **${share}%** of the request.`
        : ""),
    errors.length > 0
      ? `${errors.length} of these ${rows.length} spans ended in an error (${errors.map((r) => `\`${str(r["operation"])}\``).join(", ")}).`
      : `None of these ${rows.length} spans ended in an error.`,
    "",
    table,
  ];
  const guard = guardSummaryMarkdown(notes);
  if (guard) lines.push("", guard);
  lines.push("", `[Open trace ${traceId} in ClawTrace](${traceUrl(traceId)})`);
  return lines.join("\n");
}

/** `POST /checkout` → `checkout`: how people name a request. */
function shortName(operation: string): string {
  return (
    operation
      .split(/[\s/]+/)
      .filter(Boolean)
      .at(-1) ?? operation
  );
}
