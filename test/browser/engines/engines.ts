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

/**
 * The engines of the two longest suites (faults, hostile content): Chromium in `npm test`, which must stay
 * within CI's time; all three with `npm run test:engines` (TRACY_ALL_ENGINES=1) or those in BROWSER_ENGINES.
 */
export const longSuiteEngines: Engine[] =
  wanted || process.env.TRACY_ALL_ENGINES === "1" ? engines : ALL.filter((e) => e === chromiumEngine);

export type { Engine, EngineName };
