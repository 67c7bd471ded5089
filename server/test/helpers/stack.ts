import { SignJWT } from "jose";
import { pino } from "pino";
import { vi } from "vitest";
import type { Authorize } from "../../src/auth/authorizer.js";
import { createJwtAuthorizer } from "../../src/auth/jwt-authorizer.js";
import type { Database } from "../../src/db/database.js";
import { openDatabase } from "../../src/db/open-database.js";
import type { BudgetOptions } from "../../src/http/budget-guard.js";
import type { TracyServerOptions } from "../../src/app.js";
import { listen, type ListeningTracyServer } from "../../src/node-server.js";
import { ManagedAgentsSimulator } from "../../simulator/index.js";

export const JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long!";
export const BASE = "/api/tracy";

export async function tokenFor(userId: string, tenants: string[]): Promise<string> {
  return new SignJWT({ tenants })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(JWT_SECRET));
}

export interface StackOptions {
  simulator?: ManagedAgentsSimulator;
  db?: Database;
  dataDir?: string;
  authorize?: Authorize;
  budget?: BudgetOptions;
  pingIntervalMs?: number;
  /** Upstream silence after which the tail reconnects. */
  streamIdleTimeoutMs?: number;
  requestTimeoutMs?: number;
  cypher?: TracyServerOptions["cypher"];
  onToolRun?: TracyServerOptions["onToolRun"];
}

export interface Stack {
  sim: ManagedAgentsSimulator;
  running: ListeningTracyServer;
  /** `http://127.0.0.1:port/api/tracy` */
  base: string;
  close(): Promise<void>;
}

// TRACY_TEST_DATABASE_URL runs the same suite on a real Postgres instead of PGlite.
const testDatabaseUrl = process.env["TRACY_TEST_DATABASE_URL"];
let shared: Promise<Database> | null = null;

/**
 * One in-memory database for every test file of the worker (files run one after another without
 * isolation): starting PGlite is the slowest thing in the suite, and tests never share a session or tenant.
 */
function sharedDatabase(): Promise<Database> {
  shared ??= openDatabase({ databaseUrl: testDatabaseUrl });
  return shared;
}

/** A simulator, and the server in front of it over real HTTP with the SDK, on PGlite. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sim = options.simulator ?? new ManagedAgentsSimulator();
  if (!sim.url) await sim.start();
  const db =
    options.db ??
    (options.dataDir !== undefined
      ? await openDatabase({ databaseUrl: testDatabaseUrl, dataDir: options.dataDir })
      : await sharedDatabase());
  const running = await listen({
    db,
    authorize: options.authorize ?? createJwtAuthorizer({ secret: JWT_SECRET }),
    upstream: {
      apiKey: "sk-ant-test",
      baseURL: sim.url,
      agentId: "agent_test",
      environmentId: "env_test",
      ...(options.streamIdleTimeoutMs ? { streamIdleTimeoutMs: options.streamIdleTimeoutMs } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    },
    logger: pino({ level: process.env["TRACY_TEST_LOG"] ?? "silent" }),
    reconnect: { baseDelayMs: 20, maxDelayMs: 200 },
    // A database handed in belongs to the test (another server may use it next).
    closeDatabase: options.db === undefined && options.dataDir !== undefined,
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}),
    ...(options.cypher !== undefined ? { cypher: options.cypher } : {}),
    ...(options.onToolRun ? { onToolRun: options.onToolRun } : {}),
  });
  return {
    sim,
    running,
    base: `${running.url}${BASE}`,
    async close() {
      await running.close();
      if (!options.simulator) await sim.stop();
    },
  };
}

/** Waits until the session's upstream tail has its stream open and the history applied. */
export async function tailConnected(stack: Stack, sessionId: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!stack.running.server.live.tail(sessionId)?.connected) throw new Error("tail not connected yet");
    },
    { timeout: 30_000, interval: 5 },
  );
}

/** A name no earlier run used (a real Postgres keeps its rows between runs). */
export const unique = (name: string): string =>
  `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
