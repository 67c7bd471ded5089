import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig, type Connect, type Plugin } from "vite";
import { createDemoMiddleware } from "./dev/server/create-demo-middleware";
import { startDemoStack, type DemoStack } from "./dev/stack/demo-stack";
import pkg from "./package.json" with { type: "json" };

const external = [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)];
const API = "/api/tracy";

/** What the stack plugin exposes (`plugin.api`), for tests that look behind the HTTP API. */
export interface TracyStackApi {
  /** The running stack, once the dev or preview server has started it. */
  stack(): Promise<DemoStack> | null;
}

/** How fast the scripted agent plays its turns (`TRACY_DEMO_SPEED`; 1 = as written, 0 = no pauses). */
const demoSpeed = (): number => Number(process.env["TRACY_DEMO_SPEED"] ?? 1);

/** The scripted demo backend at /api/tracy (`--mode scripted`): in-process, with `?fault=` hooks for tests. */
function scriptedBackend(): Plugin {
  const speed = demoSpeed();
  return {
    name: "tracy-scripted-backend",
    configureServer(server) {
      server.middlewares.use(API, createDemoMiddleware({ speed }));
    },
    configurePreviewServer(server) {
      server.middlewares.use(API, createDemoMiddleware({ speed }));
    },
  };
}

/**
 * tracy-server at /api/tracy, on PGlite (TRACY_DATA_DIR, or in memory with `--mode test`) or Postgres
 * (DATABASE_URL), talking to the Managed Agents simulator started in-process on a loopback port, or to the real
 * API when TRACY_AGENT_ID and TRACY_ENVIRONMENT_ID are set (with ANTHROPIC_API_KEY).
 */
function tracyServerStack(mode: string): Plugin<TracyStackApi> {
  let stack: Promise<DemoStack> | null = null;
  const env = process.env;
  const mount = async (
    middlewares: Connect.Server,
    httpServer: { once(event: "close", fn: () => void): void } | null,
  ) => {
    stack ??= startDemoStack({
      databaseUrl: process.env["DATABASE_URL"],
      dataDir:
        mode === "test"
          ? undefined
          : (process.env["TRACY_DATA_DIR"] ?? resolve(import.meta.dirname, "node_modules/.cache/tracy-demo/pglite")),
      speed: demoSpeed(),
      ...(mode !== "test" && env["TRACY_AGENT_ID"] && env["TRACY_ENVIRONMENT_ID"]
        ? {
            upstream: {
              apiKey: env["ANTHROPIC_API_KEY"] || undefined,
              baseURL: env["ANTHROPIC_BASE_URL"] || undefined,
              agentId: env["TRACY_AGENT_ID"],
              environmentId: env["TRACY_ENVIRONMENT_ID"],
            },
          }
        : {}),
      ...(mode === "test" ? { logLevel: process.env["TRACY_LOG_LEVEL"] ?? "silent" } : {}),
    });
    const { listener } = await stack;
    // tracy-server's routes carry the /api/tracy prefix, so it is not stripped here.
    middlewares.use((req, res, next) => (req.url?.startsWith(`${API}/`) ? listener(req, res) : next()));
    httpServer?.once("close", () => void stack?.then((s) => s.close()));
  };
  return {
    name: "tracy-server-stack",
    api: { stack: () => stack },
    configureServer: (server) => mount(server.middlewares, server.httpServer),
    configurePreviewServer: (server) => mount(server.middlewares, server.httpServer),
  };
}

export default defineConfig(({ command, mode }) => ({
  plugins: [react(), mode === "scripted" ? scriptedBackend() : tracyServerStack(mode)],
  // `npm start`: the demo host page with its backend.
  root: command === "serve" ? resolve(import.meta.dirname, "demo") : import.meta.dirname,
  server: { port: 5173, host: "127.0.0.1" },
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      // `.` (the React panel) and `./core` (framework-free). index.js imports what it shares from core.js.
      entry: {
        index: resolve(import.meta.dirname, "src/index.ts"),
        core: resolve(import.meta.dirname, "src/core.ts"),
      },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
      cssFileName: "styles",
    },
    rollupOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      // Code the lazy chunks share with the entry stays in index.js (they import it from there) rather than
      // in more chunks that index.js would import up front.
      preserveEntrySignatures: "allow-extension",
      // Lazily loaded parts (highlighter, graph view, raw JSON): dist/chunks/, loaded by index.js on demand.
      output: { chunkFileNames: "chunks/[name].js" },
    },
  },
}));
