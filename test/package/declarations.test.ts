// @vitest-environment node
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./ensure-build";

/** Editors show hosts the doc comments of the published declarations: every component and each of its props. */
beforeAll(() => ensureBuilt(), 300_000);

const COMPONENTS = ["TracyPanel", "ToolCard", "CypherCard"];
const PROPS = ["TracyPanelProps", "ToolCardProps", "CypherCardProps", "ToolRendererProps", "TracySessionOptions"];

describe("published declarations (dist/types/index.d.ts)", () => {
  const dts = () => readFileSync(resolve(ROOT, "dist/types/index.d.ts"), "utf8");

  it.each(COMPONENTS)("%s has its doc comment", (name) => {
    expect(dts()).toMatch(new RegExp(`\\*/\\s*\\nexport declare (function|const) ${name}\\b`));
  });

  it.each(PROPS)("%s and each of its props have a doc comment", (name) => {
    const match = new RegExp(`\\*/\\s*\\nexport declare interface ${name}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(dts());
    expect(match, `${name} is missing or undocumented`).not.toBeNull();
    const lines = match![1]!.split("\n");
    const undocumented = lines.filter((line, i) => /^ {4}\w+\??:/.test(line) && !/\*\/\s*$/.test(lines[i - 1] ?? ""));
    expect(undocumented).toEqual([]);
  });
});
