import type { CypherExecutor } from "./executor.js";

/** Where `run_cypher` queries go, read from the environment by the CLI. */
export interface CypherConnection {
  /** A Bolt URL (Neo4j, PuppyGraph); absent: the embedded Kuzu graph. */
  url?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
}

/**
 * The executor the server opens on the first query: Bolt when a URL is configured, else embedded Kuzu (in memory)
 * loaded with the generated sample telemetry graph (tenants `acme` and `globex`). Loaded on demand, so a server
 * that never runs a query never loads a graph engine.
 */
export async function openDefaultExecutor(connection: CypherConnection = {}): Promise<CypherExecutor> {
  if (connection.url) {
    // Resolved at run time: the Bolt executor (and neo4j-driver) load only when a URL is configured.
    const boltModule: string = "./bolt-executor.js";
    const { createBoltExecutor } = (await import(/* @vite-ignore */ boltModule)) as {
      createBoltExecutor(options: {
        url: string;
        user?: string;
        password?: string;
        database?: string;
      }): Promise<CypherExecutor>;
    };
    return createBoltExecutor({
      url: connection.url,
      ...(connection.user !== undefined ? { user: connection.user } : {}),
      ...(connection.password !== undefined ? { password: connection.password } : {}),
      ...(connection.database !== undefined ? { database: connection.database } : {}),
    });
  }
  const { createKuzuExecutor } = await import("./kuzu-executor.js");
  return createKuzuExecutor();
}
