import { isLosslessNumber, parse } from "lossless-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CypherExecutionError, type CypherExecutor, type CypherResult } from "../../src/cypher/executor.js";
import { createKuzuExecutor } from "../../src/cypher/kuzu-executor.js";
import { resultToJson } from "../../src/cypher/serialize-result.js";
import { generateTelemetryGraph, type TelemetryGraph } from "../../src/cypher/telemetry-graph.js";
import { DEMO_LIKE_TRACES } from "./demo-like-traces.js";

/**
 * The panel's own recogniser of graph-shaped results, loaded at run time: the panel compiles under its own settings,
 * so the server's type check leaves it out.
 */
const PANEL_GRAPH_DATA = new URL("../../../src/components/cypher/graph-data.ts", import.meta.url).href;
interface DrawnGraph {
  nodes: { elementId: string; labels: string[]; properties: Record<string, unknown> }[];
  relationships: { type: string; startNodeElementId: string; endNodeElementId: string }[];
}
async function extractGraph(rows: Record<string, unknown>[]): Promise<DrawnGraph | null> {
  const panel = (await import(PANEL_GRAPH_DATA)) as {
    extractGraph: (raw: unknown, rows: Record<string, unknown>[] | null) => DrawnGraph | null;
  };
  return panel.extractGraph(null, rows);
}

const OPTIONS = { timeoutMs: 30_000, maxRows: 1000 };

/** A query that walks back and forth along CHILD_OF edges: exponential in the hop bound, minutes at 30 hops. */
const EXPENSIVE = "MATCH (a:Span)-[:CHILD_OF*1..30]-(b:Span) RETURN count(*) AS walks";

async function failure(promise: Promise<unknown>): Promise<CypherExecutionError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CypherExecutionError);
  return error as CypherExecutionError;
}

function rowsAsRecords(result: CypherResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
}

describe("Kuzu executor", () => {
  let graph: TelemetryGraph;
  let executor: CypherExecutor;

  beforeAll(async () => {
    graph = generateTelemetryGraph({ seed: 3, tracesPerTenant: 60, extraTraces: DEMO_LIKE_TRACES });
    executor = await createKuzuExecutor({ graph });
  });
  afterAll(async () => {
    await executor?.close();
  });

  it("counts nodes per tenant and label exactly as generated", async () => {
    const result = await executor.run(
      "MATCH (n) RETURN n.tenant_id AS tenant, label(n) AS label, count(*) AS n ORDER BY tenant, label",
      {},
      OPTIONS,
    );
    expect(result.columns).toEqual(["tenant", "label", "n"]);
    const expected = new Map<string, number>();
    for (const [label, nodes] of [
      ["Service", graph.services],
      ["Span", graph.spans],
      ["Trace", graph.traces],
    ] as const) {
      for (const node of nodes)
        expected.set(`${node.tenant_id}/${label}`, (expected.get(`${node.tenant_id}/${label}`) ?? 0) + 1);
    }
    expect(new Map(result.rows.map(([tenant, label, n]) => [`${String(tenant)}/${String(label)}`, n]))).toEqual(
      expected,
    );
    expect(result.truncated).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("returns a trace tree as Neo4j-shaped nodes and relationships the Cypher card draws", async () => {
    const result = await executor.run(
      "MATCH (t:Trace {trace_id: $trace, tenant_id: $tenant})-[h:HAS_SPAN]->(s:Span) " +
        "OPTIONAL MATCH (s)-[c:CHILD_OF]->(p:Span) RETURN t, h, s, c, p",
      { trace: DEMO_LIKE_TRACES[0]!.id, tenant: "acme" },
      OPTIONS,
    );
    expect(result.rows).toHaveLength(6);
    const drawn = await extractGraph(rowsAsRecords(result));
    expect(drawn?.nodes).toHaveLength(7);
    expect(drawn?.relationships.filter((r) => r.type === "CHILD_OF")).toHaveLength(5);
    expect(drawn?.relationships.filter((r) => r.type === "HAS_SPAN")).toHaveLength(6);
    const trace = drawn?.nodes.find((n) => n.labels.includes("Trace"));
    expect(trace?.properties).toMatchObject({
      trace_id: DEMO_LIKE_TRACES[0]!.id,
      name: "POST /checkout",
      tenant_id: "acme",
      start_time: "2026-11-30T11:58:00.000Z",
      duration_ms: 2410,
    });
    // Relationship ends refer to drawn nodes; ok spans leave the null error_message out, as Neo4j does.
    const ids = new Set(drawn?.nodes.map((n) => n.elementId));
    for (const rel of drawn?.relationships ?? []) {
      expect(ids.has(rel.startNodeElementId) && ids.has(rel.endNodeElementId)).toBe(true);
    }
    const ledger = drawn?.nodes.find((n) => n.properties["name"] === "SELECT ledger");
    expect(ledger?.properties).not.toHaveProperty("error_message");
    expect(ledger?.properties["status"]).toBe("ok");
  });

  it("returns paths as {nodes, relationships}", async () => {
    const result = await executor.run(
      "MATCH p = (s:Span {name: 'SELECT ledger', tenant_id: 'acme', trace_id: $trace})-[:CHILD_OF*1..5]->" +
        "(root:Span {name: 'POST /checkout'}) RETURN p",
      { trace: DEMO_LIKE_TRACES[0]!.id },
      OPTIONS,
    );
    expect(result.rows).toHaveLength(1);
    const path = result.rows[0]![0] as { nodes: { properties: { name: string } }[]; relationships: unknown[] };
    expect(path.nodes.map((n) => n.properties.name)).toEqual([
      "SELECT ledger",
      "Authorize",
      "CreateOrder",
      "POST /checkout",
    ]);
    expect(path.relationships).toHaveLength(3);
  });

  it("keeps 64-bit span ids exact through resultToJson and a lossless parse", async () => {
    const span = graph.spans.find((s) => s.span_id64 > 2n ** 60n)!;
    const result = await executor.run(
      "MATCH (s:Span {uid: $uid}) RETURN s.span_id64 AS id, s AS span, $big AS echoed",
      { uid: span.uid, big: -(2n ** 100n) - 7n },
      OPTIONS,
    );
    expect(result.rows[0]![0]).toBe(span.span_id64);
    const parsed = parse(resultToJson(result)) as {
      rows: [unknown, { properties: { span_id64: unknown } }, unknown][];
    };
    const [id, node, echoed] = parsed.rows[0]!;
    expect(isLosslessNumber(id) && id.value).toBe(span.span_id64.toString());
    const inNode = node.properties.span_id64;
    expect(isLosslessNumber(inNode) && inNode.value).toBe(span.span_id64.toString());
    expect(isLosslessNumber(echoed) && echoed.value).toBe((-(2n ** 100n) - 7n).toString());
  });

  it("fails instead of rounding an INT64 beyond 2^53, and says how to get it exactly", async () => {
    const error = await failure(executor.run("RETURN 9007199254740993 AS x", {}, OPTIONS));
    expect(error.code).toBe("runtime");
    expect(error.message).toContain("INT128");
    const exact = await executor.run(
      "RETURN CAST(9007199254740993 AS INT128) AS x, 9007199254740991 AS y",
      {},
      OPTIONS,
    );
    expect(exact.rows).toEqual([[9007199254740993n, 9007199254740991]]);
  });

  it("maps a query that outlives its time budget to code timeout", async () => {
    const error = await failure(executor.run(EXPENSIVE, {}, { timeoutMs: 1, maxRows: 10 }));
    expect(error.code).toBe("timeout");
    // The executor stays usable after an interrupted query.
    const after = await executor.run("MATCH (s:Service) RETURN count(*) AS n", {}, OPTIONS);
    expect(after.rows[0]![0]).toBe(graph.services.length);
  });

  it("maps an abort to code timeout without waiting for the engine", async () => {
    const controller = new AbortController();
    // The engine's own timeout ends the abandoned query soon after, so closing the executor does not wait long.
    const running = executor.run(EXPENSIVE, {}, { timeoutMs: 3000, maxRows: 10, signal: controller.signal });
    controller.abort();
    const error = await failure(running);
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("cancelled");
    const aborted = new AbortController();
    aborted.abort();
    expect((await failure(executor.run("RETURN 1", {}, { ...OPTIONS, signal: aborted.signal }))).code).toBe("timeout");
  });

  it("truncates to maxRows and says so", async () => {
    const many = await executor.run("MATCH (s:Span) RETURN s.uid AS uid ORDER BY uid", {}, { ...OPTIONS, maxRows: 3 });
    expect(many.rows).toHaveLength(3);
    expect(many.truncated).toBe(true);
    const exact = await executor.run("MATCH (s:Span) RETURN s.uid AS uid LIMIT 3", {}, { ...OPTIONS, maxRows: 3 });
    expect(exact.rows).toHaveLength(3);
    expect(exact.truncated).toBe(false);
    const none = await executor.run("MATCH (s:Span) RETURN s.uid AS uid LIMIT 3", {}, { ...OPTIONS, maxRows: 0 });
    expect(none).toMatchObject({ rows: [], truncated: true });
  });

  it("classifies syntax errors, refused writes and bad parameters", async () => {
    expect((await failure(executor.run("MATC (n) RETURN n", {}, OPTIONS))).code).toBe("syntax");
    expect((await failure(executor.run("MATCH (n:Nope) RETURN n", {}, OPTIONS))).code).toBe("syntax");
    expect((await failure(executor.run("RETURN 1; RETURN 2", {}, OPTIONS))).code).toBe("syntax");
    const write = await failure(executor.run("MATCH (s:Service) SET s.name = 'x' RETURN s", {}, OPTIONS));
    expect(write.code).toBe("runtime");
    expect(write.message).toContain("read-only");
    const unchanged = await executor.run("MATCH (s:Service) WHERE s.name = 'x' RETURN count(*)", {}, OPTIONS);
    expect(unchanged.rows[0]![0]).toBe(0);
    for (const bad of [{ x: 2n ** 200n }, { x: Number.NaN }, { x: new Date() }, { "a b": 1 }, { x: () => 1 }]) {
      expect((await failure(executor.run("RETURN $x AS x", bad as Record<string, unknown>, OPTIONS))).code).toBe(
        "syntax",
      );
    }
  });

  it("converts dates, lists, maps and hostile keys to plain JSON values", async () => {
    const result = await executor.run(
      "RETURN date('2026-01-02') AS d, timestamp('2026-01-02 03:04:05.123') AS t, [1, 2] AS l, " +
        "{`__proto__`: 1, b: 'x'} AS m, 1.5 AS f, NULL AS n, blob('AB') AS b",
      {},
      OPTIONS,
    );
    const [d, t, l, m, f, n, b] = result.rows[0]!;
    expect([d, t, l, f, n, b]).toEqual(["2026-01-02", "2026-01-02T03:04:05.123Z", [1, 2], 1.5, null, "QUI="]);
    // The binding assigns struct fields, so a `__proto__` field cannot survive it; what matters is that it changes
    // no prototype on the way.
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(m).toMatchObject({ b: "x" });
    expect(({} as Record<string, unknown>)["b"]).toBeUndefined();
  });

  it("runs queries concurrently on separate connections", async () => {
    const results = await Promise.all(
      ["acme", "globex", "acme", "globex"].map((tenant) =>
        executor.run("MATCH (t:Trace {tenant_id: $tenant}) RETURN count(*) AS n", { tenant }, OPTIONS),
      ),
    );
    const count = (tenant: string): number => graph.traces.filter((t) => t.tenant_id === tenant).length;
    expect(results.map((r) => r.rows[0]![0])).toEqual([count("acme"), count("globex"), count("acme"), count("globex")]);
  });

  it("reports unavailable once closed", async () => {
    const own = await createKuzuExecutor({ graph: null });
    expect((await own.run("RETURN 1 AS one", {}, OPTIONS)).rows).toEqual([[1]]);
    await own.close();
    await own.close();
    expect((await failure(own.run("RETURN 1", {}, OPTIONS))).code).toBe("unavailable");
  });
});
