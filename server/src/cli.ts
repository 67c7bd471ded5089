#!/usr/bin/env node
import { createDevAuthorizer } from "./auth/dev-authorizer.js";
import { createJwtAuthorizer } from "./auth/jwt-authorizer.js";
import { configFromEnv } from "./config.js";
import { openDatabase } from "./db/open-database.js";
import { createLogger } from "./logger.js";
import { listen } from "./node-server.js";
import { createCypherExecutor, cypherConfigFromEnv } from "./cypher/executor-from-env.js";

const log = createLogger();

async function main(): Promise<void> {
  const config = configFromEnv();
  // Read now, so a bad TRACY_CYPHER_URL stops the start rather than the first query.
  const cypher = cypherConfigFromEnv();
  if (!config.jwtSecret)
    log.warn("TRACY_JWT_SECRET is not set: every caller may use every tenant (development authorizer, X-Dev-User).");
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const running = await listen({
    db,
    logger: log,
    port: config.port,
    host: config.host,
    basePath: config.basePath,
    authorize: config.jwtSecret ? createJwtAuthorizer({ secret: config.jwtSecret }) : createDevAuthorizer(),
    upstream: {
      apiKey: config.anthropicApiKey,
      baseURL: config.anthropicBaseUrl,
      agentId: config.agentId,
      environmentId: config.environmentId,
    },
    budget: { defaultMonthlyUsd: config.tenantBudgetUsd ?? null },
    cypher: { executor: () => createCypherExecutor(cypher) },
  });
  log.info({ url: `${running.url}${running.server.basePath}`, database: db.kind }, "tracy-server listening");
  const shutdown = () => {
    log.info("shutting down");
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  log.fatal({ err: error instanceof Error ? error.message : String(error) }, "tracy-server could not start");
  process.exit(1);
});
