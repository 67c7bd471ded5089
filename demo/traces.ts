/**
 * The demo's telemetry: what the host page shows, and the one source the scripted answers derive their numbers
 * from (dev/scenarios/fixtures.ts), so what Tracy says agrees with the waterfall beside it.
 */
export interface DemoSpan {
  service: string;
  name: string;
  startMs: number;
  durationMs: number;
  /** Index of the parent span in the trace's `spans`; the root has none. */
  parent?: number;
  error?: boolean;
}

export interface DemoTrace {
  id: string;
  /** The root span (index 0) names the trace; a failed request says so instead of its duration. */
  spans: DemoSpan[];
}

export const TENANTS = [
  { id: "acme-prod", name: "Acme (prod)" },
  { id: "globex-staging", name: "Globex (staging)" },
  { id: "initech", name: "Initech" },
];

export const CHECKOUT_TRACE: DemoTrace = {
  id: "4bf92f3577b34da6a3ce929d0e0e4736",
  spans: [
    { service: "checkout-api", name: "POST /checkout", startMs: 0, durationMs: 2930 },
    { service: "inventory-svc", name: "reserve_items", startMs: 60, durationMs: 310, parent: 0 },
    { service: "shipping-svc", name: "quote_rates", startMs: 75, durationMs: 180, parent: 0 },
    { service: "payments-svc", name: "PaymentIntent.confirm", startMs: 100, durationMs: 2410, parent: 0 },
    { service: "cart-cache", name: "GET cart:{id}", startMs: 110, durationMs: 42, parent: 0 },
    { service: "payments-db", name: "SELECT payment_methods", startMs: 140, durationMs: 1690, parent: 3 },
    { service: "fraud-check", name: "score_transaction", startMs: 1850, durationMs: 520, parent: 3 },
    { service: "notifications", name: "enqueue_receipt", startMs: 2900, durationMs: 12, parent: 0 },
  ],
};

export const TRACES: DemoTrace[] = [
  CHECKOUT_TRACE,
  {
    id: "a3ce929d0e0e47364bf92f3577b34da6",
    spans: [
      { service: "web-gateway", name: "GET /search", startMs: 0, durationMs: 930, error: true },
      { service: "search", name: "Query", startMs: 25, durationMs: 880, error: true, parent: 0 },
      { service: "search-index", name: "ShardFanout", startMs: 60, durationMs: 820, error: true, parent: 1 },
    ],
  },
  {
    id: "0e0e4736a3ce929d4bf92f3577b34da6",
    spans: [
      { service: "web-gateway", name: "GET /profile", startMs: 0, durationMs: 180 },
      { service: "users", name: "LoadProfile", startMs: 12, durationMs: 150, parent: 0 },
    ],
  },
];

export function rootSpan(trace: DemoTrace): DemoSpan {
  const root = trace.spans[0];
  if (!root) throw new Error(`trace ${trace.id} has no spans`);
  return root;
}

/** `2.93 s`, `180 ms`: how the demo writes a duration, in the waterfall and in answers alike. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2).replace(/\.?0+$/, "")} s` : `${ms.toLocaleString("en-US")} ms`;
}

/** `POST /checkout — 2.93 s`, or `GET /search — 5xx` when the root failed. */
export function traceTitle(trace: DemoTrace): string {
  const root = rootSpan(trace);
  return `${root.name} — ${root.error ? "5xx" : formatDuration(root.durationMs)}`;
}

/**
 * A span's own time: its duration minus the time covered by its children. Children run concurrently, so it is
 * the union of their intervals that is subtracted, not the sum of their durations.
 */
export function selfTimeMs(trace: DemoTrace, index: number): number {
  const span = trace.spans[index];
  if (!span) return 0;
  const end = span.startMs + span.durationMs;
  const children = trace.spans
    .filter((s) => s.parent === index)
    .map((s) => [Math.max(s.startMs, span.startMs), Math.min(s.startMs + s.durationMs, end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = span.startMs;
  for (const [a, b] of children) {
    if (b <= reach) continue;
    covered += b - Math.max(a, reach);
    reach = b;
  }
  return span.durationMs - covered;
}

/** Looks a trace up by id, or by an id inside a longer text (the host's `get_current_trace` answer). */
export function findTrace(idOrText: string): DemoTrace | undefined {
  return TRACES.find((t) => t.id === idOrText) ?? TRACES.find((t) => idOrText.includes(t.id));
}

/** The page's answer to the agent's `get_current_trace` tool. */
export function currentTraceText(trace: DemoTrace): string {
  return `trace ${trace.id} (${traceTitle(trace)}, ${trace.spans.length} spans)`;
}
