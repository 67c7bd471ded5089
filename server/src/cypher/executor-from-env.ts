import type { CypherExecutor } from "./executor.js";

/** Where Cypher runs, read from the environment (README "Cypher executors"). */
export type CypherExecutorConfig =
  | { kind: "bolt"; url: string; user?: string; password?: string; database?: string }
  | { kind: "kuzu"; databasePath?: string };

/**
 * TRACY_CYPHER_URL set: a Bolt server (Neo4j, PuppyGraph) with TRACY_CYPHER_USER, TRACY_CYPHER_PASSWORD and
 * TRACY_CYPHER_DATABASE. Otherwise the embedded engine, in memory with the generated telemetry graph, or on disk at
 * TRACY_CYPHER_DB_PATH.
 */
export function cypherConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CypherExecutorConfig {
  const url = env["TRACY_CYPHER_URL"]?.trim();
  if (url) {
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(url)) {
      throw new Error(`TRACY_CYPHER_URL must be a bolt:// or neo4j:// URL, got ${url}.`);
    }
    const config: CypherExecutorConfig = { kind: "bolt", url };
    if (env["TRACY_CYPHER_USER"]) config.user = env["TRACY_CYPHER_USER"];
    if (env["TRACY_CYPHER_PASSWORD"] !== undefined) config.password = env["TRACY_CYPHER_PASSWORD"];
    if (env["TRACY_CYPHER_DATABASE"]) config.database = env["TRACY_CYPHER_DATABASE"];
    return config;
  }
  const path = env["TRACY_CYPHER_DB_PATH"]?.trim();
  return path ? { kind: "kuzu", databasePath: path } : { kind: "kuzu" };
}

/** The executor for a configuration; each engine's code (and driver) is loaded only when chosen. */
export async function createCypherExecutor(config: CypherExecutorConfig): Promise<CypherExecutor> {
  if (config.kind === "bolt") {
    const { createBoltExecutor } = await import("./bolt-executor.js");
    const { kind: _kind, ...options } = config;
    return createBoltExecutor(options);
  }
  const { createKuzuExecutor } = await import("./kuzu-executor.js");
  return createKuzuExecutor(config.databasePath === undefined ? {} : { databasePath: config.databasePath });
}
