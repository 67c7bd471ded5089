import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The browser files, longest first (as measured in a full run with the demo page built once: 65–185 s for the first
 * nine, under 45 s for the rest). Vitest orders by the durations of earlier runs when it has them, and by file size in
 * a clean clone, which put the longest files last and left one worker finishing them alone.
 */
const LONGEST_FIRST = [
  "a11y/stories-axe.browser.test.ts",
  "security/hostile-content.chromium.browser.test.ts",
  "demo.browser.test.ts",
  "security/hostile-content.webkit.browser.test.ts",
  "faults/faults.webkit.browser.test.ts",
  "faults/faults.firefox.browser.test.ts",
  "faults/faults.chromium.browser.test.ts",
  "isolation/host-css.browser.test.ts",
  "a11y/axe.browser.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(relative(import.meta.dirname, file.moduleId));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Real-browser tests: the demo page, fixtures and stories in Chromium, Firefox and WebKit (test/browser/engines).
 * Two files at a time: most of a browser test's time is the page and the backend's paced turns, not this process,
 * so two run side by side on two cores; the long suites have a file per engine so the engines share the time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.browser.test.ts"],
    globalSetup: ["built-demo-page.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
