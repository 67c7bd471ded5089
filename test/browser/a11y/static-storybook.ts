import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";

const REPO = resolve(import.meta.dirname, "../../..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** An entry of Storybook's index.json (v5). */
export interface StoryEntry {
  id: string;
  title: string;
  name: string;
  type: "story" | "docs";
  tags?: string[];
}

export interface StaticStorybook {
  origin: string;
  /** Every story (not docs) of index.json, in sidebar order. */
  stories: StoryEntry[];
  /** Seconds `storybook build` took. */
  buildSeconds: number;
  close(): Promise<void>;
}

/**
 * Builds this repo's Storybook into a temp dir with `storybook build --test` (no docgen, docs or sourcemaps:
 * a third less CPU than a full build, same stories and play functions) and serves it from 127.0.0.1.
 */
export async function startStaticStorybook(): Promise<StaticStorybook> {
  const outDir = await mkdtemp(join(tmpdir(), "tracy-storybook-"));
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("storybook/package.json");
  const bin = resolve(dirname(pkgPath), (require(pkgPath) as { bin: string }).bin);
  const started = performance.now();
  try {
    await promisify(execFile)(process.execPath, [bin, "build", "--quiet", "--test", "-o", outDir], {
      cwd: REPO,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: "1", NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`storybook build failed:\n${stdout}\n${stderr}`, { cause: error });
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const index = JSON.parse(await readFile(join(outDir, "index.json"), "utf8")) as {
    entries: Record<string, StoryEntry>;
  };
  const stories = Object.values(index.entries).filter((e) => e.type === "story");

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://storybook");
      const file = resolve(outDir, `.${url.pathname === "/" ? "/index.html" : decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(outDir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
      } catch {
        res.writeHead(404).end("not found");
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stories,
    buildSeconds,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
