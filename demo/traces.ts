export interface DemoSpan {
  service: string;
  name: string;
  startMs: number;
  durationMs: number;
  error?: boolean;
}

export interface DemoTrace {
  id: string;
  title: string;
  spans: DemoSpan[];
}

export const TENANTS = [
  { id: "acme-prod", name: "Acme (prod)" },
  { id: "globex-staging", name: "Globex (staging)" },
  { id: "initech", name: "Initech" },
];

export const TRACES: DemoTrace[] = [
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
  {
    id: "0e0e4736a3ce929d4bf92f3577b34da6",
    title: "GET /profile — 180 ms",
    spans: [
      { service: "web-gateway", name: "GET /profile", startMs: 0, durationMs: 180 },
      { service: "users", name: "LoadProfile", startMs: 12, durationMs: 150 },
    ],
  },
];
