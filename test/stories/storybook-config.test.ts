// @vitest-environment node
import type { PluginOption } from "vite";
import { describe, expect, it } from "vitest";
import config from "../../.storybook/main";
import viteConfig from "../../vite.config";

describe("Storybook's Vite config", () => {
  it("leaves out the demo backends of npm start (tracy-server with its simulator, or the scripted one)", async () => {
    const names = (plugins: PluginOption[]): string[] =>
      plugins.flat(3).flatMap((p) => (p && typeof p === "object" && "name" in p ? [p.name] : []));
    for (const mode of ["development", "scripted"]) {
      const demo = typeof viteConfig === "function" ? await viteConfig({ command: "serve", mode }) : viteConfig;
      expect(names(demo.plugins ?? [])).toEqual(expect.arrayContaining([expect.stringMatching(/^tracy-/)]));
      const final = await config.viteFinal!(demo, { configType: "DEVELOPMENT" } as never);
      expect(names(final.plugins ?? []).filter((n) => n.startsWith("tracy-"))).toEqual([]);
    }
  });
});
