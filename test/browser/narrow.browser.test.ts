import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ar, en } from "../../src";
import { launchChromium } from "./chromium";
import { startDemoPage } from "./demo-server";

/**
 * The panel and the demo host in a phone-sized window, in Chromium: every piece of text is at least 12 px, and
 * nothing is wider than its box except inside the containers meant to scroll sideways (code, tables, long values).
 */

/** Elements that scroll sideways on purpose; what is inside them may be as wide as it likes. */
const SIDEWAYS_SCROLLERS = [
  "pre",
  "textarea",
  ".tracy-code",
  ".tracy-md-table",
  ".tracy-result-table",
  ".tracy-usage-details",
  ".tracy-cell-full",
  ".tracy-graph-list",
].join(", ");

interface Audit {
  small: string[];
  overflow: string[];
  texts: number;
}

/** Runs in the page: text under 12 px, and boxes whose content is wider than they are. */
function audit({ root, scrollers }: { root: string; scrollers: string }): Audit {
  const scope = document.querySelector(root);
  if (!scope) throw new Error(`no ${root}`);
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
  const hidden = (el: Element) => el.closest(".tracy-visually-hidden") !== null || el.getClientRects().length === 0;
  const small: string[] = [];
  const overflow: string[] = [];
  let texts = 0;
  for (const el of [scope, ...scope.querySelectorAll("*")]) {
    if (hidden(el)) continue;
    const ownText = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "",
    );
    const style = getComputedStyle(el);
    if (ownText) {
      texts++;
      const size = parseFloat(style.fontSize);
      if (size < 12) small.push(`${size.toFixed(1)}px ${describe(el)}`);
    }
    // Decoration drawn by a pseudo-element (a rotated chevron) has no content to overflow with.
    if (el instanceof SVGElement || el.closest(scrollers) || el.childNodes.length === 0) continue;
    // Cut on purpose: a one-line ellipsis (the full value is in the DOM, a title or a focus style).
    if (style.textOverflow === "ellipsis" && style.overflowX === "hidden") continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      overflow.push(`${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return { small, overflow, texts };
}

let demo: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoPage("scripted", { speed: 4 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function check(page: Page, state: string): Promise<void> {
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const panel = await page.evaluate(audit, { root: ".tracy-panel", scrollers: SIDEWAYS_SCROLLERS });
    expect(panel.texts, `${state}: text found`).toBeGreaterThan(3);
    expect(panel.small, `${state} at ${width} px: text under 12 px`).toEqual([]);
    expect(panel.overflow, `${state} at ${width} px: overflowing boxes`).toEqual([]);
    const host = await page.evaluate(audit, { root: "#root", scrollers: SIDEWAYS_SCROLLERS });
    expect(host.small, `${state} at ${width} px: demo text under 12 px`).toEqual([]);
    expect(host.overflow, `${state} at ${width} px: demo boxes overflowing`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${state} at ${width} px`).toBe(width);
  }
}

async function turn(page: Page, question: string, until: string): Promise<void> {
  const before = await page.locator(".tracy-message[data-role=user]").count();
  await page.locator(".tracy-input").fill(question);
  await page.keyboard.press("Enter");
  await page.locator(".tracy-message[data-role=user]").nth(before).waitFor();
  await page.locator(until).last().waitFor({ timeout: 30_000 });
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector(".tracy-status")?.getAttribute("data-phase") === "idle",
    null,
    {
      timeout: 30_000,
    },
  );
}

describe.each([
  ["English", "en", en],
  ["Arabic, right to left", "ar", ar],
] as const)("the panel at 320 and 360 px in Chromium (%s)", (_, locale, labels) => {
  it("keeps every text at 12 px or more and nothing overflows, through a conversation", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${demo.url}?locale=${locale}`);
    await page.locator(".demo-suggestions button").first().waitFor();
    await check(page, "empty");

    await turn(page, "Why is checkout slow in this trace?", ".tracy-message[data-role=agent] .tracy-md table");
    await settled(page);
    await page.locator(".tracy-tool-trigger").first().click();
    await page.locator(".tracy-result-table table").waitFor();
    await check(page, "Cypher answer with its card open");

    // The Cypher table is wider than a phone: the hidden edge is shaded and the table described as scrolling.
    await page.setViewportSize({ width: 360, height: 800 });
    const frame = page.locator(".tracy-result-frame").first();
    await expect.poll(() => frame.getAttribute("data-more-end")).toBe("");
    const table = page.getByRole("region", { name: labels.queryResult });
    await expect.poll(() => table.getAttribute("aria-describedby")).not.toBeNull();
    expect(await page.getByText(labels.tableScrollHint).isVisible()).toBe(true);
    // (Long values cut with an ellipsis, whole in the DOM, the title and copies: test/components/cards, as the
    // guarded demo query returns no value long enough to clip.)
    // Scrolled to its far end (negative scrollLeft in a right-to-left scroller), the start edge is shaded instead.
    await table.evaluate((el) => (el.scrollLeft = getComputedStyle(el).direction === "rtl" ? -9999 : 9999));
    await expect.poll(() => frame.getAttribute("data-more-start")).toBe("");

    await page.locator(".tracy-usage-trigger").click();
    await check(page, "usage details open");
    for (const width of [320, 360]) {
      await page.setViewportSize({ width, height: 800 });
      const usage = await page.locator(".tracy-usage-details").evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(usage[0], `usage details fit at ${width} px`).toBeLessThanOrEqual(usage[1]! + 1);
    }
    await page.locator(".tracy-usage-trigger").click();

    await turn(page, "Give me a markdown summary of this trace", ".tracy-message[data-role=agent] .tracy-md h1");
    await settled(page);
    await check(page, "markdown summary");

    await turn(page, "Simulate a fatal query error", ".tracy-tool[data-state=error]");
    await settled(page);
    await page.locator(".tracy-tool[data-state=error] .tracy-tool-trigger").last().click();
    await check(page, "failed query and session error");

    await turn(page, "Delete the saved query checkout-latency-debug (needs approval)", ".tracy-approval");
    await check(page, "approval prompt");

    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the trace chip in a right-to-left panel at 360 px, in Chromium", () => {
  it("shows the start of the trace id, left to right, and cuts it at its end", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${demo.url}?locale=ar`);
    const chip = page.locator(".tracy-context-chip");
    await chip.waitFor();
    const geometry = await chip.evaluate((el) => {
      const id = el.querySelector("bdi")!;
      const text = id.querySelector("code")!.firstChild!;
      const charBox = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect();
      };
      const box = id.getBoundingClientRect();
      const labelRange = document.createRange();
      labelRange.selectNodeContents(el.firstChild!);
      const label = labelRange.getBoundingClientRect();
      const length = (text.textContent ?? "").length;
      return {
        dir: getComputedStyle(id).direction,
        panelDir: getComputedStyle(el).direction,
        box: { left: box.left, right: box.right },
        first: charBox(0),
        last: charBox(length - 1),
        label: { left: label.left, right: label.right },
        cut: id.scrollWidth > id.clientWidth,
      };
    });
    expect(geometry.panelDir).toBe("rtl");
    expect(geometry.dir).toBe("ltr");
    expect(geometry.cut).toBe(true);
    // The id's first characters sit inside its box, at its left; the end runs past the right edge, under the ellipsis.
    expect(geometry.first.left).toBeGreaterThanOrEqual(geometry.box.left - 0.5);
    expect(geometry.first.right).toBeLessThanOrEqual(geometry.box.right);
    expect(geometry.last.right).toBeGreaterThan(geometry.box.right);
    // Right to left: the label starts the chip on the right, the id follows on its left.
    expect(geometry.label.left).toBeGreaterThanOrEqual(geometry.box.right - 0.5);

    // What a user sees: the chip's pixels are not blank where the id's start is drawn.
    const shot = await chip.screenshot();
    expect(shot.byteLength).toBeGreaterThan(500);
    if (process.env.TRACY_SHOTS) await chip.screenshot({ path: `${process.env.TRACY_SHOTS}/rtl-chip-360.png` });
    await page.close();
  });
});
