import react from "@vitejs/plugin-react";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pixelmatch from "pixelmatch";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PNG } from "pngjs";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../../package/ensure-build";
import { en } from "../../helpers/labels";
import { launchChromium } from "../chromium";
import { serveStatic, type StaticServer } from "../serve-static";

/**
 * The built panel in pages that carry real-world global CSS (the stock Vite React template, a Tailwind preflight,
 * Bootstrap's reboot) and a deliberately hostile sheet. Each state of the panel is screenshotted and compared
 * pixel by pixel with the same state in a bare page; the host's own elements must compute the same styles with
 * and without the panel. Normal mode holds against the real-world sheets; shadow mode holds against all four.
 */
const HOSTS = ["vite", "tailwind", "bootstrap", "hostile"] as const;
const STATES = ["empty", "conversation", "error"] as const;
type Host = (typeof HOSTS)[number] | "bare";
type Mode = "none" | "shadow";
type State = (typeof STATES)[number];

/** Share of the panel's pixels that may differ from the bare page (anti-aliasing at glyph edges, nothing more). */
const MAX_DIFF = 0.001;

let browser: Browser;
let context: BrowserContext;
let server: StaticServer;
let outDir: string;
const baseline = new Map<string, PNG>();
const measured: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  outDir = mkdtempSync(join(tmpdir(), "tracy-host-css-"));
  await build({
    root: resolve(import.meta.dirname, "fixture"),
    configFile: false,
    plugins: [react()],
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
  // The package's stylesheet and Bootstrap's reboot, served as the files a host would link.
  mkdirSync(join(outDir, "panel"));
  copyFileSync(join(ROOT, "dist/styles.css"), join(outDir, "panel/styles.css"));
  copyFileSync(
    join(ROOT, "node_modules/bootstrap/dist/css/bootstrap-reboot.css"),
    join(outDir, "host-css/bootstrap.css"),
  );
  server = await serveStatic(outDir, () => ({ "Cache-Control": "no-store" }));
  browser = await launchChromium();
  // Reduced motion stops the status dot's pulse, so two screenshots of a state are the same.
  context = await browser.newContext({ viewport: { width: 1000, height: 660 }, reducedMotion: "reduce" });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (measured.length) console.info(`pixel differences from the bare page:\n${measured.join("\n")}`);
});

async function open(host: Host, mode: Mode, state: State, panel = true): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${server.origin}/?host=${host}&mode=${mode}&state=${state}&panel=${panel ? 1 : 0}`);
  await page.locator("body[data-ready]").waitFor();
  expect(problems).toEqual([]);
  return page;
}

/** Brings the panel to `state` and waits until it is fully drawn (locators pierce the open shadow root). */
async function settle(page: Page, state: State): Promise<void> {
  const panel = page.getByRole("region", { name: en.panel });
  if (state === "empty") await panel.locator(".tracy-empty").waitFor();
  if (state === "error") await panel.locator(".tracy-banner").waitFor();
  if (state === "conversation") {
    await panel.locator(".tracy-md pre code").waitFor();
    const card = panel.getByRole("group", { name: /Tool call run_cypher/ });
    await card.getByRole("button").first().click();
    await card.locator("pre.tracy-cy .tracy-cy-kw").first().waitFor();
    await card.locator("table").waitFor();
  }
  await page.mouse.move(0, 0); // no hover state
  await page.evaluate(() => document.fonts.ready);
}

async function shot(host: Host, mode: Mode, state: State): Promise<PNG> {
  const page = await open(host, mode, state);
  try {
    await settle(page, state);
    return PNG.sync.read(await page.locator("#panel-slot").screenshot({ animations: "disabled" }));
  } finally {
    await page.close();
  }
}

/** Share of pixels that differ between two screenshots of the panel. */
function difference(a: PNG, b: PNG): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  const changed = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
  return changed / (a.width * a.height);
}

async function compare(host: Host, mode: Mode, state: State): Promise<number> {
  const key = `${mode}/${state}`;
  if (!baseline.has(key)) baseline.set(key, await shot("bare", mode, state));
  const diff = difference(baseline.get(key)!, await shot(host, mode, state));
  measured.push(`  ${host.padEnd(9)} ${mode.padEnd(6)} ${state.padEnd(12)} ${(diff * 100).toFixed(3)} %`);
  return diff;
}

describe("the panel against host CSS", () => {
  it("looks the same in both modes of a bare page", async () => {
    for (const state of STATES) {
      baseline.set(`none/${state}`, await shot("bare", "none", state));
      baseline.set(`shadow/${state}`, await shot("bare", "shadow", state));
      expect(difference(baseline.get(`none/${state}`)!, baseline.get(`shadow/${state}`)!), state).toBe(0);
    }
  });

  it.each(["vite", "tailwind", "bootstrap"] as const)("normal mode: looks the same under %s's CSS", async (host) => {
    for (const state of STATES) expect(await compare(host, "none", state), state).toBeLessThan(MAX_DIFF);
  });

  it.each(HOSTS)("shadow mode: looks the same under %s CSS", async (host) => {
    for (const state of STATES) expect(await compare(host, "shadow", state), state).toBeLessThan(MAX_DIFF);
  });

  it("normal mode under the hostile sheet: only its id and !important rules get through (measured)", async () => {
    // Recorded for the README, not asserted: `#root code { … !important }` reaches in by design of the cascade.
    for (const state of STATES) await compare("hostile", "none", state);
  });
});

describe("the host page against the panel", () => {
  const PROBES = ["#host-p", "#host-button", "#host-code", "#host-ul", "#host-p a", "h1", "body"];

  async function hostStyles(host: Host, mode: Mode, panel: boolean): Promise<Record<string, string>[]> {
    const page = await open(host, mode, "conversation", panel);
    try {
      if (panel) await settle(page, "conversation");
      return await page.evaluate((selectors) => {
        return selectors.map((selector) => {
          const style = getComputedStyle(document.querySelector(selector)!);
          const out: Record<string, string> = { selector };
          for (const name of Array.from(style)) out[name] = style.getPropertyValue(name);
          return out;
        });
      }, PROBES);
    } finally {
      await page.close();
    }
  }

  it.each(["bare", ...HOSTS] as const)(
    "%s: the host's elements compute the same styles with the panel",
    async (host) => {
      const without = await hostStyles(host, "none", false);
      expect(await hostStyles(host, "none", true)).toEqual(without);
      expect(await hostStyles(host, "shadow", true)).toEqual(without);
    },
  );
});

describe("shadow mode", () => {
  it("takes focus and keyboard input through the shadow root, under the hostile sheet", async () => {
    const page = await open("hostile", "shadow", "conversation");
    try {
      await settle(page, "conversation");
      const panel = page.getByRole("region", { name: en.panel });
      const card = panel.getByRole("group", { name: /Tool call run_cypher/ });
      // The card's trigger toggles from the keyboard.
      const trigger = card.getByRole("button").first();
      await trigger.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => trigger.getAttribute("aria-expanded")).toBe("false");
      await page.keyboard.press("Space");
      await expect.poll(() => trigger.getAttribute("aria-expanded")).toBe("true");

      const box = panel.getByRole("textbox", { name: en.composerLabel });
      await box.click();
      const focused = await page.evaluate(() => {
        const host = document.querySelector("[data-tracy-shadow-host]")!;
        return [document.activeElement === host, host.shadowRoot!.activeElement?.tagName];
      });
      expect(focused).toEqual([true, "TEXTAREA"]);
      await page.keyboard.type("And the cart service?");
      await page.keyboard.press("Enter");
      await panel.locator('.tracy-message[data-role="user"]', { hasText: "And the cart service?" }).waitFor();
      await expect.poll(() => box.inputValue()).toBe("");
    } finally {
      await page.close();
    }
  });
});
