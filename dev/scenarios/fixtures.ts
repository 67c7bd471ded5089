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

export const SPAN_ROWS: SpanRow[] = [
  {
    span_id: element(1041),
    service: "checkout-api",
    operation: "POST /checkout",
    duration_ms: 2930,
    self_ms: 45,
    status: "OK",
  },
  {
    span_id: element(1042),
    service: "payments-svc",
    operation: "PaymentIntent.confirm",
    duration_ms: 2410,
    self_ms: 180,
    status: "OK",
  },
  {
    span_id: element(1043),
    service: "payments-db",
    operation: "SELECT payment_methods",
    duration_ms: 1690,
    self_ms: 1690,
    status: "OK",
  },
  {
    span_id: element(1047),
    service: "fraud-check",
    operation: "score_transaction",
    duration_ms: 520,
    self_ms: 505,
    status: "OK",
  },
  {
    span_id: element(1044),
    service: "inventory-svc",
    operation: "reserve_items",
    duration_ms: 310,
    self_ms: 88,
    status: "OK",
  },
  {
    span_id: element(1049),
    service: "shipping-svc",
    operation: "quote_rates",
    duration_ms: 180,
    self_ms: 176,
    status: "OK",
  },
  {
    span_id: element(1045),
    service: "cart-cache",
    operation: "GET cart:{id}",
    duration_ms: 42,
    self_ms: 42,
    status: "OK",
  },
  {
    span_id: element(1051),
    service: "notifications",
    operation: "enqueue_receipt",
    duration_ms: 12,
    self_ms: 12,
    status: "OK",
  },
];

export function spanTable(rows: readonly SpanRow[]): string {
  const ms = (n: number): string => `${n.toLocaleString("en-US")} ms`;
  const lines = rows.map((r) => `| ${r.service} | \`${r.operation}\` | ${ms(r.duration_ms)} | ${ms(r.self_ms)} |`);
  return ["| Service | Operation | Duration | Self time |", "|---|---|---:|---:|", ...lines].join("\n");
}
