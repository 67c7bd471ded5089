import { getRequestListener, serve } from "@hono/node-server";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTracyServer, type TracyServer, type TracyServerOptions } from "./app.js";

export interface ListeningTracyServer {
  server: TracyServer;
  /** e.g. `http://127.0.0.1:8787` (no base path). */
  url: string;
  /** Stops listening, stops the tails, closes the database. */
  close(): Promise<void>;
}

/** Serves the handler on a Node http server (port 0: any free port). */
export async function listen(
  options: TracyServerOptions & {
    port?: number;
    host?: string;
    /**
     * Whether `close()` closes `db` too.
     * @default true
     */
    closeDatabase?: boolean;
  },
): Promise<ListeningTracyServer> {
  const server = await createTracyServer(options);
  const host = options.host ?? "127.0.0.1";
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: server.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
  });
  const { port } = http.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}`,
    async close() {
      await server.close();
      // Open SSE responses would keep `close` waiting for ever.
      if ("closeAllConnections" in http) http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (options.closeDatabase !== false) await options.db.close();
    },
  };
}

/** A Node `(req, res)` listener for Express (`app.all("/api/tracy/*", …)`), Fastify's raw server or `http.createServer`. */
export function toNodeHandler(server: TracyServer): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return getRequestListener(server.fetch);
}
