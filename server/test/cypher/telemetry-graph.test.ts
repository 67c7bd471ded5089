import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/cypher/seeded-random.js";
import { generateTelemetryGraph, type ExtraTrace, type TelemetryGraph } from "../../src/cypher/telemetry-graph.js";
import { TRACES } from "../../../demo/traces.js";
import { DEMO_LIKE_TRACES } from "./demo-like-traces.js";

function tenantsByUid(graph: TelemetryGraph): Map<string, string> {
  const tenants = new Map<string, string>();
  for (const node of [...graph.services, ...graph.traces, ...graph.spans]) tenants.set(node.uid, node.tenant_id);
  return tenants;
}

function allNodes(graph: TelemetryGraph): { uid: string; name: string; tenant_id: string }[] {
  return [...graph.services, ...graph.traces, ...graph.spans];
}

function allRelationships(graph: TelemetryGraph): { from: string; to: string; tenant_id: string }[] {
  return [...graph.hasSpan, ...graph.childOf, ...graph.emits, ...graph.calls];
}

/** Hostile but well-typed extra traces: odd parents, empty span lists, repeated ids, odd tenants. */
function randomExtraTraces(seed: number): ExtraTrace[] {
  const random = seededRandom(seed);
  const tenants = ["acme", "globex", "globex-staging", "initech", "GLOBEX", "__proto__", ""];
  return Array.from({ length: random.int(0, 6) }, () => {
    const count = random.int(0, 6);
    return {
      tenant: random.pick(tenants),
      id: random.chance(0.2) ? "repeated" : random.hex(random.int(1, 32)),
      startTime: new Date(Date.UTC(2026, 0, 1) + random.int(0, 1e9)).toISOString(),
      spans: Array.from({ length: count }, (_, index) => ({
        service: random.pick(["checkout", "payments-db", "unknown-svc", "GLOBEX-x", ""]),
        name: random.pick(["POST /checkout", "Authorize", "", "名前", "SELECT ledger"]),
        startMs: random.int(0, 3000),
        durationMs: random.int(0, 3000),
        ...(random.chance(0.3) ? { error: true } : {}),
        ...(random.chance(0.3) ? { parent: random.int(-2, count + 1) } : {}),
        ...(random.chance(0.1) ? { parent: index } : {}),
      })),
    };
  });
}

describe("generateTelemetryGraph", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateTelemetryGraph({ seed: 42, tracesPerTenant: 40, extraTraces: DEMO_LIKE_TRACES });
    const b = generateTelemetryGraph({ seed: 42, tracesPerTenant: 40, extraTraces: DEMO_LIKE_TRACES });
    const c = generateTelemetryGraph({ seed: 43, tracesPerTenant: 40, extraTraces: DEMO_LIKE_TRACES });
    expect(b).toEqual(a);
    expect(c.traces.map((t) => t.trace_id)).not.toEqual(a.traces.map((t) => t.trace_id));
  });

  it("holds the tenancy properties for many seeds, tenant lists and hostile extra traces", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const tenants = seed % 3 === 0 ? ["acme", "globex", "globex-staging", "initech"] : ["acme", "globex"];
      const graph = generateTelemetryGraph({
        seed,
        tenants,
        tracesPerTenant: 1 + (seed % 9),
        extraTraces: randomExtraTraces(seed),
      });
      const tenantOf = tenantsByUid(graph);
      const uids = allNodes(graph).map((node) => node.uid);
      expect(new Set(uids).size, `seed ${seed}: unique uids`).toBe(uids.length);
      for (const node of allNodes(graph)) {
        expect(typeof node.tenant_id, `seed ${seed}`).toBe("string");
        if (node.tenant_id.toLowerCase().includes("globex")) expect(node.name, `seed ${seed}`).toContain("GLOBEX");
      }
      for (const rel of allRelationships(graph)) {
        expect(tenantOf.get(rel.from), `seed ${seed}: ${rel.from}`).toBe(rel.tenant_id);
        expect(tenantOf.get(rel.to), `seed ${seed}: ${rel.to}`).toBe(rel.tenant_id);
      }
      const spanTrace = new Map(graph.spans.map((span) => [span.uid, span.trace_id]));
      for (const rel of graph.childOf) {
        expect(rel.from).not.toBe(rel.to);
        expect(spanTrace.get(rel.from)).toBe(spanTrace.get(rel.to));
      }
      const services = new Set(graph.services.map((s) => s.uid));
      for (const span of graph.spans) {
        expect(span.span_id).toMatch(/^[0-7][0-9a-f]{15}$/);
        expect(span.span_id64).toBe(BigInt(`0x${span.span_id}`));
        expect(services.has(`${span.tenant_id}/${span.service}`)).toBe(true);
      }
    }
  });

  it("keeps extra traces as given and infers parents from containment", () => {
    const graph = generateTelemetryGraph({ seed: 1, tracesPerTenant: 0, extraTraces: DEMO_LIKE_TRACES });
    const checkout = DEMO_LIKE_TRACES[0]!;
    const trace = graph.traces.find((t) => t.trace_id === checkout.id && t.tenant_id === "acme");
    expect(trace).toMatchObject({ name: "POST /checkout", duration_ms: 2410, span_count: 6, status: "ok" });
    const spans = graph.spans.filter((s) => s.trace_id === checkout.id && s.tenant_id === "acme");
    const byUid = new Map(spans.map((s) => [s.uid, s]));
    const parentOf = (name: string): string | undefined => {
      const child = spans.find((s) => s.name === name);
      const rel = graph.childOf.find((r) => r.from === child?.uid);
      return rel === undefined ? undefined : byUid.get(rel.to)?.name;
    };
    expect(parentOf("CreateOrder")).toBe("POST /checkout");
    expect(parentOf("SELECT ledger")).toBe("Authorize");
    expect(parentOf("Authorize")).toBe("CreateOrder");
    expect(parentOf("POST /checkout")).toBeUndefined();
    // The same trace given for globex is a separate, marked copy.
    const globex = graph.traces.find((t) => t.trace_id === checkout.id && t.tenant_id === "globex");
    expect(globex?.name).toBe("POST /checkout [GLOBEX]");
    const search = graph.traces.find((t) => t.trace_id === DEMO_LIKE_TRACES[1]!.id);
    expect(search?.status).toBe("error");
  });

  it("takes the demo host page's traces as they are", () => {
    const graph = generateTelemetryGraph({
      seed: 1,
      tracesPerTenant: 0,
      extraTraces: TRACES.map((trace) => ({ tenant: "acme", ...trace })),
    });
    expect(graph.traces.map((t) => t.trace_id)).toEqual(TRACES.map((t) => t.id));
    expect(graph.spans).toHaveLength(TRACES.reduce((n, t) => n + t.spans.length, 0));
  });

  it("generates realistic traces: trees rooted at the gateway, errors and slow outliers", () => {
    const graph = generateTelemetryGraph({ seed: 7 });
    expect(graph.traces).toHaveLength(500);
    expect(graph.services.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "checkout",
        "payments-svc",
        "payments-db",
        "fraud-check",
        "inventory",
        "shipping",
        "cart-cache",
      ]),
    );
    expect(graph.traces.every((t) => t.root_service.endsWith("web-gateway"))).toBe(true);
    expect(
      allNodes(graph)
        .filter((n) => n.tenant_id === "acme")
        .every((n) => !n.name.includes("GLOBEX")),
    ).toBe(true);
    expect(graph.spans.some((s) => s.status === "error" && s.error_message !== null)).toBe(true);
    expect(graph.spans.filter((s) => s.status === "ok").every((s) => s.error_message === null)).toBe(true);
    expect(Math.max(...graph.spans.map((s) => s.duration_ms))).toBeGreaterThan(800);
    expect(graph.spans.some((s) => s.span_id64 > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    // Every span but the root has exactly one parent.
    const children = new Set(graph.childOf.map((r) => r.from));
    expect(children.size).toBe(graph.childOf.length);
    expect(graph.spans.length - children.size).toBe(graph.traces.length);
  });
});
