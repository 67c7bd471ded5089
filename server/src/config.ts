/** The server's settings, read from the environment by the CLI. */
export interface ServerConfig {
  port: number;
  host: string;
  basePath: string;
  databaseUrl: string | undefined;
  dataDir: string;
  anthropicApiKey: string | undefined;
  anthropicBaseUrl: string | undefined;
  agentId: string;
  environmentId: string;
  jwtSecret: string | undefined;
  /** Monthly ceiling per tenant in USD; undefined: none. */
  tenantBudgetUsd: number | undefined;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const missing = ["TRACY_AGENT_ID", "TRACY_ENVIRONMENT_ID"].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new Error(`Set ${missing.join(" and ")} (the Managed Agents agent and environment to run).`);
  const port = Number(env["PORT"] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env["PORT"]}.`);
  const budget = env["TRACY_TENANT_BUDGET_USD"];
  if (budget !== undefined && !(Number(budget) >= 0))
    throw new Error("TRACY_TENANT_BUDGET_USD must be a number of dollars.");
  return {
    port,
    host: env["HOST"] ?? "127.0.0.1",
    basePath: env["TRACY_BASE_PATH"] ?? "/api/tracy",
    databaseUrl: env["DATABASE_URL"] || undefined,
    dataDir: env["TRACY_DATA_DIR"] ?? ".tracy-data",
    anthropicApiKey: env["ANTHROPIC_API_KEY"] || undefined,
    anthropicBaseUrl: env["ANTHROPIC_BASE_URL"] || undefined,
    agentId: env["TRACY_AGENT_ID"] as string,
    environmentId: env["TRACY_ENVIRONMENT_ID"] as string,
    jwtSecret: env["TRACY_JWT_SECRET"] || undefined,
    tenantBudgetUsd: budget === undefined ? undefined : Number(budget),
  };
}
