import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { startDemoPage } from "../demo-server";
import { logFindings, runAxe, writeReport, type Finding } from "./axe";
import { en } from "../../helpers/labels";

/**
 * Accessibility of the demo page (the mock ClawTrace host with the panel), checked with axe-core in Chromium in
 * the states a user sees: empty, a streamed Cypher answer with its card expanded and collapsed, an approval
 * pending, and the dark theme. No `serious` or `critical` violation is allowed; every violation of any impact is
 * printed and written to `test-results/a11y/axe-report.json`, so the smaller ones can be fixed too.
 * Then a keyboard-only walk: Tab to the message box, send, reach the tool card's disclosure button and toggle it,
 * with a visible focus indicator at every stop inside the panel.
 */
let browser: Browser;
let demo: { url: string; close(): Promise<void> };
let page: Page;
let pageErrors: string[];
const report: Record<string, Finding[]> = {};

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemoPage("scripted")]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  writeReport("axe-report.json", report);
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(demo.url);
  await panel().waitFor();
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

const panel = () => page.getByRole("region", { name: en.panel });
const cypherCard = () =>
  panel()
    .getByRole("region", { name: /Tool call run_cypher/ })
    .first();

async function ask(question: string) {
  const box = panel().getByRole("textbox", { name: en.composerLabel });
  await box.fill(question);
  await box.press("Enter");
}

async function waitReady() {
  await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 30_000 });
}

/** A streamed answer with a finished run_cypher card (the card closes itself when done). */
async function askCypher() {
  await ask("Why is checkout slow in this trace?");
  await cypherCard().waitFor({ timeout: 20_000 });
  await expect
    .poll(() => cypherCard().getByRole("button").first().textContent(), { timeout: 20_000 })
    .toMatch(/\d+ rows/);
  await waitReady();
}

async function setCardOpen(open: boolean) {
  const trigger = cypherCard().getByRole("button").first();
  if ((await trigger.getAttribute("aria-expanded")) !== String(open)) await trigger.click();
  await expect.poll(() => trigger.getAttribute("aria-expanded")).toBe(String(open));
}

/** Runs axe on the whole page, records every violation under `state`, returns the blocking ones. */
async function axe(state: string): Promise<string[]> {
  const run = await runAxe(page, { outside: "host page" });
  report[state] = run.findings;
  return logFindings(state, run);
}

describe("axe on the demo page", () => {
  it("empty state", async () => {
    await panel()
      .getByText(/Ask Tracy why a trace is slow/)
      .waitFor();
    expect(await axe("light: empty")).toEqual([]);
  });

  it("after a streamed Cypher answer, card expanded and collapsed", async () => {
    await askCypher();
    await setCardOpen(true);
    await cypherCard().locator("code").first().waitFor();
    const expanded = await axe("light: answer, card expanded");
    await setCardOpen(false);
    const collapsed = await axe("light: answer, card collapsed");
    expect({ expanded, collapsed }).toEqual({ expanded: [], collapsed: [] });
  });

  it("with an approval pending", async () => {
    await ask("Delete the stale test spans (needs approval)");
    await panel().getByRole("button", { name: en.allow }).waitFor({ timeout: 20_000 });
    await panel().getByRole("status").getByText(en.phaseWaitingApproval).waitFor();
    expect(await axe("light: approval pending")).toEqual([]);
  });

  it("dark theme: empty, then an answer with the card expanded", async () => {
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect.poll(() => panel().getAttribute("data-theme")).toBe("dark");
    const empty = await axe("dark: empty");
    await askCypher();
    await setCardOpen(true);
    await cypherCard().locator("code").first().waitFor();
    const answer = await axe("dark: answer, card expanded");
    expect({ empty, answer }).toEqual({ empty: [], answer: [] });
  });
});

describe("keyboard only", () => {
  /** What has focus now, and whether it shows a focus indicator. */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
      const name =
        el.getAttribute("aria-label") ??
        (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
        el.textContent?.trim().slice(0, 40) ??
        "";
      return {
        tag: el.tagName.toLowerCase(),
        name,
        inPanel: !!el.closest(".tracy-panel"),
        isTextbox: el.matches("textarea, input[type=text], [role=textbox]"),
        isCardTrigger: el.matches(".tracy-tool-trigger") && !!el.closest('[aria-label^="Tool call run_cypher"]'),
        focusVisible: el.matches(":focus-visible"),
        indicator: outline || shadow,
        style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
      };
    });
  type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

  /** Presses `key` until `done(focused)`; every stop inside the panel must show focus. */
  async function tabUntil(key: "Tab" | "Shift+Tab", done: (f: Focused) => boolean, what: string) {
    const stops: string[] = [];
    const unseen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(key);
      const f = await focused();
      if (!f) continue;
      stops.push(`${f.tag} "${f.name}"`);
      if (f.inPanel && !(f.focusVisible && f.indicator)) unseen.push(`${f.tag} "${f.name}" (${f.style})`);
      if (done(f)) return { stops, unseen, last: f };
    }
    throw new Error(`${key} never reached ${what}; stops: ${stops.join(" → ")}`);
  }

  it("Tab to the message box, send with Enter, reach the Cypher card and toggle it with Enter and Space", async () => {
    // From the start of the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toBox = await tabUntil("Tab", (f) => f.inPanel && f.isTextbox, "the message box");
    expect(toBox.last.name).toBe(en.composerLabel);

    await page.keyboard.type("Why is checkout slow in this trace?");
    await page.keyboard.press("Enter");
    await panel().locator('.tracy-message[data-role="user"]', { hasText: "Why is checkout slow" }).waitFor();
    await cypherCard().waitFor({ timeout: 20_000 });
    await waitReady();

    // The card sits above the composer: walk back to its disclosure button.
    const toCard = await tabUntil("Shift+Tab", (f) => f.isCardTrigger, "the run_cypher card's disclosure button");
    const trigger = cypherCard().getByRole("button").first();
    expect(await trigger.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Enter");
    await expect.poll(() => trigger.getAttribute("aria-expanded")).toBe("true");
    await cypherCard().locator("code").first().waitFor();
    const afterEnter = await focused();
    await page.keyboard.press("Space");
    await expect.poll(() => trigger.getAttribute("aria-expanded")).toBe("false");
    const afterSpace = await focused();

    console.info(`keyboard stops to the message box: ${toBox.stops.join(" → ")}`);
    console.info(`keyboard stops back to the card: ${toCard.stops.join(" → ")}`);
    // Focus stays on the trigger and stays visible.
    for (const f of [afterEnter, afterSpace]) {
      expect(f?.isCardTrigger).toBe(true);
      expect(f?.focusVisible && f.indicator, f?.style).toBe(true);
    }
    expect([...toBox.unseen, ...toCard.unseen], "panel stops without a visible focus indicator").toEqual([]);
  });

  it("keeps focus visible in forced-colors mode (Windows High Contrast drops box-shadow)", async () => {
    await page.emulateMedia({ forcedColors: "active" });
    expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toBox = await tabUntil("Tab", (f) => f.inPanel && f.isTextbox, "the message box");
    expect(toBox.unseen, "panel stops without a visible focus indicator in forced colors").toEqual([]);
  });
});
