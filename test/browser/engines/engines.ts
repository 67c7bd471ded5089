import { chromiumEngine } from "./chromium-engine";
import { firefoxEngine } from "./firefox-engine";
import type { Engine, EngineName } from "./page-driver";
import { webkitEngine } from "./webkit-engine";

/**
 * The engines the cross-engine suites run in: all three by default, or those named in BROWSER_ENGINES
 * (comma-separated, e.g. `BROWSER_ENGINES=Firefox`) to run one while working on it.
 */
const ALL: Engine[] = [chromiumEngine, firefoxEngine, webkitEngine];
const wanted = process.env.BROWSER_ENGINES?.split(",").map((s) => s.trim().toLowerCase());

export const engines: Engine[] = wanted ? ALL.filter((e) => wanted.includes(e.name.toLowerCase())) : ALL;

/** Whether `engine` is one of those to run (all unless BROWSER_ENGINES names others). */
export function engineSelected(engine: Engine): boolean {
  return engines.includes(engine);
}

export type { Engine, EngineName };
