import type { StorybookConfig } from "@storybook/react-vite";
import type { PluginOption } from "vite";

/**
 * The repo's vite.config.ts is the library build and the demo host page. Storybook
 * already drops its `build` block and resets `root`; the demo backend middleware is
 * removed too (tracy-server with its simulator, or the scripted backend), because stories run
 * against the in-memory transport, never /api/tracy.
 */
const DEMO_ONLY_PLUGINS = new Set(["tracy-server-stack", "tracy-scripted-backend"]);

function withoutDemoPlugins(plugins: PluginOption[]): PluginOption[] {
  return plugins.flatMap((plugin): PluginOption[] => {
    if (Array.isArray(plugin)) return [withoutDemoPlugins(plugin)];
    if (plugin && typeof plugin === "object" && "name" in plugin && DEMO_ONLY_PLUGINS.has(plugin.name)) return [];
    return [plugin];
  });
}

const config: StorybookConfig = {
  // Same loader as `npm start` / `npm run build`.
  framework: { name: "@storybook/react-vite", options: { builder: { configLoader: "runner" } } },
  stories: ["../stories/**/*.stories.@(ts|tsx)"],
  core: { disableTelemetry: true },
  viteFinal(viteConfig) {
    return { ...viteConfig, plugins: withoutDemoPlugins(viteConfig.plugins ?? []) };
  },
};

export default config;
