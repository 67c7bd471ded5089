import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CypherExecutor, CypherResult } from "../../src/cypher/executor.js";
import { guardCypher } from "../../src/cypher/guard.js";
import { buildQuery } from "../../src/cypher/guard/build-ast.js";
import { CypherPrinter } from "../../src/cypher/guard/print-cypher.js";
import { parseCypher } from "../../src/cypher/parser/parse-cypher.js";
import { createKuzuExecutor } from "../../src/cypher/kuzu-executor.js";
import { seededRandom, type SeededRandom } from "../../src/cypher/seeded-random.js";
import { crossTenantGraph } from "./two-tenant-graph.js";

/**
 * Property: for random read queries, the guarded query (as acme) returns exactly the rows of the unguarded query
 * whose every node belongs to acme, compared as multisets. Every generated query names its pattern as path `p` and
 * returns `all(x IN nodes(p) WHERE x.tenant_id = 'acme')` first, which is how the unguarded rows are filtered.
 */

const RUN = { timeoutMs: 20_000, maxRows: 100_000 };

interface Shape {
  pattern: string;
  /** Named nodes and their labels. */
  nodes: [string, "Span" | "Trace" | "Service"][];
}

function shape(random: SeededRandom): Shape {
  const dir = (rel: string): string => random.pick([`-[${rel}]->`, `<-[${rel}]-`, `-[${rel}]-`]);
  const anon = (v: string, label: string): string => (random.chance(0.3) ? `(:${label})` : `(${v}:${label})`);
  switch (random.int(0, 5)) {
    case 0:
      return { pattern: "(a:Span)", nodes: [["a", "Span"]] };
    case 1:
      return {
        pattern: `(a:Span)${dir(":CHILD_OF")}${anon("b", "Span")}`,
        nodes: [["a", "Span"]],
      };
    case 2:
      return {
        pattern: `(t:Trace)-[:HAS_SPAN]->(a:Span)`,
        nodes: [
          ["t", "Trace"],
          ["a", "Span"],
        ],
      };
    case 3:
      return { pattern: `${anon("v", "Service")}-[:EMITS]->(a:Span)`, nodes: [["a", "Span"]] };
    case 4:
      return {
        pattern: `(v:Service)${dir(":CALLS")}(w:Service)`,
        nodes: [
          ["v", "Service"],
          ["w", "Service"],
        ],
      };
    default:
      return {
        pattern: `(a:Span)${dir(`:CHILD_OF*1..${random.int(1, 3)}`)}(b:Span)`,
        nodes: [
          ["a", "Span"],
          ["b", "Span"],
        ],
      };
  }
}

function predicate(random: SeededRandom, nodes: Shape["nodes"], depth: number): string {
  if (depth > 0 && random.chance(0.5)) {
    const op = random.pick(["AND", "OR", "XOR"]);
    const left = predicate(random, nodes, depth - 1);
    const right = predicate(random, nodes, depth - 1);
    return random.chance(0.2) ? `NOT (${left} ${op} ${right})` : `(${left} ${op} ${right})`;
  }
  const [v, label] = random.pick(nodes);
  const atoms = [
    `${v}.tenant_id = 'globex'`,
    `${v}.tenant_id <> 'acme'`,
    `${v}.name CONTAINS 'GLOBEX'`,
    `${v}.name STARTS WITH '${random.pick(["G", "P", "c", "a"])}'`,
    `${v}.name IS NOT NULL`,
    "true",
  ];
  if (label !== "Service") atoms.push(`${v}.duration_ms > ${random.int(0, 400)}`, `${v}.duration_ms <= $max`);
  if (label === "Span") atoms.push(`${v}.status = 'error'`, `${v}.error_message IS NULL`);
  return random.pick(atoms);
}

function generate(random: SeededRandom): string {
  const s = shape(random);
  const acme = "all(x IN nodes(p) WHERE x.tenant_id = 'acme') AS acme_only";
  const columns = s.nodes.flatMap(([v, label], i) => [
    `${v}.name AS n${i}`,
    ...(label === "Service" ? [] : [`${v}.duration_ms AS d${i}`]),
  ]);
  const where = random.chance(0.8) ? ` WHERE ${predicate(random, s.nodes, 2)}` : "";
  const distinct = random.chance(0.2) ? "DISTINCT " : "";
  if (random.chance(0.3)) {
    const vars = ["p", ...s.nodes.map(([v]) => v)].map((v) => `${v} AS ${v}`).join(", ");
    return `MATCH p = ${s.pattern}${where} WITH ${vars} WHERE ${predicate(random, s.nodes, 1)} RETURN ${distinct}${acme}, ${columns.join(", ")}`;
  }
  return `MATCH p = ${s.pattern}${where} RETURN ${distinct}${acme}, ${columns.join(", ")}`;
}

function rowKeys(result: CypherResult): string[] {
  return result.rows
    .map((row) => JSON.stringify(row, (_k, value: unknown) => (typeof value === "bigint" ? value.toString() : value)))
    .sort();
}

describe("guarded results equal unguarded results filtered to the tenant", () => {
  let executor: CypherExecutor;

  beforeAll(async () => {
    executor = await createKuzuExecutor({ graph: crossTenantGraph(17, 4) });
  });

  afterAll(async () => {
    await executor?.close();
  });

  it("holds for 80 random read queries", async () => {
    const random = seededRandom(20261130);
    let nonEmpty = 0;
    for (let i = 0; i < 80; i++) {
      const query = generate(random);
      const params = { max: random.int(0, 500) };
      const usesMax = query.includes("$max");
      const raw = await executor.run(query, usesMax ? params : {}, RUN);
      expect(raw.truncated).toBe(false);
      const expected = rowKeys({ ...raw, rows: raw.rows.filter((row) => row[0] === true) });
      const guarded = guardCypher({ query, params, tenant: "acme" }, { dialect: "kuzu" });
      if (!guarded.ok) throw new Error(`${query}\nrejected: ${JSON.stringify(guarded.reasons)}`);
      const actual = rowKeys(await executor.run(guarded.query, guarded.params, RUN));
      expect({ query, rows: actual }).toEqual({ query, rows: expected });
      if (expected.length > 0) nonEmpty += 1;
    }
    // The comparison means something only if many queries return acme rows.
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it("prints queries that read back as exactly the same query", () => {
    const random = seededRandom(99);
    for (let i = 0; i < 150; i++) {
      // Neo4j's spelling: Kuzu's in-pattern filter of variable-length relationships is not in Neo4j's grammar.
      const once = guardCypher({ query: generate(random), params: { max: 1 }, tenant: "acme" });
      if (!once.ok) throw new Error(JSON.stringify(once.reasons));
      const parsed = parseCypher(once.query);
      if (!parsed.ok) throw new Error(`${once.query}\n${JSON.stringify(parsed.errors)}`);
      expect(new CypherPrinter("neo4j").query(buildQuery(parsed.tree))).toBe(once.query);
    }
  });
});
