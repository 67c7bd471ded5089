import { resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";

/**
 * The demo host page and its backend as `npm start` serves them, on a free port. `tracy-server` (the default):
 * tracy-server on PGlite in memory and the Managed Agents simulator (vite's `test` mode); `scripted`: the scripted
 * demo backend with its `?fault=` hooks (`--mode scripted`).
 */
export async function startDemoPage(
  backend: "tracy-server" | "scripted" = "tracy-server",
): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(import.meta.dirname, "../..");
  const server: ViteDevServer = await createServer({
    configFile: resolve(root, "vite.config.ts"),
    configLoader: "runner",
    mode: backend === "scripted" ? "scripted" : "test",
    logLevel: "error",
    server: { port: 0, host: "127.0.0.1", strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("demo server has no port");
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
