import { en } from "../../helpers/labels";
import type { Browser, Page } from "playwright-core";
import { panelPagePerTest } from "../engines/panel-per-test";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { startDemoPage } from "../demo-server";
import { engines } from "../engines/engines";
import type { EnginePage } from "../engines/page-driver";
import { ask, attribute, CYPHER_CARD, CYPHER_TRIGGER, PANEL, waitForStatus, waitForText } from "../engines/panel";
import { waitFor } from "../engines/wait-for";
import { logFindings, runAxe, writeReport, type Finding } from "./axe";

/**
 * Accessibility of the demo page (the mock ClawTrace host with the panel), checked with axe-core in Chromium,
 * Firefox and WebKit in the states a user sees: empty, a streamed Cypher answer with its card expanded and
 * collapsed, an approval pending, and the dark theme. No `serious` or `critical` violation is allowed; every
 * violation of any impact is printed and written to `test-results/a11y/axe-report.json`, so the smaller ones can
 * be fixed too. Then, in Chromium, a keyboard-only walk: Tab to the message box, send, reach the tool card's
 * disclosure button and toggle it, with a visible focus indicator at every stop inside the panel.
 */
let demo: { url: string; close(): Promise<void> };
const report: Record<string, Finding[]> = {};

beforeAll(async () => {
  demo = await startDemoPage("scripted", { speed: 4 });
});
afterAll(async () => {
  await demo?.close();
  writeReport("axe-report.json", report);
});

/** The first run_cypher card (the card closes itself when done). */
const FIRST_CARD = CYPHER_CARD;

describe.each(engines)("axe on the demo page in $name", (engine) => {
  let page!: EnginePage;
  panelPagePerTest(
    engine,
    () => demo.url,
    (p) => (page = p),
  );

  /** A streamed answer with a finished run_cypher card. */
  async function askCypher() {
    await ask(page, "Why is checkout slow in this trace?");
    await waitForText(page, FIRST_CARD, "", 20_000);
    await waitFor(page, (s) => /\d+ rows/.test(document.querySelector(s)?.textContent ?? ""), CYPHER_TRIGGER, {
      timeout: 20_000,
    });
    await waitForStatus(page, en.phaseReady, 30_000);
  }

  async function setCardOpen(open: boolean) {
    if ((await attribute(page, CYPHER_TRIGGER, "aria-expanded")) !== String(open)) await page.click(CYPHER_TRIGGER);
    await waitFor(page, ([s, v]) => document.querySelector(s)?.getAttribute("aria-expanded") === v, [
      CYPHER_TRIGGER,
      String(open),
    ] as const);
  }

  /** Runs axe on the whole page, records every violation under `state`, returns the blocking ones. */
  async function axe(state: string): Promise<string[]> {
    const label = `${engine.name} ${state}`;
    const run = await runAxe(page, { outside: "host page" });
    report[label] = run.findings;
    return logFindings(label, run);
  }

  it("empty state", async () => {
    await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
    expect(await axe("light: empty")).toEqual([]);
  });

  it("after a streamed Cypher answer, card expanded and collapsed", async () => {
    await askCypher();
    await setCardOpen(true);
    await waitForText(page, `${FIRST_CARD} code`);
    const expanded = await axe("light: answer, card expanded");
    await setCardOpen(false);
    const collapsed = await axe("light: answer, card collapsed");
    expect({ expanded, collapsed }).toEqual({ expanded: [], collapsed: [] });
  });

  it("with an approval pending", async () => {
    await ask(page, "Delete the saved query checkout-latency-debug (needs approval)");
    await waitForText(page, `${PANEL} .tracy-approval-actions button`, en.allow, 20_000);
    await waitForStatus(page, en.phaseWaitingApproval);
    expect(await axe("light: approval pending")).toEqual([]);
  });

  it("dark theme: empty, then an answer with the card expanded", async () => {
    await page.evaluate(() =>
      [...document.querySelectorAll("button")].find((b) => b.textContent === "Dark theme")?.click(),
    );
    await waitFor(page, (s) => document.querySelector(s)?.getAttribute("data-theme") === "dark", PANEL);
    const empty = await axe("dark: empty");
    await askCypher();
    await setCardOpen(true);
    await waitForText(page, `${FIRST_CARD} code`);
    const answer = await axe("dark: answer, card expanded");
    expect({ empty, answer }).toEqual({ empty: [], answer: [] });
  });
});

/** Keyboard-only walks need real focus and forced-colors emulation: Chromium through playwright-core. */
let browser: Browser;
let page: Page;
let pageErrors: string[];

const panel = () => page.getByRole("region", { name: en.panel });
const cypherCard = () =>
  panel()
    .getByRole("group", { name: /Tool call run_cypher/ })
    .first();

async function waitReady() {
  await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 30_000 });
}

describe("keyboard only in Chromium", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
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
