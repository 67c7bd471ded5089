import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { en, enFormat } from "../helpers/labels";
import { startChatPage } from "./chat/chat-page";
import { chromiumEngine } from "./engines/chromium-engine";
import type { EngineBrowser, EnginePage } from "./engines/page-driver";
import { COMPOSER, PANEL, USER, ask, count, waitForText } from "./engines/panel";
import { waitFor } from "./engines/wait-for";
import { blocking, logFindings, runAxe } from "./a11y/axe";

let chat: { url: string; close(): Promise<void> };
let browser: EngineBrowser;

beforeAll(async () => {
  [chat, browser] = await Promise.all([startChatPage(), chromiumEngine.launch()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

/** Where the conversation is scrolled: distance from the top, and what is left below the view. */
const scroll = (page: EnginePage) =>
  page.evaluate(() => {
    const t = document.querySelector(".tracy-transcript") as HTMLElement;
    return {
      top: t.scrollTop,
      below: t.scrollHeight - t.scrollTop - t.clientHeight,
      scrolls: t.scrollHeight > t.clientHeight + 1,
    };
  });
/** Whether the element is inside the conversation's visible box. */
const inView = (page: EnginePage, selector: string) =>
  page.evaluate((s) => {
    const t = (document.querySelector(".tracy-transcript") as HTMLElement).getBoundingClientRect();
    const el = [...document.querySelectorAll(s)].at(-1)?.getBoundingClientRect();
    return !!el && el.bottom <= t.bottom + 1 && el.top >= t.top - 1;
  }, selector);
const emit = (page: EnginePage, events: unknown[]) => page.evaluate((e) => window.__chat.emit(e), events);
const sends = (page: EnginePage) =>
  page.evaluate(() => window.__chat.sends.filter((s) => s.type === "user.message").map((s) => s.text));
/** The reader scrolls the conversation up by `px` (a real scroll, with its scroll event). */
const scrollUp = (page: EnginePage, px: number) =>
  page.evaluate((d) => {
    const t = document.querySelector(".tracy-transcript") as HTMLElement;
    t.scrollTop -= d;
  }, px);
const afterFrames = (page: EnginePage) =>
  page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));

let n = 0;
const id = () => `sevt_t${++n}`;
const paragraph = (i: number) =>
  `Paragraph ${i}: the checkout span waited on the inventory service for most of its time.\n\n`;
/** The echo of the message the panel posted last, and the turn starting. */
async function startTurn(page: EnginePage) {
  const posted = await page.evaluate(() => window.__chat.sends.length);
  const text = (await sends(page)).at(-1) ?? "";
  await emit(page, [
    {
      type: "user.message",
      id: `sevt_${1000 + posted}`,
      processed_at: "2026-03-02T14:05:10.000Z",
      content: [{ type: "text", text }],
    },
    { type: "session.status_running", id: id() },
  ]);
}
const endTurn = (page: EnginePage) =>
  emit(page, [{ type: "session.status_idle", id: id(), stop_reason: { type: "end_turn" }, stop_details: null }]);

const JUMP = `${PANEL} .tracy-jump-button`;

describe.each([
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
])("chat behaviour in Chromium at $width px", (viewport) => {
  let page: EnginePage;
  beforeEach(async () => {
    page = await browser.newPage(viewport);
    await page.goto(chat.url);
    await waitForText(page, PANEL);
  });
  afterEach(async () => {
    const errors = await page.errors();
    await page.close();
    expect(errors).toEqual([]);
  });

  it("the empty state opens at its top; the first answer is followed even after scrolling it", async () => {
    await waitForText(page, "#intro");
    const start = await scroll(page);
    expect(start.top).toBe(0);
    // On a phone the intro and suggestions are taller than the panel: the case that matters.
    if (viewport.width === 360) expect(start.scrolls).toBe(true);
    expect(await inView(page, "#intro")).toBe(true);
    await scrollUp(page, -80);
    await scrollUp(page, 80);
    await ask(page, "Why is checkout slow?");
    await waitForText(page, USER, "Why is checkout slow?");
    expect(await inView(page, USER)).toBe(true);
    await waitFor(page, () => window.__chat.sends.length > 0);
    await startTurn(page);
    const reply = id();
    await emit(page, [{ type: "event_start", event: { id: reply, type: "agent.message" } }]);
    for (let i = 0; i < 30; i++) {
      await emit(page, [
        {
          type: "event_delta",
          event_id: reply,
          delta: { type: "content_delta", content: { type: "text", text: paragraph(i) } },
        },
      ]);
    }
    await waitForText(page, `${PANEL} .tracy-message[data-role="agent"]`, "Paragraph 29");
    await afterFrames(page);
    const at = await scroll(page);
    expect(at.scrolls).toBe(true);
    expect(at.below).toBeLessThan(2);
  });

  it("scrolling up stops following and offers Jump to latest with the count; sending always brings the message into view", async () => {
    await ask(page, "Why is checkout slow?");
    await waitFor(page, () => window.__chat.sends.length > 0);
    await startTurn(page);
    await emit(
      page,
      Array.from({ length: 12 }, (_, i) => ({
        type: "agent.message",
        id: id(),
        content: [{ type: "text", text: paragraph(i) }],
      })),
    );
    await afterFrames(page);
    expect((await scroll(page)).below).toBeLessThan(2);

    await scrollUp(page, 40);
    await waitFor(page, (s) => document.querySelector(s), JUMP);
    const top = (await scroll(page)).top;
    await emit(
      page,
      [1, 2, 3].map((i) => ({
        type: "agent.message",
        id: id(),
        content: [{ type: "text", text: paragraph(100 + i) }],
      })),
    );
    await waitForText(page, JUMP, en.jumpToLatest(enFormat.count(3)));
    expect((await scroll(page)).top).toBe(top);

    await page.click(JUMP);
    await waitFor(page, (s) => !document.querySelector(s), JUMP);
    expect((await scroll(page)).below).toBeLessThan(2);
    await emit(page, [{ type: "agent.message", id: id(), content: [{ type: "text", text: paragraph(200) }] }]);
    await waitForText(page, `${PANEL} .tracy-message[data-role="agent"]`, "Paragraph 200");
    await afterFrames(page);
    expect((await scroll(page)).below).toBeLessThan(2);

    // Scrolled up again, the reader sends a follow-up while Tracy still answers: it shows, queued, in view.
    await scrollUp(page, 300);
    await waitFor(page, (s) => document.querySelector(s), JUMP);
    await ask(page, "And the database?");
    await waitForText(page, `${PANEL} .tracy-queued`, en.queued);
    await afterFrames(page);
    expect(await inView(page, `${PANEL} .tracy-message[data-pending="queued"]`)).toBe(true);
    expect(await count(page, JUMP)).toBe(0);
    expect(await sends(page)).toEqual(["Why is checkout slow?"]);
    await endTurn(page);
    await waitFor(page, () => window.__chat.sends.length === 2);
    expect(await sends(page)).toEqual(["Why is checkout slow?", "And the database?"]);
  });

  it("the message box grows with its text up to a limit, then scrolls", async () => {
    const height = () =>
      page.evaluate((s) => (document.querySelector(s) as HTMLElement).getBoundingClientRect().height, COMPOSER);
    const empty = await height();
    await page.fill(COMPOSER, Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join("\n"));
    const eight = await height();
    expect(eight).toBeGreaterThan(empty * 2);
    const fits = await page.evaluate((s) => {
      const el = document.querySelector(s) as HTMLTextAreaElement;
      return el.scrollHeight <= el.clientHeight + 1;
    }, COMPOSER);
    expect(fits).toBe(true);
    await page.fill(COMPOSER, Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n"));
    const forty = await height();
    expect(forty).toBeLessThan(eight * 2);
    const scrolls = await page.evaluate((s) => {
      const el = document.querySelector(s) as HTMLTextAreaElement;
      return el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === "auto";
    }, COMPOSER);
    expect(scrolls).toBe(true);
  });

  it.each(["light", "dark"])("axe finds nothing serious in the new states (%s)", async (theme) => {
    await page.goto(`${chat.url}?theme=${theme}`);
    await waitForText(page, PANEL);
    const check = async (state: string) => {
      const run = await runAxe(page, { include: PANEL, outside: "fixture" });
      expect(logFindings(`${viewport.width} ${theme} ${state}`, run)).toEqual([]);
      expect(blocking(run.findings)).toEqual([]);
    };
    await ask(page, "Why is checkout slow?");
    await waitFor(page, () => window.__chat.sends.length > 0);
    await startTurn(page);
    await emit(
      page,
      Array.from({ length: 12 }, (_, i) => ({
        type: "agent.message",
        id: id(),
        content: [{ type: "text", text: paragraph(i) }],
      })),
    );
    await ask(page, "And the database?");
    await waitForText(page, `${PANEL} .tracy-queued`, en.queued);
    await scrollUp(page, 200);
    await emit(page, [{ type: "agent.message", id: id(), content: [{ type: "text", text: paragraph(99) }] }]);
    await waitFor(page, (s) => document.querySelector(s), JUMP);
    await check("queued, jump to latest");
    await page.click(JUMP);
    await page.click(`${PANEL} .tracy-queued .tracy-button:last-child`);
    await endTurn(page);
    await waitFor(page, (s) => document.querySelector(s), `${PANEL} .tracy-thumb[data-rating="down"]`);
    await page.click(`${PANEL} .tracy-thumb[data-rating="down"]`);
    await waitFor(page, (s) => document.querySelector(s), `${PANEL} .tracy-feedback-comment`);
    await check("feedback form");
  });
});
