import { defineConfig } from "vitest/config";

/** Real-browser tests: the demo page in Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.browser.test.ts"],
    environment: "node",
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
