import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { serveStatic } from "../serve-static";

const REPO = resolve(import.meta.dirname, "../../..");

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

  // Cacheable: the stories open in pages of one browser context, which then loads and compiles Storybook's
  // bundles once rather than once per story. The build never changes while it is served.
  const server = await serveStatic(outDir, () => ({ "Cache-Control": "public, max-age=3600, immutable" }));
  return {
    origin: server.origin,
    stories,
    buildSeconds,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
