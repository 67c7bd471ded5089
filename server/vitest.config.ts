import { defineConfig } from "vitest/config";

/** Server tests run in Node over real HTTP (simulator ⇄ SDK ⇄ server ⇄ fetch). */
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores shared with other jobs: PGlite instances are heavy, so files run two at a time at most.
    maxWorkers: 2,
  },
});
