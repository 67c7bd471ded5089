import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { Engine, EngineBrowser, EnginePage } from "./page-driver";
import { PANEL, waitForText } from "./panel";

/**
 * One browser of `engine` for the enclosing describe, and a fresh page at `url()` with the panel shown for each
 * test (handed over through `use`); a test fails if its page reported an error, other than one the test expects
 * (`expected`).
 */
export function panelPagePerTest(
  engine: Engine,
  url: () => string,
  use: (page: EnginePage) => void,
  expected?: RegExp,
): void {
  let browser: EngineBrowser;
  let page: EnginePage;
  beforeAll(async () => {
    browser = await engine.launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    use(page);
    await page.goto(url());
    await waitForText(page, PANEL);
  });
  afterEach(async () => {
    const errors = (await page.errors()).filter((error) => !expected?.test(error));
    await page.close();
    expect(errors).toEqual([]);
  });
}
