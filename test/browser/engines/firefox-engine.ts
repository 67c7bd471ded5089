import { existsSync } from "node:fs";
import puppeteer, { type KeyInput, type Page } from "puppeteer-core";
import { DEFAULT_VIEWPORT, type Engine, type EnginePage, type Key } from "./page-driver";

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

const KEYS: Record<Exclude<Key, "Shift+Tab">, KeyInput> = { Enter: "Enter", Tab: "Tab", End: "End", Space: "Space" };

/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (Playwright's Firefox needs its own build). */
export const firefoxEngine: Engine = {
  name: "Firefox",
  async launch() {
    if (!existsSync(FIREFOX_PATH)) {
      throw new Error(`Firefox not found at ${FIREFOX_PATH}. Install it with: apt-get install -y firefox-esr`);
    }
    const browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX_PATH,
      headless: true,
      // No background network: updates, telemetry, remote settings.
      extraPrefsFirefox: {
        "app.update.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "network.captive-portal-service.enabled": false,
      },
    });
    return {
      async newPage(viewport = DEFAULT_VIEWPORT) {
        const page = await browser.newPage();
        await page.setViewport(viewport);
        return puppeteerPage(page);
      },
      close: () => browser.close(),
    };
  },
};

function puppeteerPage(page: Page): EnginePage {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e instanceof Error ? e.message : String(e)));
  page.on("dialog", (d) => {
    errors.push(`unexpected dialog: ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never) as never,
    click: (selector) => page.locator(selector).click(),
    fill: (selector, text) => page.locator(selector).fill(text),
    type: (text) => page.keyboard.type(text),
    async press(key) {
      if (key !== "Shift+Tab") return page.keyboard.press(KEYS[key]);
      await page.keyboard.down("Shift");
      await page.keyboard.press("Tab");
      await page.keyboard.up("Shift");
    },
    select: async (selector, value) => void (await page.select(selector, value)),
    errors: async () => [...errors],
    close: () => page.close({ runBeforeUnload: false }),
  };
}
