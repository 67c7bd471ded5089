import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { en } from "../helpers/labels";
import { launchChromium } from "./chromium";
import { startFixture, type Fixture } from "./security/fixture-server";

export interface ScriptedConversations {
  /** A new page of `width` × 800 px on the fixture's `conversation`, started by sending `question`. */
  open(conversation: string, question: string, width?: number): Promise<Page>;
}

/** Chromium and the fixture page (its scripted conversations) for one test file: started before its tests, closed after. */
export function scriptedConversations(): ScriptedConversations {
  let browser: Browser | undefined;
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    [browser, fixture] = await Promise.all([launchChromium(), startFixture()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("scriptedConversations: used before its beforeAll ran");
    return value;
  };
  return {
    async open(conversation, question, width = 420) {
      const page = await started(browser).newPage({ viewport: { width, height: 800 } });
      await page.goto(`${started(fixture).url}?conversation=${conversation}`);
      const composer = page.getByRole("textbox", { name: en.composerLabel });
      await composer.fill(question);
      await composer.press("Enter");
      return page;
    },
  };
}
