import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CypherExecutionError, type CypherExecutor } from "../../src/cypher/executor.js";
import { guardCypher } from "../../src/cypher/guard.js";
import { createKuzuExecutor } from "../../src/cypher/kuzu-executor.js";
import { resultToJson } from "../../src/cypher/serialize-result.js";
import { LEAK_CORPUS, type LeakCase } from "./leak-corpus.js";
import { crossTenantGraph } from "./two-tenant-graph.js";

/**
 * The leak corpus against a real embedded graph (Kuzu) holding tenants acme and globex, acting as acme. The graph
 * also gets edges that cross tenants (the generated one has none), so a traversal the guard did not scope would
 * reach globex nodes.
 */

const RUN = { timeoutMs: 15_000, maxRows: 1000 };

interface Outcome {
  entry: LeakCase;
  kind: "rejected" | "ran" | "failed";
  rows: number;
  text: string;
}

describe("Cypher guard against the leak corpus on an embedded two-tenant graph", () => {
  let executor: CypherExecutor;
  let counts: string;
  const outcomes: Outcome[] = [];

  const countAll = async (): Promise<string> => {
    const nodes = await executor.run("MATCH (n) RETURN count(*) AS n", {}, RUN);
    const rels = await executor.run("MATCH ()-[r]->() RETURN count(*) AS n", {}, RUN);
    return JSON.stringify([nodes.rows, rels.rows]);
  };

  beforeAll(async () => {
    executor = await createKuzuExecutor({ graph: crossTenantGraph(11, 12) });
    counts = await countAll();
    for (const entry of LEAK_CORPUS) {
      const outcome = guardCypher(
        { query: entry.query, tenant: "acme", ...(entry.params ? { params: entry.params } : {}) },
        { dialect: "kuzu" },
      );
      if (!outcome.ok) {
        outcomes.push({ entry, kind: "rejected", rows: 0, text: JSON.stringify(outcome.reasons) });
        continue;
      }
      try {
        const result = await executor.run(outcome.query, outcome.params, RUN);
        outcomes.push({ entry, kind: "ran", rows: result.rows.length, text: resultToJson(result) });
      } catch (error) {
        if (!(error instanceof CypherExecutionError)) throw error;
        outcomes.push({ entry, kind: "failed", rows: 0, text: `${error.code}: ${error.message}` });
      }
    }
  });

  afterAll(async () => {
    await executor?.close();
  });

  it("holds at least 200 attacks over every kind", () => {
    expect(LEAK_CORPUS.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(LEAK_CORPUS.map((e) => e.attack));
    expect(kinds.size).toBeGreaterThanOrEqual(19);
  });

  it("the unguarded graph does hold globex data reachable from acme", async () => {
    const leak = await executor.run(
      "MATCH (a:Span {tenant_id: 'acme'})-[:CHILD_OF]->(g:Span) WHERE g.tenant_id = 'globex' RETURN g.name",
      {},
      RUN,
    );
    expect(resultToJson(leak)).toContain("GLOBEX");
  });

  it("returns no row with globex data for any entry", () => {
    const leaks = outcomes.filter((o) => o.kind === "ran" && /globex/i.test(o.text));
    expect(leaks.map((o) => `${o.entry.query}\n  -> ${o.text.slice(0, 300)}`)).toEqual([]);
  });

  it("changes nothing in the graph", async () => {
    expect(await countAll()).toBe(counts);
  });

  it("rejects the entries that must be refused, each with a reason", () => {
    const accepted = outcomes.filter((o) => o.entry.reject && o.kind !== "rejected");
    expect(accepted.map((o) => o.entry.query)).toEqual([]);
    for (const o of outcomes.filter((x) => x.kind === "rejected")) {
      const reasons = JSON.parse(o.text) as { code: string; message: string }[];
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) expect(r.message.length).toBeGreaterThan(20);
    }
  });

  it("still answers the harmless part of the corpus for acme", () => {
    const answered = outcomes.filter((o) => o.kind === "ran" && o.rows > 0);
    // Scoping must not work by breaking queries: most accepted entries run and return acme rows.
    expect(answered.length).toBeGreaterThanOrEqual(80);
    expect(answered.some((o) => o.text.includes("acme"))).toBe(true);
  });
});
