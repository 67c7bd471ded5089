import { CHECKOUT_TRACE, formatDuration, rootSpan, selfTimeMs, type DemoSpan, type DemoTrace } from "../../demo/traces";

export const traceUrl = (traceId: string): string => `https://clawtrace.example/traces/${encodeURIComponent(traceId)}`;

export const SLOW_SPANS_QUERY = `MATCH (s:Span {tenant_id: $tenant})-[:CHILD_OF*0..4]->(root:Span {tenant_id: $tenant})
WHERE s.trace_id = $trace AND root.parent_span_id IS NULL
WITH s, s.duration_ms - coalesce(s.children_duration_ms, 0) AS self_ms
RETURN elementId(s) AS span_id,
       s.service AS service,
       s.name AS operation,
       s.duration_ms AS duration_ms,
       self_ms,
       s.status_code AS status
ORDER BY duration_ms DESC
LIMIT 10`;

export const SPAN_COLUMNS = ["span_id", "service", "operation", "duration_ms", "self_ms", "status"] as const;

export interface SpanRow {
  span_id: string;
  service: string;
  operation: string;
  duration_ms: number;
  self_ms: number;
  status: "OK" | "ERROR";
}

const element = (n: number): string => `4:7c1e52b0-93d4-4f0a-b7e1-2d9c4a6f8e31:${n}`;

/** The trace the demo page opens with; every number the scripted answers quote comes from its spans. */
export const CHECKOUT = CHECKOUT_TRACE;

/** The checkout trace's spans as the slow-spans query returns them: slowest first, with self time. */
export const SPAN_ROWS: SpanRow[] = CHECKOUT.spans
  .map((s, i) => ({
    span_id: element(1041 + i),
    service: s.service,
    operation: s.name,
    duration_ms: s.durationMs,
    self_ms: selfTimeMs(CHECKOUT, i),
    status: s.error ? ("ERROR" as const) : ("OK" as const),
  }))
  .sort((a, b) => b.duration_ms - a.duration_ms);

/** Facts about a demo trace, worded the way the waterfall shows them. */
export function traceFacts(trace: DemoTrace) {
  const root = rootSpan(trace);
  const withSelf = trace.spans.map((span, i) => ({ span, selfMs: selfTimeMs(trace, i) }));
  const slowestSelf = withSelf.reduce((a, b) => (b.selfMs > a.selfMs ? b : a));
  const children = trace.spans.filter((s) => s.parent === 0);
  const slowestChild = children.reduce<DemoSpan | undefined>(
    (a, b) => (a === undefined || b.durationMs > a.durationMs ? b : a),
    undefined,
  );
  return {
    root,
    total: formatDuration(root.durationMs),
    /** The span that spends the most time itself (not in its children). */
    slowestSelf: { ...slowestSelf.span, selfMs: slowestSelf.selfMs, self: formatDuration(slowestSelf.selfMs) },
    /** The root's slowest direct child, and its share of the whole request. */
    slowestChild,
    slowestChildShare: slowestChild ? Math.round((slowestChild.durationMs / root.durationMs) * 100) : 0,
  };
}

/** A span of the checkout trace by service, for answers that name one. */
export function checkoutSpan(service: string): DemoSpan {
  const span = CHECKOUT.spans.find((s) => s.service === service);
  if (!span) throw new Error(`no ${service} span in the checkout trace`);
  return span;
}

export { formatDuration };

export function spanTable(rows: readonly SpanRow[]): string {
  const ms = (n: number): string => `${n.toLocaleString("en-US")} ms`;
  const lines = rows.map((r) => `| ${r.service} | \`${r.operation}\` | ${ms(r.duration_ms)} | ${ms(r.self_ms)} |`);
  return ["| Service | Operation | Duration | Self time |", "|---|---|---:|---:|", ...lines].join("\n");
}
