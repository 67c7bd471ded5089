import react from "@vitejs/plugin-react";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import { serveStatic } from "../serve-static";
import { PROBE_SCRIPT } from "./probe";

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const REPO = resolve(import.meta.dirname, "../../..");
const FIXTURE = resolve(import.meta.dirname, "fixture");

export interface Fixture {
  /** Origin + "/", served with the strict CSP; add `?csp=off` to serve without it. */
  url: string;
  origin: string;
  /** The built index.html (served with the probe script added first), to check it has no inline code. */
  html: string;
  close(): Promise<void>;
}

/** `npm test` builds the library first; a bare `vitest` run of this folder builds it here. */
function ensureLibraryBuilt(): void {
  if (existsSync(join(REPO, "dist/index.js")) && existsSync(join(REPO, "dist/styles.css"))) return;
  execFileSync("npx", ["vite", "build", "--configLoader", "runner", "--logLevel", "error"], {
    cwd: REPO,
    stdio: "inherit",
  });
}

/** Builds the fixture page against dist/ and serves it from 127.0.0.1 on a free port. */
export async function startFixture(): Promise<Fixture> {
  ensureLibraryBuilt();
  const outDir = await mkdtemp(join(tmpdir(), "tracy-security-"));
  await build({
    root: FIXTURE,
    configFile: false,
    plugins: [react()],
    logLevel: "error",
    build: { outDir, emptyOutDir: true, minify: false }, // readable stacks in page errors
  });
  const html = await readFile(join(outDir, "index.html"), "utf8");
  // The detectors run first, in every engine: a same-origin script at the top of <head>, allowed by the CSP.
  await writeFile(join(outDir, "__probe.js"), PROBE_SCRIPT);
  await writeFile(join(outDir, "index.html"), html.replace("<head>", '<head><script src="/__probe.js"></script>'));

  const server = await serveStatic(outDir, (url) => ({
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...(url.searchParams.get("csp") === "off" ? {} : { "Content-Security-Policy": CSP }),
  }));
  const { origin } = server;
  return {
    url: `${origin}/`,
    origin,
    html,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
