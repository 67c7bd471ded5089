import { generateTelemetryGraph, type TelemetryGraph } from "../../src/cypher/telemetry-graph.js";

/** The two-tenant graph plus a few edges from acme nodes to globex nodes and back. */
export function crossTenantGraph(seed: number, tracesPerTenant: number): TelemetryGraph {
  const graph = generateTelemetryGraph({ seed, tracesPerTenant });
  const of = <T extends { tenant_id: string }>(items: T[], tenant: string) =>
    items.filter((i) => i.tenant_id === tenant);
  const [acmeSpans, globexSpans] = [of(graph.spans, "acme"), of(graph.spans, "globex")];
  const [acmeServices, globexServices] = [of(graph.services, "acme"), of(graph.services, "globex")];
  const globexTraces = of(graph.traces, "globex");
  for (let i = 0; i < 5; i++) {
    const a = acmeSpans[i * 7];
    const g = globexSpans[i * 5];
    if (!a || !g) continue;
    graph.childOf.push({ from: a.uid, to: g.uid, tenant_id: "acme" }, { from: g.uid, to: a.uid, tenant_id: "globex" });
    const gt = globexTraces[i];
    if (gt) graph.hasSpan.push({ from: gt.uid, to: a.uid, tenant_id: "globex" });
    const gs = globexServices[i % globexServices.length];
    if (gs) graph.emits.push({ from: gs.uid, to: a.uid, tenant_id: "globex" });
  }
  for (let i = 0; i < Math.min(3, acmeServices.length, globexServices.length); i++) {
    const [a, g] = [acmeServices[i], globexServices[i]];
    if (a && g) {
      graph.calls.push({ from: a.uid, to: g.uid, tenant_id: "acme", call_count: 1, error_count: 0 });
      graph.calls.push({ from: g.uid, to: a.uid, tenant_id: "globex", call_count: 1, error_count: 0 });
    }
  }
  return graph;
}
