import { defineConfig } from "vitest/config";

/** Server tests run in Node over real HTTP (simulator ⇄ SDK ⇄ server ⇄ fetch). */
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Starting PGlite is the slowest part: the files share one in-memory database (test/helpers/stack.ts),
    // so they run one after another in one worker without isolation.
    fileParallelism: false,
    isolate: false,
  },
});
