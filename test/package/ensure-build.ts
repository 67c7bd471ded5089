import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "../..");
export const DIST_ENTRY = resolve(ROOT, "dist/index.js");

const LOCK = resolve(ROOT, "node_modules/.cache/tracy-package-build.lock");
const LOCK_WAIT_MS = 5 * 60_000;

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `npm run build` when `dist/index.js` is missing (`npm test` builds first; a bare `vitest` run in a fresh
 * clone does not). An existing `dist` is used as it is: run `npm run build` first to check the current sources. Test files
 * run in parallel workers, so the build is guarded by a lock directory: one worker builds, the others wait.
 */
export function ensureBuilt(): void {
  if (existsSync(DIST_ENTRY)) return;
  mkdirSync(resolve(LOCK, ".."), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building. A lock older than the wait budget is left over from a killed run.
      const age = (() => {
        try {
          return Date.now() - statSync(LOCK).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > LOCK_WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for another build (lock ${LOCK})`);
      sleep(250);
    }
  }
  try {
    // Built by the worker holding the lock while we waited?
    if (existsSync(DIST_ENTRY)) return;
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe", timeout: 4 * 60_000 });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `npm run build failed: ${e.message}\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`,
      {
        cause: error,
      },
    );
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
