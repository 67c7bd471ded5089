import { Hono } from "hono";
import type { Authorize } from "./auth/authorizer.js";
import type { Database } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { ProtocolError } from "./errors.js";
import { BudgetGuard, type BudgetOptions } from "./http/budget-guard.js";
import { createRoutes, type AppEnv } from "./http/routes.js";
import { LiveSessions } from "./live/live-sessions.js";
import { Mirror } from "./live/mirror.js";
import type { ReconnectPolicy } from "./live/session-tail.js";
import { createLogger, type Logger } from "./logger.js";
import { EventsRepo } from "./store/events-repo.js";
import { IdempotencyRepo } from "./store/idempotency-repo.js";
import { SessionsRepo } from "./store/sessions-repo.js";
import { DEFAULT_PRICES, UsageRepo, type ModelPrices } from "./store/usage-repo.js";
import { UpstreamClient, type UpstreamOptions } from "./upstream/upstream-client.js";
import { CypherToolRunner, RUN_CYPHER, type CypherToolOptions, type ToolRunOutcome } from "./cypher/tool-runner.js";
import { ToolRunsRepo } from "./store/tool-runs-repo.js";

export interface TracyServerOptions {
  /** The system of record (see `openDatabase`). Migrations run on it at creation. */
  db: Database;
  /** The host's authorizer: `createJwtAuthorizer(...)`, or your own. */
  authorize: Authorize;
  /** Managed Agents: an `UpstreamClient`, or the options to build one (the logger is filled in). */
  upstream: UpstreamClient | Omit<UpstreamOptions, "logger">;
  /**
   * Where protocol v1 is served.
   * @default "/api/tracy"
   */
  basePath?: string;
  /** @default a pino logger at TRACY_LOG_LEVEL (info) */
  logger?: Logger;
  budget?: BudgetOptions;
  /**
   * List prices used for the ledger's cost, in USD per million tokens.
   * @default Sonnet-class prices: 3 input, 15 output, 0.30 cache read, 3.75 cache write
   */
  prices?: ModelPrices;
  /**
   * Comment lines on idle browser streams, under load balancers' idle timeouts.
   * @default 15000
   */
  pingIntervalMs?: number;
  /** Backoff of the upstream tail's reconnects. */
  reconnect?: ReconnectPolicy;
  /**
   * The `run_cypher` custom tool, answered by this server with guarded queries (tenant from the session), or `false`
   * to leave it to someone else.
   * @default the embedded Kuzu executor on the sample telemetry graph, loaded on the first query
   */
  cypher?: CypherToolOptions | false;
  /** What became of each tool use a session waited on (`run_cypher` answered, or left to the browser). */
  onToolRun?: (sessionId: string, toolUseId: string, outcome: ToolRunOutcome) => void;
}

export interface TracyServer {
  /** The web-standard handler: mount it in Node http, Express, Next.js route handlers, Bun, Deno… */
  fetch(request: Request): Promise<Response>;
  readonly app: Hono<AppEnv>;
  readonly live: LiveSessions;
  readonly usage: UsageRepo;
  readonly db: Database;
  readonly basePath: string;
  /** Runs `run_cypher`; null when `cypher: false`. */
  readonly cypher: CypherToolRunner | null;
  /** Stops every upstream tail. The database stays open: its owner closes it. */
  close(): Promise<void>;
}

/** Builds the protocol v1 handler (and runs the migrations). */
export async function createTracyServer(options: TracyServerOptions): Promise<TracyServer> {
  const log = options.logger ?? createLogger();
  const { db } = options;
  await migrate(db);
  const basePath = normaliseBasePath(options.basePath ?? "/api/tracy");
  const upstream =
    options.upstream instanceof UpstreamClient
      ? options.upstream
      : new UpstreamClient({ ...options.upstream, logger: log });
  const sessions = new SessionsRepo(db);
  const events = new EventsRepo(db);
  const usage = new UsageRepo(db);
  const mirror = new Mirror(events, usage, options.prices ?? DEFAULT_PRICES);
  const cypher =
    options.cypher === false
      ? null
      : new CypherToolRunner(options.cypher ?? {}, {
          events,
          runs: new ToolRunsRepo(db),
          log,
          post: async (session, event) => {
            await live.send(session, true, () =>
              upstream.send(session.upstreamId, [event], { tenant: session.tenantId, session: session.id }),
            );
          },
          defaultExecutor: async () =>
            (await import("./cypher/executor-from-env.js")).createCypherExecutor({ kind: "kuzu" }),
          ...(options.onToolRun ? { onOutcome: options.onToolRun } : {}),
        });
  const live: LiveSessions = new LiveSessions({
    upstream,
    events,
    mirror,
    log,
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(cypher ? { onRequiresAction: (session, ids) => cypher.onRequiresAction(session, ids) } : {}),
  });
  const routes = createRoutes({
    db,
    authorize: options.authorize,
    sessions,
    events,
    idempotency: new IdempotencyRepo(db),
    budget: new BudgetGuard(usage, options.budget ?? {}),
    live,
    upstream,
    log,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    serverTools: new Set(cypher ? [RUN_CYPHER] : []),
  });

  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        tenant: c.get("tenant"),
        user: c.get("user"),
        session: c.get("session"),
      },
      "request",
    );
  });
  // Tenants' conversations must not be kept by the browser's or a proxy's cache; the event stream sets its own.
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  app.route(basePath || "/", routes);
  app.notFound(() => new ProtocolError(404, "No such endpoint.").toResponse());
  app.onError((error) => {
    if (error instanceof ProtocolError) return error.toResponse();
    log.error({ err: error instanceof Error ? error.stack : String(error) }, "unhandled error");
    return new ProtocolError(500, "The Tracy server had an internal error.").toResponse();
  });

  return {
    fetch: async (request) => app.fetch(request),
    app,
    live,
    usage,
    db,
    basePath,
    cypher,
    close: async () => {
      await live.closeAll();
      await cypher?.close();
    },
  };
}

function normaliseBasePath(path: string): string {
  const trimmed = `/${path.trim().replace(/^\/+|\/+$/g, "")}`;
  return trimmed === "/" ? "" : trimmed;
}
