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
    // Threads start a test file faster than forked processes, and several files mostly wait on real HTTP and timers
    // (the demo server's paced turns): three workers on a two-core machine overlap those waits with the files that
    // compute. Measured on this machine: 179 s with two forks, 147 s with two threads, 114 s with three threads.
    pool: "threads",
    maxWorkers: 3,
    // A hang detector, not a speed budget: the suite must pass on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
