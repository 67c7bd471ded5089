import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, preview, type PreviewServer, type ViteDevServer } from "vite";
import { inject } from "vitest";

/** The demo page the browser suites' global setup built (see built-demo-page.ts), if this runs under it. */
function builtDemoPage(): string | null {
  try {
    return inject("builtDemoPage") ?? null; // undefined: a config without the global setup
  } catch {
    return null; // not under Vitest (a script): the dev server, as `npm start` runs it
  }
}

/**
 * The demo host page and its backend as `npm start` serves them, on a free port. `tracy-server` (the default):
 * tracy-server on PGlite in memory and the Managed Agents simulator (vite's `test` mode); `scripted`: the scripted
 * demo backend with its `?fault=` hooks (`--mode scripted`). `speed` scales the scripted agent's pauses
 * (`TRACY_DEMO_SPEED`): suites that check what happens, not how it is paced, play turns faster. Under the browser
 * suites the page is the one their global setup built, served by Vite's preview server with the same backend;
 * elsewhere it is `npm start`'s dev server.
 */
export async function startDemoPage(
  backend: "tracy-server" | "scripted" = "tracy-server",
  options: {
    speed?: number;
    /** `npm start`'s dev server even where a built page is at hand. */
    dev?: boolean;
    /** Response headers for the built page (a Content-Security-Policy). */
    headers?: Record<string, string>;
  } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(import.meta.dirname, "../..");
  const built = options.dev ? null : builtDemoPage();
  const previous = process.env["TRACY_DEMO_SPEED"];
  if (options.speed !== undefined) process.env["TRACY_DEMO_SPEED"] = String(options.speed);
  const mode = backend === "scripted" ? "scripted" : "test";
  if (built) {
    let server: PreviewServer;
    try {
      server = await preview({
        configFile: resolve(root, "vite.config.ts"),
        configLoader: "runner",
        mode,
        logLevel: "error",
        build: { outDir: built },
        preview: {
          port: 0,
          host: "127.0.0.1",
          strictPort: false,
          ...(options.headers ? { headers: options.headers } : {}),
        },
      });
    } finally {
      restoreSpeed(previous);
    }
    return { url: urlOf(server.httpServer), close: () => server.close() };
  }
  // A dependency cache of its own: browser test files run side by side, and Vite's shared cache is not safe for two
  // servers optimising at once.
  const cacheDir = await mkdtemp(join(tmpdir(), "tracy-vite-"));
  let server: ViteDevServer;
  try {
    server = await createServer({
      configFile: resolve(root, "vite.config.ts"),
      cacheDir,
      configLoader: "runner",
      mode,
      logLevel: "error",
      server: { port: 0, host: "127.0.0.1", strictPort: false, hmr: false },
    });
  } finally {
    restoreSpeed(previous);
  }
  await server.listen();
  return {
    url: urlOf(server.httpServer),
    async close() {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

function urlOf(httpServer: { address(): AddressInfo | string | null } | null): string {
  const address = httpServer?.address();
  if (!address || typeof address === "string") throw new Error("demo server has no port");
  return `http://127.0.0.1:${address.port}/`;
}

function restoreSpeed(previous: string | undefined): void {
  if (previous === undefined) delete process.env["TRACY_DEMO_SPEED"];
  else process.env["TRACY_DEMO_SPEED"] = previous;
}
