// @vitest-environment node
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "./ensure-build";

/**
 * The layer boundaries in eslint.config.js (protocol ← transport ← store ← react ← components, and a ./core entry
 * without React) catch a crossing import, and let through what the layers may use.
 */
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const cases: [file: string, specifier: string, allowed: boolean][] = [
  ["src/protocol/probe.ts", "../store/selectors", false],
  ["src/protocol/probe.ts", "../transport/errors", false],
  ["src/protocol/probe.ts", "react", false],
  ["src/protocol/probe.ts", "./events", true],
  ["src/transport/probe.ts", "../protocol/events", true],
  ["src/transport/probe.ts", "../store/tracy-state", false],
  ["src/store/probe.ts", "../transport/errors", true],
  ["src/store/probe.ts", "zustand/vanilla", true],
  ["src/store/probe.ts", "zustand", false],
  ["src/store/probe.ts", "../react/use-tracy", false],
  ["src/store/probe.ts", "../components/tracy-panel", false],
  ["src/react/probe.ts", "../store/tracy-state", true],
  ["src/react/probe.ts", "../components/tracy-panel", false],
  ["src/core.ts", "./react/use-tracy", false],
  ["src/core.ts", "./store/selectors", true],
  ["src/components/probe.ts", "../store/selectors", true],
];

describe("layer boundaries (eslint no-restricted-imports)", () => {
  it.each(cases)(
    "%s importing %s: allowed %s",
    async (file, specifier, allowed) => {
      const messages = await restricted(file, `import { x } from "${specifier}";\nexport const y = x;\n`);
      expect(messages.length === 0).toBe(allowed);
    },
    60_000,
  );
});
