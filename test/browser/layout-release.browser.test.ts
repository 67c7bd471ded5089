import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_REPLY_END } from "./security/conversation";
import { scriptedConversations } from "./scripted-conversation";

const conversations = scriptedConversations();

/** Per reply group: whether it was released (the flipped attribute), whether the browser skips it, its text. */
const groups = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll(".tracy-md-group")].map((g) => ({
      released: g.hasAttribute("data-relayout"),
      skipped: !(g.firstElementChild as Element).checkVisibility({ contentVisibilityAuto: true }),
      text: g.textContent ?? "",
    })),
  );

/** How many nodes inside each reply group have a layout box, from Chromium's own snapshot of the page. */
async function boxesPerGroup(page: Page): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { documents, strings } = await cdp.send("DOMSnapshot.captureSnapshot", { computedStyles: [] });
    const doc = documents[0]!;
    const parents = doc.nodes.parentIndex!;
    const attributes = doc.nodes.attributes!;
    const isGroup = (i: number) => {
      const a = attributes[i] ?? [];
      for (let k = 0; k < a.length; k += 2)
        if (strings[a[k]!] === "class" && strings[a[k + 1]!]!.split(" ").includes("tracy-md-group")) return true;
      return false;
    };
    const groupIndex = new Map<number, number>();
    parents.forEach((_, i) => {
      if (isGroup(i)) groupIndex.set(i, groupIndex.size);
    });
    const counts = Array.from({ length: groupIndex.size }, () => 0);
    for (const node of doc.layout.nodeIndex) {
      for (let up = parents[node]!; up !== -1; up = parents[up]!) {
        const g = groupIndex.get(up);
        if (g !== undefined) {
          counts[g]! += 1;
          break;
        }
      }
    }
    return counts;
  } finally {
    await cdp.detach();
  }
}

describe("a long reply in Chromium", () => {
  it("drops the layout of the parts far above the view, keeps their text, and lays them out again unmoved", async () => {
    const page = await conversations.open("long-reply", "Tell me everything");
    try {
      await page.locator(".tracy-message", { hasText: LONG_REPLY_END }).waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => {
        const t = document.querySelector(".tracy-transcript") as HTMLElement;
        return t.scrollHeight - t.scrollTop - t.clientHeight < 2;
      });

      // Followed to its end: the groups far above were released and are skipped, and hold no layout boxes.
      const after = await groups(page);
      expect(after.length).toBeGreaterThan(10);
      const released = after.filter((g) => g.released);
      expect(released.length).toBeGreaterThan(after.length / 2);
      expect(released.every((g) => g.skipped)).toBe(true);
      const boxes = await boxesPerGroup(page);
      expect(boxes).toHaveLength(after.length);
      after.forEach((g, i) => {
        if (g.released) expect(boxes[i]).toBe(0);
      });
      // The last group, on screen, is laid out.
      expect(boxes.at(-1)).toBeGreaterThan(0);
      // Its text is still in the DOM.
      expect(released[0]?.text).toContain("1. Span s1");

      // Where everything is, with every group laid out once: read from the top, a screen at a time.
      const layout = () =>
        page.evaluate(() => {
          const t = document.querySelector(".tracy-transcript") as HTMLElement;
          const top = t.getBoundingClientRect().top - t.scrollTop;
          return {
            height: t.scrollHeight,
            tops: [...document.querySelectorAll(".tracy-md-group")].map((g) => g.getBoundingClientRect().top - top),
          };
        });
      const scrollThrough = async (from: number, to: number) => {
        const step = from < to ? 600 : -600;
        for (let y = from; step > 0 ? y <= to : y >= to; y += step) {
          await page.evaluate((y) => {
            (document.querySelector(".tracy-transcript") as HTMLElement).scrollTop = y;
          }, y);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        }
      };
      const before = await layout();
      await scrollThrough(before.height, 0);
      await scrollThrough(0, before.height);
      await scrollThrough(before.height, 0);

      // At the top now: the first groups are shown and laid out again; groups far below were released in turn.
      const top = await groups(page);
      expect(top[0]).toMatchObject({ skipped: false });
      expect(top.slice(-4, -1).every((g) => g.skipped)).toBe(true);
      const topBoxes = await boxesPerGroup(page);
      expect(topBoxes[0]).toBeGreaterThan(0);
      expect(topBoxes.slice(-4, -1)).toEqual([0, 0, 0]);
      // Nothing moved and nothing was lost: same height, same places, same text.
      const again = await layout();
      expect(again.height).toBe(before.height);
      again.tops.forEach((t, i) => expect(Math.abs(t - before.tops[i]!)).toBeLessThan(1));
      expect(top.map((g) => g.text)).toEqual(after.map((g) => g.text));
    } finally {
      await page.close();
    }
  });
});
