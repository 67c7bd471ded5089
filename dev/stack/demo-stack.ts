import { mkdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { ManagedAgentsSimulator } from "../../server/simulator/index";
import {
  createDevAuthorizer,
  createLogger,
  createTracyServer,
  toNodeHandler,
  type Database,
  type TracyServer,
} from "../../server/src/index";
import { openPgDatabase } from "../../server/src/db/pg-database";
import { openPgliteDatabase } from "../../server/src/db/pglite-database";
import * as kuzu from "kuzu";
import { createKuzuExecutor } from "../../server/src/cypher/kuzu-executor";
import { provideKuzuModule, type KuzuModule } from "../../server/src/cypher/kuzu-module";
import { guardCypher } from "../../server/src/cypher/guard";
import { generateTelemetryGraph } from "../../server/src/cypher/telemetry-graph";
import type { CypherExecutor } from "../../server/src/cypher/executor";
import { TENANTS, TRACES } from "../../demo/traces";
import { createDemoAgent } from "../simulator/demo-agent";

export interface DemoStackOptions {
  /** PGlite's directory; undefined: in memory. */
  dataDir?: string | undefined;
  /** A Postgres URL instead of PGlite. */
  databaseUrl?: string | undefined;
  /** The scenarios' pace (1: the demo's). */
  speed?: number;
  /** @default TRACY_LOG_LEVEL, else "warn" (a line per request would drown the dev server's output) */
  logLevel?: string;
  /** The real Managed Agents API instead of the simulator. */
  upstream?: { apiKey: string | undefined; baseURL: string | undefined; agentId: string; environmentId: string };
}

export interface DemoStack {
  /** tracy-server as a Node listener, serving protocol v1 under /api/tracy. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  tracy: TracyServer;
  /** Null when the stack talks to the real API. */
  sim: ManagedAgentsSimulator | null;
  db: Database;
  close(): Promise<void>;
}

/** The demo's graph, opened once in the background (loading takes a moment) and shared by every query. */
function demoGraph(): () => Promise<CypherExecutor> {
  // Imported above, where vite's config runner can: it cannot import a package once the dev server runs.
  provideKuzuModule(((kuzu as { default?: unknown }).default ?? kuzu) as KuzuModule);
  let opening: Promise<CypherExecutor> | null = null;
  const open = () =>
    (opening ??= createKuzuExecutor({
      graph: generateTelemetryGraph({
        seed: 7,
        tenants: TENANTS.map((t) => t.id),
        tracesPerTenant: 60,
        extraTraces: TENANTS.flatMap((tenant) => TRACES.map((trace) => ({ tenant: tenant.id, ...trace }))),
      }),
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    }));
  void open().catch(() => {});
  return open;
}

/**
 * The demo's backend as it runs for real: tracy-server (embedded PGlite or Postgres) talking through
 * `@anthropic-ai/sdk` to the Managed Agents simulator on a loopback port, whose agent plays the demo scenarios
 * (or to the real API, given `upstream`).
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const sim = options.upstream
    ? null
    : new ManagedAgentsSimulator({
        agent: createDemoAgent({ speed: options.speed ?? 1 }),
        // Beside PGlite's folder: conversations tracy-server keeps must still exist upstream after a restart.
        ...(options.dataDir ? { stateFile: join(dirname(options.dataDir), "simulator.json") } : {}),
      });
  const simUrl = sim ? await sim.start() : undefined;
  // Not `openDatabase`: its drivers load on demand, and vite's config runner is gone by the time the dev
  // server starts, so a dynamic import of a TypeScript module would fail there.
  // PGlite creates its own directory, not the ones above it.
  if (!options.databaseUrl && options.dataDir) await mkdir(dirname(options.dataDir), { recursive: true });
  const db = options.databaseUrl
    ? await openPgDatabase(options.databaseUrl)
    : await openPgliteDatabase(options.dataDir);
  const tracy = await createTracyServer({
    // run_cypher on an embedded Kuzu graph that holds the host page's traces for each of its tenants, so the answers
    // are about what the page shows. Imported statically: vite's config runner cannot import TypeScript later.
    cypher: { executor: demoGraph(), guard: guardCypher },
    db,
    // The demo page is the only caller: any user, any tenant (X-Dev-User picks the user).
    authorize: createDevAuthorizer("demo-user"),
    upstream: options.upstream ?? { apiKey: "sim", baseURL: simUrl, agentId: "agent_demo", environmentId: "env_demo" },
    logger: createLogger(options.logLevel ?? process.env["TRACY_LOG_LEVEL"] ?? "warn"),
  });
  const listener = toNodeHandler(tracy);
  return {
    listener: (req, res) => void listener(req, res),
    tracy,
    sim,
    db,
    async close() {
      await tracy.close();
      await sim?.stop();
      await db.close();
    },
  };
}
