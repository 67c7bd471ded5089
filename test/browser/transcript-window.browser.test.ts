import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_END } from "./security/conversation";
import { scriptedConversations } from "./scripted-conversation";

const conversations = scriptedConversations();

const mounted = (page: Page) => page.locator(".tracy-message").count();

/** Scrolls the transcript to the top; returns where its first item was, before anything more mounts. */
const scrollToTop = (page: Page) =>
  page.evaluate(() => {
    const transcript = document.querySelector(".tracy-transcript") as HTMLElement;
    transcript.scrollTop = 0;
    const first = transcript.querySelector(".tracy-message") as HTMLElement;
    return { text: first.textContent ?? "", top: first.getBoundingClientRect().top };
  });

const topOf = (page: Page, text: string) =>
  page.evaluate((t) => {
    const item = [...document.querySelectorAll(".tracy-message")].find((el) => el.textContent === t);
    return item ? item.getBoundingClientRect().top : null;
  }, text);

describe("a long conversation in Chromium", () => {
  it("mounts the newest items, then earlier ones as the reader scrolls up, without moving what they read", async () => {
    const page = await conversations.open("long", "Show me everything");
    try {
      await page.locator(".tracy-message", { hasText: LONG_END }).waitFor({ timeout: 20_000 });

      // 151 messages (the question and 150 answers); the window follows the newest.
      expect(await mounted(page)).toBeLessThanOrEqual(60);
      const gap = await page.evaluate(() => {
        const t = document.querySelector(".tracy-transcript") as HTMLElement;
        return t.scrollHeight - t.scrollTop - t.clientHeight;
      });
      expect(gap).toBeLessThan(2);

      for (let step = 0; step < 10 && (await mounted(page)) < 151; step++) {
        const before = await mounted(page);
        const anchor = await scrollToTop(page);
        await page.waitForFunction((n) => document.querySelectorAll(".tracy-message").length > n, before);
        expect(Math.abs(((await topOf(page, anchor.text)) ?? Infinity) - anchor.top)).toBeLessThan(2);
      }
      expect(await mounted(page)).toBe(151);
      await page.getByText("Show me everything").waitFor();
      expect(await page.locator(".tracy-show-earlier").count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
