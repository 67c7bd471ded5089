import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/**
 * Creates the schema and loads the graph, unless the database already holds telemetry (a database path reused across
 * restarts keeps its data). Rows go through CSV files in a temporary directory and COPY FROM, Kuzu's bulk path
 * (an order of magnitude faster than UNWIND … CREATE).
 */
export async function loadTelemetryGraph(connection: KuzuConnection, graph: TelemetryGraph): Promise<boolean> {
  for (const statement of KUZU_TELEMETRY_SCHEMA) singleResult(await connection.query(statement)).close();
  const existing = singleResult(await connection.query("MATCH (s:Service) RETURN count(*) AS n"));
  const rows = await existing.getAll();
  existing.close();
  if (Number(rows[0]?.["n"] ?? 0) > 0) return false;

  const directory = await mkdtemp(join(tmpdir(), "tracy-graph-"));
  try {
    const tables: [string, readonly string[], readonly (readonly unknown[])[]][] = [
      [
        "Service",
        ["uid", "name", "tenant_id", "tier"],
        graph.services.map((s) => [s.uid, s.name, s.tenant_id, s.tier]),
      ],
      [
        "Trace",
        ["uid", "trace_id", "name", "tenant_id", "start_time", "duration_ms", "span_count", "status", "root_service"],
        graph.traces.map((t) => [
          t.uid,
          t.trace_id,
          t.name,
          t.tenant_id,
          t.start_time,
          t.duration_ms,
          t.span_count,
          t.status,
          t.root_service,
        ]),
      ],
      [
        "Span",
        [
          "uid",
          "span_id",
          "span_id64",
          "trace_id",
          "name",
          "service",
          "tenant_id",
          "start_time",
          "duration_ms",
          "status",
          "error_message",
        ],
        graph.spans.map((s) => [
          s.uid,
          s.span_id,
          s.span_id64,
          s.trace_id,
          s.name,
          s.service,
          s.tenant_id,
          s.start_time,
          s.duration_ms,
          s.status,
          s.error_message,
        ]),
      ],
      ["HAS_SPAN", ["from", "to", "tenant_id"], graph.hasSpan.map((r) => [r.from, r.to, r.tenant_id])],
      ["CHILD_OF", ["from", "to", "tenant_id"], graph.childOf.map((r) => [r.from, r.to, r.tenant_id])],
      ["EMITS", ["from", "to", "tenant_id"], graph.emits.map((r) => [r.from, r.to, r.tenant_id])],
      [
        "CALLS",
        ["from", "to", "tenant_id", "call_count", "error_count"],
        graph.calls.map((r) => [r.from, r.to, r.tenant_id, r.call_count, r.error_count]),
      ],
    ];
    for (const [table, header, tableRows] of tables) {
      if (tableRows.length === 0) continue;
      const file = join(directory, `${table}.csv`);
      // Every line ends with a line break: Kuzu drops an empty last field at the very end of a file.
      const lines = [header.join(","), ...tableRows.map((row) => row.map(csvField).join(","))];
      await writeFile(file, `${lines.join("\n")}\n`);
      // PARALLEL=false: quoted fields may hold line breaks (names come from outside in extra traces).
      const copy = `COPY ${table} FROM '${file.replace(/'/g, "''")}' (HEADER=true, PARALLEL=false, ESCAPE='"')`;
      singleResult(await connection.query(copy)).close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return true;
}

/** A CSV field: null as an empty unquoted field (NULL for COPY), text always quoted with quotes doubled. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `"${String(value).replace(/"/g, '""')}"`;
}
