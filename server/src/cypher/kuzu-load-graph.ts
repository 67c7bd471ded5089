import { singleResult, type KuzuConnection } from "./kuzu-module.js";
import type { TelemetryGraph } from "./telemetry-graph.js";

/**
 * The telemetry schema in Kuzu DDL. `span_id64` is INT128 because Kuzu's Node.js binding returns INT128 exactly
 * (as bigint) but INT64 as a double.
 */
export const KUZU_TELEMETRY_SCHEMA: readonly string[] = [
  "CREATE NODE TABLE IF NOT EXISTS Service(uid STRING, name STRING, tenant_id STRING, tier STRING, PRIMARY KEY(uid))",
  "CREATE NODE TABLE IF NOT EXISTS Trace(uid STRING, trace_id STRING, name STRING, tenant_id STRING, start_time TIMESTAMP, " +
    "duration_ms INT64, span_count INT64, status STRING, root_service STRING, PRIMARY KEY(uid))",
  "CREATE NODE TABLE IF NOT EXISTS Span(uid STRING, span_id STRING, span_id64 INT128, trace_id STRING, name STRING, " +
    "service STRING, tenant_id STRING, start_time TIMESTAMP, duration_ms INT64, status STRING, error_message STRING, " +
    "PRIMARY KEY(uid))",
  "CREATE REL TABLE IF NOT EXISTS HAS_SPAN(FROM Trace TO Span, tenant_id STRING)",
  "CREATE REL TABLE IF NOT EXISTS CHILD_OF(FROM Span TO Span, tenant_id STRING)",
  "CREATE REL TABLE IF NOT EXISTS EMITS(FROM Service TO Span, tenant_id STRING)",
  "CREATE REL TABLE IF NOT EXISTS CALLS(FROM Service TO Service, tenant_id STRING, call_count INT64, error_count INT64)",
];

const BATCH = 2000;

/**
 * Creates the schema and loads the graph, unless the database already holds telemetry (a database path reused across
 * restarts keeps its data). Rows go in as list parameters to UNWIND: no temporary files.
 */
export async function loadTelemetryGraph(connection: KuzuConnection, graph: TelemetryGraph): Promise<boolean> {
  for (const statement of KUZU_TELEMETRY_SCHEMA) singleResult(await connection.query(statement)).close();
  const existing = singleResult(await connection.query("MATCH (s:Service) RETURN count(*) AS n"));
  const rows = await existing.getAll();
  existing.close();
  if (Number(rows[0]?.["n"] ?? 0) > 0) return false;

  await insert(
    connection,
    "UNWIND $rows AS r CREATE (:Service {uid: r.uid, name: r.name, tenant_id: r.tenant_id, tier: r.tier})",
    graph.services.map((s) => ({ uid: s.uid, name: s.name, tenant_id: s.tenant_id, tier: s.tier })),
  );
  await insert(
    connection,
    "UNWIND $rows AS r CREATE (:Trace {uid: r.uid, trace_id: r.trace_id, name: r.name, tenant_id: r.tenant_id, " +
      "start_time: timestamp(r.start_time), duration_ms: r.duration_ms, span_count: r.span_count, status: r.status, " +
      "root_service: r.root_service})",
    graph.traces.map((t) => ({
      uid: t.uid,
      trace_id: t.trace_id,
      name: t.name,
      tenant_id: t.tenant_id,
      start_time: t.start_time,
      duration_ms: t.duration_ms,
      span_count: t.span_count,
      status: t.status,
      root_service: t.root_service,
    })),
  );
  // The binding types a list parameter from its first element, so spans with and without an error message go in
  // separate batches (a missing property is NULL).
  const spanRow = (s: TelemetryGraph["spans"][number]): Record<string, unknown> => ({
    uid: s.uid,
    span_id: s.span_id,
    span_id64: s.span_id64,
    trace_id: s.trace_id,
    name: s.name,
    service: s.service,
    tenant_id: s.tenant_id,
    start_time: s.start_time,
    duration_ms: s.duration_ms,
    status: s.status,
    error_message: s.error_message,
  });
  const createSpan =
    "UNWIND $rows AS r CREATE (:Span {uid: r.uid, span_id: r.span_id, span_id64: r.span_id64, trace_id: r.trace_id, " +
    "name: r.name, service: r.service, tenant_id: r.tenant_id, start_time: timestamp(r.start_time), " +
    "duration_ms: r.duration_ms, status: r.status";
  await insert(
    connection,
    `${createSpan}, error_message: r.error_message})`,
    graph.spans.filter((s) => s.error_message !== null).map(spanRow),
  );
  await insert(
    connection,
    `${createSpan}})`,
    graph.spans
      .filter((s) => s.error_message === null)
      .map((s) => {
        const { error_message: _none, ...row } = spanRow(s);
        return row;
      }),
  );
  const relationships: [string, string, string, { from: string; to: string; tenant_id: string }[]][] = [
    ["HAS_SPAN", "Trace", "Span", graph.hasSpan],
    ["CHILD_OF", "Span", "Span", graph.childOf],
    ["EMITS", "Service", "Span", graph.emits],
  ];
  for (const [type, from, to, list] of relationships) {
    await insert(
      connection,
      `UNWIND $rows AS r MATCH (a:${from} {uid: r.from}), (b:${to} {uid: r.to}) CREATE (a)-[:${type} {tenant_id: r.tenant_id}]->(b)`,
      list.map((rel) => ({ from: rel.from, to: rel.to, tenant_id: rel.tenant_id })),
    );
  }
  await insert(
    connection,
    "UNWIND $rows AS r MATCH (a:Service {uid: r.from}), (b:Service {uid: r.to}) " +
      "CREATE (a)-[:CALLS {tenant_id: r.tenant_id, call_count: r.call_count, error_count: r.error_count}]->(b)",
    graph.calls.map((c) => ({
      from: c.from,
      to: c.to,
      tenant_id: c.tenant_id,
      call_count: c.call_count,
      error_count: c.error_count,
    })),
  );
  return true;
}

async function insert(connection: KuzuConnection, statement: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const prepared = await connection.prepare(statement);
  if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
  for (let i = 0; i < rows.length; i += BATCH) {
    singleResult(await connection.execute(prepared, { rows: rows.slice(i, i + BATCH) })).close();
  }
}
