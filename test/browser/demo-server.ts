import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";

/**
 * The demo host page and its backend as `npm start` serves them, on a free port. `tracy-server` (the default):
 * tracy-server on PGlite in memory and the Managed Agents simulator (vite's `test` mode); `scripted`: the scripted
 * demo backend with its `?fault=` hooks (`--mode scripted`). `speed` scales the scripted agent's pauses
 * (`TRACY_DEMO_SPEED`): suites that check what happens, not how it is paced, play turns faster.
 */
export async function startDemoPage(
  backend: "tracy-server" | "scripted" = "tracy-server",
  options: { speed?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(import.meta.dirname, "../..");
  const previous = process.env["TRACY_DEMO_SPEED"];
  if (options.speed !== undefined) process.env["TRACY_DEMO_SPEED"] = String(options.speed);
  // A dependency cache of its own: browser test files run side by side, and Vite's shared cache is not safe for two
  // servers optimising at once.
  const cacheDir = await mkdtemp(join(tmpdir(), "tracy-vite-"));
  let server: ViteDevServer;
  try {
    server = await createServer({
      configFile: resolve(root, "vite.config.ts"),
      cacheDir,
      configLoader: "runner",
      mode: backend === "scripted" ? "scripted" : "test",
      logLevel: "error",
      server: { port: 0, host: "127.0.0.1", strictPort: false, hmr: false },
    });
  } finally {
    if (previous === undefined) delete process.env["TRACY_DEMO_SPEED"];
    else process.env["TRACY_DEMO_SPEED"] = previous;
  }
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("demo server has no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
