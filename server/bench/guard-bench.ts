/**
 * What the Cypher guard costs (parse + checks + rewrite + print) next to running the guarded query on the embedded
 * engine (Kuzu, generated two-tenant graph), in the same run: `npm run bench:guard -w server`. Prints a table; the
 * machine's load is printed with it because the numbers mean little without it.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { CypherExecutionError } from "../src/cypher/executor.js";
import { guardCypher } from "../src/cypher/guard.js";
import { createKuzuExecutor } from "../src/cypher/kuzu-executor.js";
import { generateTelemetryGraph } from "../src/cypher/telemetry-graph.js";
import { LEAK_CORPUS } from "../test/cypher/leak-corpus.js";

const TYPICAL = [
  "MATCH (s:Span) WHERE s.status = 'error' RETURN s.service, count(*) AS errors ORDER BY errors DESC LIMIT 10",
  "MATCH (t:Trace) RETURN t.name, t.duration_ms ORDER BY t.duration_ms DESC LIMIT 20",
  "MATCH (t:Trace)-[:HAS_SPAN]->(s:Span) WHERE t.status = 'error' RETURN t.trace_id, s.name, s.error_message LIMIT 50",
  "MATCH (a:Service)-[c:CALLS]->(b:Service) RETURN a.name, b.name, c.call_count, c.error_count ORDER BY c.error_count DESC",
  "MATCH (s:Span)-[:CHILD_OF*1..3]->(root:Span) WHERE s.status = 'error' RETURN root.name, count(*) AS n LIMIT 20",
  "MATCH (v:Service)-[:EMITS]->(s:Span) WITH v, avg(s.duration_ms) AS avg_ms RETURN v.name, avg_ms ORDER BY avg_ms DESC",
  "MATCH (s:Span) OPTIONAL MATCH (s)-[:CHILD_OF]->(p:Span) RETURN s.name, p.name LIMIT 100",
  "MATCH (t:Trace) WHERE t.duration_ms > 1000 AND t.name CONTAINS 'checkout' RETURN t.trace_id, t.duration_ms",
];

const GUARD_REPEATS = 7;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

interface Row {
  set: string;
  guardMs: number[];
  execMs: number[];
  ratios: number[];
  rejected: number;
  failed: number;
}

async function main(): Promise<void> {
  const setupStart = performance.now();
  const graph = generateTelemetryGraph({ seed: 1 });
  const executor = await createKuzuExecutor({ graph });
  console.log(
    `graph: ${graph.spans.length} spans, ${graph.traces.length} traces (loaded in ${Math.round(performance.now() - setupStart)} ms)`,
  );

  const coldStart = performance.now();
  guardCypher({ query: "MATCH (n) RETURN n", tenant: "acme" }, { dialect: "kuzu" });
  const cold = performance.now() - coldStart;

  const sets: [string, { query: string; params?: Record<string, unknown> }[]][] = [
    ["typical", TYPICAL.map((query) => ({ query }))],
    ["leak corpus", LEAK_CORPUS.map((e) => ({ query: e.query, ...(e.params ? { params: e.params } : {}) }))],
  ];
  const rows: Row[] = [];
  for (const [set, queries] of sets) {
    const row: Row = { set, guardMs: [], execMs: [], ratios: [], rejected: 0, failed: 0 };
    for (const { query, params } of queries) {
      const samples: number[] = [];
      let outcome = guardCypher({ query, tenant: "acme", ...(params ? { params } : {}) }, { dialect: "kuzu" });
      for (let i = 0; i < GUARD_REPEATS; i++) {
        const start = performance.now();
        outcome = guardCypher({ query, tenant: "acme", ...(params ? { params } : {}) }, { dialect: "kuzu" });
        samples.push(performance.now() - start);
      }
      const guardMs = median(samples);
      row.guardMs.push(guardMs);
      if (!outcome.ok) {
        row.rejected += 1;
        continue;
      }
      try {
        const start = performance.now();
        await executor.run(outcome.query, outcome.params, { timeoutMs: 30_000, maxRows: 1000 });
        const execMs = performance.now() - start;
        row.execMs.push(execMs);
        row.ratios.push(guardMs / execMs);
      } catch (error) {
        if (!(error instanceof CypherExecutionError)) throw error;
        row.failed += 1;
      }
    }
    rows.push(row);
  }
  await executor.close();

  const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : "-");
  const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "-");
  console.log(`\nguard cold start (first call, parser warm-up): ${ms(cold)} ms`);
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}\n`,
  );
  const header = [
    "set",
    "queries",
    "rejected",
    "db error",
    "guard p50 ms",
    "guard p99 ms",
    "exec p50 ms",
    "exec p99 ms",
    "guard/exec p50",
    "guard/exec p99",
  ];
  const table = rows.map((r) => [
    r.set,
    String(r.guardMs.length),
    String(r.rejected),
    String(r.failed),
    ms(quantile(r.guardMs, 0.5)),
    ms(quantile(r.guardMs, 0.99)),
    ms(quantile(r.execMs, 0.5)),
    ms(quantile(r.execMs, 0.99)),
    pct(quantile(r.ratios, 0.5)),
    pct(quantile(r.ratios, 0.99)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? "").length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log(
    `\nguard time is the median of ${GUARD_REPEATS} runs per query; exec is one run of the guarded query (Kuzu, in-process).`,
  );
}

await main();
