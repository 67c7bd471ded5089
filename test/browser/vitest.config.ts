import { defineConfig } from "vitest/config";

/**
 * Real-browser tests: the demo page, fixtures and stories in Chromium, Firefox and WebKit (test/browser/engines).
 * Two files at a time: most of a browser test's time is the page and the backend's paced turns, not this process,
 * so two run side by side on two cores; the long suites have a file per engine so the engines share the time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.browser.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
