import react from "@vitejs/plugin-react";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { build } from "vite";

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

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface Fixture {
  /** Origin + "/", served with the strict CSP; add `?csp=off` to serve without it. */
  url: string;
  origin: string;
  /** The built index.html, to check it has no inline code. */
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

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fixture");
      const headers: Record<string, string> = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
      if (url.searchParams.get("csp") !== "off") headers["Content-Security-Policy"] = CSP;
      const file = resolve(outDir, `.${url.pathname === "/" ? "/index.html" : decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(outDir + sep)) {
        res.writeHead(403, headers).end();
        return;
      }
      try {
        const body = await readFile(file);
        res
          .writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" })
          .end(body);
      } catch {
        res.writeHead(404, headers).end("not found");
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    html,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
