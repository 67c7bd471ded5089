export { createTracyServer, type TracyServer, type TracyServerOptions } from "./app.js";
export { listen, toNodeHandler, type ListeningTracyServer } from "./node-server.js";
export { allowsTenant, type Authorize, type Principal } from "./auth/authorizer.js";
export { createJwtAuthorizer, type JwtAuthorizerOptions } from "./auth/jwt-authorizer.js";
export { createDevAuthorizer } from "./auth/dev-authorizer.js";
export { openDatabase, type DatabaseConfig } from "./db/open-database.js";
export type { Database, Queryable } from "./db/database.js";
export { migrate } from "./db/migrate.js";
export { configFromEnv, type ServerConfig } from "./config.js";
export { ProtocolError } from "./errors.js";
export { UpstreamClient, type UpstreamOptions } from "./upstream/upstream-client.js";
export type { BudgetOptions } from "./http/budget-guard.js";
export type { ReconnectPolicy } from "./live/session-tail.js";
export { DEFAULT_PRICES, type ModelPrices, type UsageTotals } from "./store/usage-repo.js";
export { createLogger, type Logger } from "./logger.js";
export {
  CypherToolRunner,
  RUN_CYPHER,
  type CypherToolOptions,
  type ToolRunOutcome,
} from "./cypher/tool-runner.js";
