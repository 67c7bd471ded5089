import type { ExtraTrace } from "../../src/cypher/telemetry-graph.js";

/** Traces in the demo host page's shape (`{ tenant, ...DemoTrace }`), for acme and globex. */
const TRACES = [
  {
    id: "4bf92f3577b34da6a3ce929d0e0e4736",
    title: "POST /checkout — 2.4 s",
    spans: [
      { service: "web-gateway", name: "POST /checkout", startMs: 0, durationMs: 2410 },
      { service: "checkout", name: "CreateOrder", startMs: 40, durationMs: 2320 },
      { service: "inventory", name: "ReserveItems", startMs: 90, durationMs: 310 },
      { service: "payments", name: "Authorize", startMs: 420, durationMs: 1840, error: false },
      { service: "payments-db", name: "SELECT ledger", startMs: 470, durationMs: 1610 },
      { service: "notifications", name: "EnqueueEmail", startMs: 2280, durationMs: 60 },
    ],
  },
  {
    id: "a3ce929d0e0e47364bf92f3577b34da6",
    title: "GET /search — 5xx",
    spans: [
      { service: "web-gateway", name: "GET /search", startMs: 0, durationMs: 930, error: true },
      { service: "search", name: "Query", startMs: 25, durationMs: 880, error: true },
      { service: "search-index", name: "ShardFanout", startMs: 60, durationMs: 820, error: true },
    ],
  },
];

export const DEMO_LIKE_TRACES: ExtraTrace[] = [
  ...TRACES.map((trace) => ({ tenant: "acme", startTime: "2026-11-30T11:58:00.000Z", ...trace })),
  { tenant: "globex", startTime: "2026-11-30T11:58:00.000Z", ...TRACES[0]! },
];
