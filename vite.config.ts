import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { createDemoMiddleware } from "./dev/server/create-demo-middleware";
import pkg from "./package.json" with { type: "json" };

const external = [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)];

/** Serves the scripted demo backend at /api/tracy from the dev and preview servers. */
function tracyDemoBackend(): Plugin {
  return {
    name: "tracy-demo-backend",
    configureServer(server) {
      server.middlewares.use("/api/tracy", createDemoMiddleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use("/api/tracy", createDemoMiddleware());
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), tracyDemoBackend()],
  // `npm start`: the demo host page with the embedded demo backend.
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
