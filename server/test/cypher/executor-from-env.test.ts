import { describe, expect, it } from "vitest";
import { createCypherExecutor, cypherConfigFromEnv } from "../../src/cypher/executor-from-env.js";

describe("cypherConfigFromEnv", () => {
  it("chooses the embedded engine unless a Bolt URL is set", () => {
    expect(cypherConfigFromEnv({})).toEqual({ kind: "kuzu" });
    expect(cypherConfigFromEnv({ TRACY_CYPHER_DB_PATH: "/var/lib/tracy/graph" })).toEqual({
      kind: "kuzu",
      databasePath: "/var/lib/tracy/graph",
    });
    expect(
      cypherConfigFromEnv({
        TRACY_CYPHER_URL: "bolt://puppygraph:7687",
        TRACY_CYPHER_USER: "puppygraph",
        TRACY_CYPHER_PASSWORD: "puppygraph123",
        TRACY_CYPHER_DATABASE: "",
      }),
    ).toEqual({ kind: "bolt", url: "bolt://puppygraph:7687", user: "puppygraph", password: "puppygraph123" });
    expect(() => cypherConfigFromEnv({ TRACY_CYPHER_URL: "http://puppygraph:8081" })).toThrow(/bolt:\/\//);
  });

  it("creates the chosen executor", async () => {
    const bolt = await createCypherExecutor({ kind: "bolt", url: "neo4j+s://example.invalid:7687" });
    expect(bolt.dialect).toBe("neo4j");
    await bolt.close();
    const kuzu = await createCypherExecutor({ kind: "kuzu" });
    expect(kuzu.dialect).toBe("kuzu");
    const result = await kuzu.run("MATCH (t:Trace) RETURN count(*) AS n", {}, { timeoutMs: 10_000, maxRows: 1 });
    expect(result.rows).toEqual([[500]]);
    await kuzu.close();
  });
});
