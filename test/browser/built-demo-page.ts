import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";

const ROOT = resolve(import.meta.dirname, "../..");

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of the demo host page built once for the run (see `startDemoPage`). */
    builtDemoPage: string;
  }
}

/**
 * Global setup of the browser suites: builds the demo host page once, so each suite that opens it serves the built
 * files (a few scripts) instead of running a dev server that transforms and serves every module again (about 160
 * requests a page, for every page of every engine). Built with React's development build, as `npm start` serves it
 * (StrictMode runs its checks), and unminified, for readable stacks in page errors.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), "tracy-demo-page-"));
  await build({
    configFile: resolve(ROOT, "vite.config.ts"),
    configLoader: "runner",
    root: resolve(ROOT, "demo"),
    mode: "development",
    logLevel: "error",
    define: { "process.env.NODE_ENV": JSON.stringify("development") },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      // The library build's settings (entries, external dependencies) do not apply to the page.
      lib: false,
      rollupOptions: { external: () => false, preserveEntrySignatures: false },
    },
  });
  project.provide("builtDemoPage", outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
