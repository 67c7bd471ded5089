import type { Page } from "playwright-core";
import { launchChromium } from "../chromium";
import { DEFAULT_VIEWPORT, type Engine, type EnginePage } from "./page-driver";

/** Debian's Chromium through playwright-core. */
export const chromiumEngine: Engine = {
  name: "Chromium",
  async launch() {
    const browser = await launchChromium();
    return {
      async newPage(viewport = DEFAULT_VIEWPORT) {
        return playwrightPage(await browser.newPage({ viewport }));
      },
      close: () => browser.close(),
    };
  },
};

export function playwrightPage(page: Page): EnginePage {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`unexpected dialog: ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    click: (selector) => page.locator(selector).first().click(),
    fill: (selector, text) => page.locator(selector).first().fill(text),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key === "Space" ? " " : key),
    select: async (selector, value) => void (await page.locator(selector).first().selectOption(value)),
    errors: async () => [...errors],
    close: () => page.close({ runBeforeUnload: false }),
  };
}
