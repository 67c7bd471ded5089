import react from "@vitejs/plugin-react";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { build } from "vite";
import { ManagedAgentsSimulator } from "../../../server/simulator/index";
import {
  createLogger,
  createTracyServer,
  openDatabase,
  toNodeHandler,
  type Authorize,
  type TracyServer,
} from "../../../server/src/index";
import { ensureBuilt } from "../../package/ensure-build";

const FIXTURE = resolve(import.meta.dirname, "fixture");
export const BASE_PATH = "/api/tracy";
export const TENANTS = ["acme", "globex"] as const;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** For these tests only: one signed-in user who may use acme and globex, and no other tenant. */
const devAuthorize: Authorize = (request) => ({
  userId: request.headers.get("x-dev-user")?.trim() || "dev-user",
  tenants: TENANTS,
});

export interface HistoryEvent {
  id: string;
  type: string;
  content?: { type: string; text?: string }[];
  [key: string]: unknown;
}

export interface ServerStack {
  /** `http://127.0.0.1:port/`: the fixture page; `/api/tracy/*` on the same origin is tracy-server. */
  url: string;
  origin: string;
  sim: ManagedAgentsSimulator;
  tracy: TracyServer;
  /** Browser event streams opened so far (each `GET …/events/stream` request). */
  readonly streamsOpened: number;
  /** Browser event streams open right now whose response has begun (the browser is connected). */
  readonly streamsConnected: number;
  /** Cuts every open browser event stream, as a network failure would; returns how many. */
  cutBrowserStreams(): number;
  /** Resolves once a browser event stream has been cut right after tracy-server wrote it an event. */
  cutOnNextEvent(): Promise<void>;
  /** The simulator's id for a tracy-server session. */
  upstreamId(sessionId: string): Promise<string>;
  /** The session's events as tracy-server lists them to the panel. */
  history(tenantId: string, sessionId: string): Promise<HistoryEvent[]>;
  close(): Promise<void>;
}

/**
 * Builds the fixture page against dist/ and serves it with tracy-server on one origin (so no CORS): tracy-server
 * in-process on PGlite in memory, talking through `@anthropic-ai/sdk` to the Managed Agents simulator.
 */
export async function startServerStack(): Promise<ServerStack> {
  ensureBuilt();
  const outDir = await mkdtemp(join(tmpdir(), "tracy-server-stack-"));
  await build({
    root: FIXTURE,
    configFile: false,
    plugins: [react()],
    logLevel: "error",
    build: { outDir, emptyOutDir: true, minify: false },
  });

  const sim = new ManagedAgentsSimulator();
  await sim.start();
  const db = await openDatabase({});
  const tracy = await createTracyServer({
    db,
    authorize: devAuthorize,
    upstream: { apiKey: "sk-ant-test", baseURL: sim.url, agentId: "agent_test", environmentId: "env_test" },
    logger: createLogger(process.env["TRACY_TEST_LOG"] ?? "silent"),
    reconnect: { baseDelayMs: 20, maxDelayMs: 200 },
  });
  const api = toNodeHandler(tracy);

  const streams = new Set<ServerResponse>();
  let streamsOpened = 0;
  let cutArmed: (() => void) | null = null;
  /** Lets each write through, then cuts the connection after the first one carrying an event while armed. */
  const watchWrites = (res: ServerResponse) => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      const written = write(...args);
      const chunk = args[0];
      const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : "";
      if (cutArmed && /(^|\n)data:/.test(text)) {
        const done = cutArmed;
        cutArmed = null;
        res.socket?.destroy();
        done();
      }
      return written;
    }) as typeof res.write;
  };
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stack");
    if (url.pathname.startsWith(`${BASE_PATH}/`)) {
      if (req.method === "GET" && url.pathname.endsWith("/events/stream")) {
        streamsOpened += 1;
        streams.add(res);
        watchWrites(res);
        res.on("close", () => streams.delete(res));
      }
      void api(req, res);
      return;
    }
    void (async () => {
      const file = resolve(outDir, `.${url.pathname === "/" ? "/index.html" : decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(outDir + sep)) return void res.writeHead(403).end();
      try {
        const body = await readFile(file);
        res
          .writeHead(200, {
            "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
            "Cache-Control": "no-store",
          })
          .end(body);
      } catch {
        res.writeHead(404).end("not found");
      }
    })();
  });
  await new Promise<void>((done) => http.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    origin,
    sim,
    tracy,
    get streamsOpened() {
      return streamsOpened;
    },
    get streamsConnected() {
      return [...streams].filter((res) => res.headersSent).length;
    },
    cutBrowserStreams() {
      const open = [...streams];
      for (const res of open) res.socket?.destroy();
      return open.length;
    },
    cutOnNextEvent() {
      if (cutArmed) throw new Error("a cut is already armed");
      return new Promise<void>((done) => {
        cutArmed = done;
      });
    },
    async upstreamId(sessionId) {
      const rows = await db.query<{ upstream_id: string }>("SELECT upstream_id FROM tracy_sessions WHERE id = $1", [
        sessionId,
      ]);
      if (!rows[0]) throw new Error(`tracy-server has no session ${sessionId}`);
      return rows[0].upstream_id;
    },
    async history(tenantId, sessionId) {
      const events: HistoryEvent[] = [];
      let page: string | null = null;
      do {
        const query = new URLSearchParams({ limit: "100", ...(page ? { page } : {}) });
        const response = await fetch(
          `${origin}${BASE_PATH}/sessions/${encodeURIComponent(sessionId)}/events?${query}`,
          {
            headers: { "X-Tenant-Id": tenantId },
          },
        );
        if (!response.ok) throw new Error(`history: HTTP ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { data: HistoryEvent[]; next_page: string | null };
        events.push(...body.data);
        page = body.next_page;
      } while (page);
      return events;
    },
    async close() {
      await tracy.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      await sim.stop();
      await db.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
