import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/** Unit, component, demo-server and story tests. Real-browser tests have their own config in test/browser/. */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: ["test/browser/**", "node_modules/**"],
    setupFiles: ["test/setup.ts"],
    // Vitest's default leaves one core to itself (one worker on a two-core machine); the main process is mostly idle
    // here, so two workers finish the suite sooner.
    maxWorkers: 2,
    // A hang detector, not a speed budget: the suite must pass on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
