import { seededRandom, seedFromText, type SeededRandom } from "./seeded-random.js";

/**
 * A generated, ClawTrace-like telemetry graph as plain data, which an executor loads (Kuzu) or which can be written to
 * any property graph. Schema (README "Cypher executors"):
 *
 *   (:Service)-[:EMITS]->(:Span)     (:Trace)-[:HAS_SPAN]->(:Span)
 *   (:Span)-[:CHILD_OF]->(:Span)     (:Service)-[:CALLS]->(:Service)
 *
 * Every node and relationship carries `tenant_id`; no relationship joins two tenants; every node of a tenant whose id
 * contains "globex" has `GLOBEX` in its `name` (so a leak is visible in any result text).
 */
export interface TelemetryGraph {
  services: ServiceNode[];
  traces: TraceNode[];
  spans: SpanNode[];
  hasSpan: TelemetryRelationship[];
  childOf: TelemetryRelationship[];
  emits: TelemetryRelationship[];
  calls: CallsRelationship[];
}

export interface ServiceNode {
  /** Unique key across tenants: `<tenant>/<name>`. */
  uid: string;
  name: string;
  tenant_id: string;
  tier: "edge" | "service" | "database" | "cache" | "queue" | "external";
}

export interface TraceNode {
  /** Unique key across tenants: `<tenant>/<trace_id>`. */
  uid: string;
  /** 32 lowercase hex digits (W3C trace id). */
  trace_id: string;
  /** The root operation, e.g. `POST /checkout`. */
  name: string;
  tenant_id: string;
  /** ISO 8601 UTC. */
  start_time: string;
  duration_ms: number;
  span_count: number;
  status: "ok" | "error";
  root_service: string;
}

export interface SpanNode {
  /** Unique key across tenants: `<tenant>/<trace_id>/<span_id>`. */
  uid: string;
  /** 16 lowercase hex digits, top bit clear (fits a signed 64-bit integer). */
  span_id: string;
  /** The same 8 bytes as an integer, as tracers with numeric ids report it; mostly beyond 2^53. */
  span_id64: bigint;
  trace_id: string;
  name: string;
  /** The emitting service's `name`. */
  service: string;
  tenant_id: string;
  start_time: string;
  duration_ms: number;
  status: "ok" | "error";
  /** Null when `status` is ok. */
  error_message: string | null;
}

/** `from`/`to` are node `uid`s. */
export interface TelemetryRelationship {
  from: string;
  to: string;
  tenant_id: string;
}

/** A service-to-service edge aggregated over all spans of its tenant. */
export interface CallsRelationship extends TelemetryRelationship {
  call_count: number;
  error_count: number;
}

/** One span of a fixed trace; the same fields as the demo host page's trace spans. */
export interface ExtraSpan {
  service: string;
  name: string;
  /** Offset from the trace start. */
  startMs: number;
  durationMs: number;
  error?: boolean;
  errorMessage?: string;
  /** Index of the parent span in `spans`; default: the innermost earlier span whose interval contains this one. */
  parent?: number;
}

/**
 * A trace given as data, so a page that shows traces and the graph agree. `{ tenant, ...demoTrace }` fits the demo's
 * `DemoTrace` as is.
 */
export interface ExtraTrace {
  tenant: string;
  /** Trace id (hex); kept as given. */
  id: string;
  /** Display title; the trace `name` is the root span's name. */
  title?: string;
  /** ISO 8601; default: the graph's `now`. */
  startTime?: string;
  spans: ExtraSpan[];
}

export interface TelemetryGraphOptions {
  seed: number;
  /** Default `["acme", "globex"]`. */
  tenants?: readonly string[];
  /** Default 250 (≈ 3,000 spans per tenant: deep enough that unbounded traversals cost noticeably more). */
  tracesPerTenant?: number;
  extraTraces?: readonly ExtraTrace[];
  /** Generated traces start within the 24 h before this ISO instant. Default 2026-11-30T12:00:00Z. */
  now?: string;
}

type Tier = ServiceNode["tier"];

interface ServiceSpec {
  tier: Tier;
  operations: readonly string[];
  /** Downstream calls: service and probability of calling it in one request. */
  calls: readonly (readonly [string, number])[];
  /** Own latency range in ms. */
  latency: readonly [number, number];
  errors: readonly string[];
}

/** A small shop's service map; the names mirror what the demo page shows. */
const SERVICES: Readonly<Record<string, ServiceSpec>> = {
  "web-gateway": {
    tier: "edge",
    operations: [],
    calls: [],
    latency: [2, 12],
    errors: ["upstream request timeout", "502 Bad Gateway from upstream"],
  },
  checkout: {
    tier: "service",
    operations: ["CreateOrder", "ValidateCart", "PlaceOrder"],
    calls: [
      ["cart-cache", 0.9],
      ["inventory", 0.9],
      ["payments-svc", 0.95],
      ["shipping", 0.7],
      ["notifications", 0.6],
    ],
    latency: [5, 40],
    errors: ["order validation failed: cart is empty", "context deadline exceeded"],
  },
  cart: {
    tier: "service",
    operations: ["GetCart", "AddItem", "RemoveItem"],
    calls: [
      ["cart-cache", 1],
      ["inventory", 0.5],
      ["recommendations", 0.3],
    ],
    latency: [3, 20],
    errors: ["cart not found", "item limit exceeded"],
  },
  "cart-cache": {
    tier: "cache",
    operations: ["GET cart", "SET cart", "EXPIRE cart"],
    calls: [],
    latency: [0, 4],
    errors: ["redis: connection pool exhausted", "READONLY You can't write against a read only replica"],
  },
  inventory: {
    tier: "service",
    operations: ["ReserveItems", "CheckStock", "ReleaseReservation"],
    calls: [["inventory-db", 1]],
    latency: [4, 30],
    errors: ["insufficient stock for SKU", "reservation conflict"],
  },
  "inventory-db": {
    tier: "database",
    operations: ["SELECT stock", "UPDATE stock", "INSERT reservation"],
    calls: [],
    latency: [2, 45],
    errors: ["deadlock detected", "canceling statement due to statement timeout"],
  },
  "payments-svc": {
    tier: "service",
    operations: ["Authorize", "Capture", "Refund"],
    calls: [
      ["fraud-check", 0.9],
      ["payments-db", 1],
      ["card-network", 0.8],
    ],
    latency: [8, 60],
    errors: ["card declined: insufficient funds", "idempotency key reused with different payload"],
  },
  "payments-db": {
    tier: "database",
    operations: ["SELECT ledger", "INSERT payment", "UPDATE ledger"],
    calls: [],
    latency: [3, 60],
    errors: ["connection refused: payments-db:5432", "canceling statement due to lock timeout"],
  },
  "fraud-check": {
    tier: "service",
    operations: ["ScoreTransaction", "CheckVelocity"],
    calls: [["risk-model", 0.8]],
    latency: [5, 50],
    errors: ["fraud score above threshold", "risk model unavailable"],
  },
  "risk-model": {
    tier: "service",
    operations: ["Predict"],
    calls: [],
    latency: [10, 120],
    errors: ["model inference timeout", "feature vector has NaN"],
  },
  "card-network": {
    tier: "external",
    operations: ["POST /v1/authorizations", "POST /v1/captures"],
    calls: [],
    latency: [40, 400],
    errors: ["429 Too Many Requests", "TLS handshake timeout"],
  },
  shipping: {
    tier: "service",
    operations: ["QuoteRates", "CreateLabel"],
    calls: [["inventory", 0.3]],
    latency: [6, 80],
    errors: ["carrier API returned 503", "address could not be geocoded"],
  },
  notifications: {
    tier: "service",
    operations: ["EnqueueEmail", "EnqueueSms"],
    calls: [["email-queue", 1]],
    latency: [2, 15],
    errors: ["template not found: order_confirmation", "SMS provider rejected number"],
  },
  "email-queue": {
    tier: "queue",
    operations: ["publish order.confirmed", "publish order.shipped"],
    calls: [],
    latency: [1, 8],
    errors: ["broker unavailable", "message too large"],
  },
  search: {
    tier: "service",
    operations: ["Query", "Suggest"],
    calls: [["search-index", 1]],
    latency: [5, 40],
    errors: ["query parse error", "context deadline exceeded"],
  },
  "search-index": {
    tier: "database",
    operations: ["ShardFanout", "TermLookup"],
    calls: [],
    latency: [10, 200],
    errors: ["shard 3 unavailable", "circuit breaker open: search-index"],
  },
  users: {
    tier: "service",
    operations: ["LoadProfile", "UpdateProfile"],
    calls: [
      ["users-db", 1],
      ["cart-cache", 0.4],
    ],
    latency: [3, 25],
    errors: ["user not found", "token expired"],
  },
  "users-db": {
    tier: "database",
    operations: ["SELECT users", "UPDATE users"],
    calls: [],
    latency: [1, 30],
    errors: ["too many connections", "canceling statement due to statement timeout"],
  },
  recommendations: {
    tier: "service",
    operations: ["TopPicks", "AlsoBought"],
    calls: [
      ["search-index", 0.7],
      ["users", 0.5],
    ],
    latency: [10, 90],
    errors: ["feature store timeout", "empty candidate set"],
  },
};

/** Entry points: the gateway's operation and the service that handles it. */
const ENDPOINTS: readonly (readonly [string, string, number])[] = [
  ["POST /checkout", "checkout", 3],
  ["GET /cart", "cart", 4],
  ["POST /cart/items", "cart", 3],
  ["GET /search", "search", 4],
  ["GET /profile", "users", 2],
  ["GET /recommendations", "recommendations", 2],
  ["POST /payments/refund", "payments-svc", 1],
];

const MAX_DEPTH = 6;
const DEFAULT_NOW = "2026-11-30T12:00:00.000Z";

/** Whether names of this tenant carry the `GLOBEX` marker. */
function marksGlobex(tenant: string): boolean {
  return tenant.toLowerCase().includes("globex");
}

/** A node name as stored: tenants whose id contains "globex" get the visible `GLOBEX` marker. */
export function tenantName(tenant: string, name: string): string {
  if (!marksGlobex(tenant) || name.includes("GLOBEX")) return name;
  return `${name} [GLOBEX]`;
}

/** Service names are referenced by spans, so the marker goes in front and stays a single token. */
export function tenantServiceName(tenant: string, service: string): string {
  if (!marksGlobex(tenant) || service.includes("GLOBEX")) return service;
  return `GLOBEX-${service}`;
}

interface PlannedSpan {
  service: string;
  name: string;
  parent: number | null;
  startMs: number;
  durationMs: number;
  error: boolean;
  errorMessage: string | null;
}

export function generateTelemetryGraph(options: TelemetryGraphOptions): TelemetryGraph {
  const tenants = options.tenants ?? ["acme", "globex"];
  const tracesPerTenant = options.tracesPerTenant ?? 250;
  const nowMs = Date.parse(options.now ?? DEFAULT_NOW);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not an ISO date: ${String(options.now)}`);
  const builder = new GraphBuilder();
  tenants.forEach((tenant, index) => {
    const random = seededRandom(options.seed * 7919 + index * 104729 + seedFromText(tenant));
    for (let i = 0; i < tracesPerTenant; i++) {
      const start = nowMs - random.int(0, 24 * 60 * 60 * 1000);
      builder.addTrace(tenant, random.hex(32), new Date(start).toISOString(), planTrace(random), random);
    }
  });
  for (const extra of options.extraTraces ?? []) {
    const random = seededRandom(seedFromText(`${extra.tenant}/${extra.id}/${options.seed}`));
    const start = extra.startTime === undefined ? nowMs : Date.parse(extra.startTime);
    if (Number.isNaN(start)) throw new RangeError(`startTime of trace ${extra.id} is not an ISO date`);
    builder.addTrace(extra.tenant, extra.id, new Date(start).toISOString(), planExtraTrace(extra), random);
  }
  return builder.finish();
}

/** A request through the service map: spans in start order, parents before children. */
function planTrace(random: SeededRandom): PlannedSpan[] {
  const weighted = ENDPOINTS.flatMap((endpoint) => Array<typeof endpoint>(endpoint[2]).fill(endpoint));
  const [operation, handler] = random.pick(weighted);
  const spans: PlannedSpan[] = [];
  const gateway = spec("web-gateway");
  const root = plan(spans, "web-gateway", operation, null, 0);
  // The gateway always calls the handler; the rest of the tree follows the service map.
  const end = expand(spans, random, handler, root, spans[root]!.startMs + random.int(1, 5), 1);
  finish(spans, random, root, end, gateway);
  return spans;
}

function spec(service: string): ServiceSpec {
  const found = SERVICES[service];
  if (found === undefined) throw new Error(`unknown service ${service}`);
  return found;
}

function plan(spans: PlannedSpan[], service: string, name: string, parent: number | null, startMs: number): number {
  spans.push({ service, name, parent, startMs, durationMs: 0, error: false, errorMessage: null });
  return spans.length - 1;
}

/** Adds a span of `service` under `parent` starting at `startMs` with its downstream calls; returns its end. */
function expand(
  spans: PlannedSpan[],
  random: SeededRandom,
  service: string,
  parent: number,
  startMs: number,
  depth: number,
): number {
  const serviceSpec = spec(service);
  const index = plan(spans, service, random.pick(serviceSpec.operations), parent, startMs);
  let cursor = startMs + random.int(0, Math.max(1, Math.floor(serviceSpec.latency[0] / 2) + 1));
  if (depth < MAX_DEPTH) {
    for (const [callee, probability] of serviceSpec.calls) {
      if (!random.chance(probability)) continue;
      // Caches are often hit twice (read, then write back).
      const times = serviceSpec.tier !== "cache" && spec(callee).tier === "cache" && random.chance(0.3) ? 2 : 1;
      for (let t = 0; t < times; t++)
        cursor = expand(spans, random, callee, index, cursor + random.int(0, 3), depth + 1);
    }
  }
  return finish(spans, random, index, cursor, serviceSpec);
}

/** Sets duration (own latency after the children, with rare slow outliers) and errors; returns the span's end. */
function finish(
  spans: PlannedSpan[],
  random: SeededRandom,
  index: number,
  childrenEnd: number,
  serviceSpec: ServiceSpec,
): number {
  const span = spans[index]!;
  let own = random.int(serviceSpec.latency[0], serviceSpec.latency[1]);
  if ((serviceSpec.tier === "database" || serviceSpec.tier === "external") && random.chance(0.03))
    own += random.int(800, 2500);
  span.durationMs = Math.max(1, childrenEnd - span.startMs + own);
  const childFailed = spans.some((child) => child.parent === index && child.error);
  if (random.chance(0.025) || (childFailed && random.chance(0.7))) {
    span.error = true;
    span.errorMessage = random.pick(serviceSpec.errors);
  }
  return span.startMs + span.durationMs;
}

function planExtraTrace(trace: ExtraTrace): PlannedSpan[] {
  return trace.spans.map((span, index) => ({
    service: span.service,
    name: span.name,
    parent: span.parent ?? inferParent(trace.spans, index),
    startMs: span.startMs,
    durationMs: span.durationMs,
    error: span.error === true,
    errorMessage: span.error === true ? (span.errorMessage ?? `${span.name} failed`) : null,
  }));
}

/** The innermost earlier span whose interval contains this one (the demo's spans list parents first). */
function inferParent(spans: readonly ExtraSpan[], index: number): number | null {
  const span = spans[index]!;
  let best: number | null = null;
  for (let i = 0; i < index; i++) {
    const candidate = spans[i]!;
    const contains =
      candidate.startMs <= span.startMs && candidate.startMs + candidate.durationMs >= span.startMs + span.durationMs;
    if (contains && (best === null || candidate.durationMs <= spans[best]!.durationMs)) best = i;
  }
  return best ?? (index === 0 ? null : 0);
}

class GraphBuilder {
  private readonly graph: TelemetryGraph = {
    services: [],
    traces: [],
    spans: [],
    hasSpan: [],
    childOf: [],
    emits: [],
    calls: [],
  };
  private readonly services = new Set<string>();
  private readonly traceUids = new Set<string>();
  private readonly calls = new Map<string, CallsRelationship>();

  addTrace(tenant: string, traceId: string, startTime: string, planned: PlannedSpan[], random: SeededRandom): void {
    const traceUid = `${tenant}/${traceId}`;
    // A repeated id (e.g. the same extra trace given twice) keeps the first; uids are primary keys.
    if (this.traceUids.has(traceUid) || planned.length === 0) return;
    this.traceUids.add(traceUid);
    const startMs = Date.parse(startTime);
    const spanUids: string[] = [];
    const usedIds = new Set<string>();
    for (const span of planned) {
      let spanId = random.hex(16);
      // Top bit clear: the id also fits a signed 64-bit integer; never all zeros (invalid in W3C trace context).
      spanId = (parseInt(spanId[0]!, 16) & 0x7).toString(16) + spanId.slice(1);
      while (usedIds.has(spanId) || /^0+$/.test(spanId)) spanId = `1${random.hex(15)}`;
      usedIds.add(spanId);
      const service = this.addService(tenant, span.service);
      const uid = `${traceUid}/${spanId}`;
      spanUids.push(uid);
      this.graph.spans.push({
        uid,
        span_id: spanId,
        span_id64: BigInt(`0x${spanId}`),
        trace_id: traceId,
        name: tenantName(tenant, span.name),
        service: service.name,
        tenant_id: tenant,
        start_time: new Date(startMs + span.startMs).toISOString(),
        duration_ms: Math.max(0, Math.round(span.durationMs)),
        status: span.error ? "error" : "ok",
        error_message: span.errorMessage,
      });
      this.graph.hasSpan.push({ from: traceUid, to: uid, tenant_id: tenant });
      this.graph.emits.push({ from: service.uid, to: uid, tenant_id: tenant });
    }
    planned.forEach((span, index) => {
      if (span.parent === null || span.parent === index || planned[span.parent] === undefined) return;
      this.graph.childOf.push({ from: spanUids[index]!, to: spanUids[span.parent]!, tenant_id: tenant });
      const caller = planned[span.parent]!.service;
      if (caller !== span.service) this.addCall(tenant, caller, span.service, span.error);
    });
    const root = planned[0]!;
    const end = Math.max(...planned.map((span) => span.startMs + span.durationMs));
    this.graph.traces.push({
      uid: traceUid,
      trace_id: traceId,
      name: tenantName(tenant, root.name),
      tenant_id: tenant,
      start_time: new Date(startMs + Math.min(...planned.map((span) => span.startMs))).toISOString(),
      duration_ms: Math.max(0, Math.round(end - Math.min(...planned.map((span) => span.startMs)))),
      span_count: planned.length,
      status: planned.some((span) => span.error) ? "error" : "ok",
      root_service: tenantServiceName(tenant, root.service),
    });
  }

  private addService(tenant: string, service: string): ServiceNode {
    const name = tenantServiceName(tenant, service);
    const uid = `${tenant}/${name}`;
    if (!this.services.has(uid)) {
      this.services.add(uid);
      this.graph.services.push({ uid, name, tenant_id: tenant, tier: SERVICES[service]?.tier ?? "service" });
    }
    return { uid, name, tenant_id: tenant, tier: "service" };
  }

  private addCall(tenant: string, caller: string, callee: string, failed: boolean): void {
    const from = `${tenant}/${tenantServiceName(tenant, caller)}`;
    const to = `${tenant}/${tenantServiceName(tenant, callee)}`;
    const key = `${from}\n${to}`;
    let call = this.calls.get(key);
    if (call === undefined) {
      call = { from, to, tenant_id: tenant, call_count: 0, error_count: 0 };
      this.calls.set(key, call);
      this.graph.calls.push(call);
    }
    call.call_count += 1;
    if (failed) call.error_count += 1;
  }

  finish(): TelemetryGraph {
    return this.graph;
  }
}
