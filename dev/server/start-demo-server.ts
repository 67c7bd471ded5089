import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DemoBackend, DemoBackendOptions } from "../engine/demo-backend";
import { createDemoMiddleware } from "./create-demo-middleware";

export interface DemoServerOptions extends DemoBackendOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  basePath?: string;
}

export interface DemoServer {
  /** Base URL including the base path, e.g. `http://127.0.0.1:41234/api/tracy`. */
  url: string;
  close(): Promise<void>;
  backend: DemoBackend;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? "127.0.0.1";
  const basePath = options.basePath ?? "/api/tracy";
  const middleware = createDemoMiddleware({ ...options, basePath });
  const server = createServer((req, res) => middleware(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const { backend } = middleware;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${basePath}`,
    backend,
    close: () =>
      new Promise<void>((resolve, reject) => {
        backend.dispose();
        backend.cutAllStreams();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
