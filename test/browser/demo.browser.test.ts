import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDemoPage } from "./demo-server";
import { engines } from "./engines/engines";
import type { EngineBrowser, EnginePage } from "./engines/page-driver";
import {
  AGENT,
  ask,
  attribute,
  count,
  CYPHER_CARD,
  CYPHER_TRIGGER,
  PANEL,
  text,
  USER,
  waitForStatus,
  waitForText,
} from "./engines/panel";
import { waitFor } from "./engines/wait-for";

let demo: { url: string; close(): Promise<void> };

beforeAll(async () => {
  demo = await startDemoPage();
});
afterAll(async () => {
  await demo?.close();
});

describe.each(engines)("demo page in $name", (engine) => {
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
    await page.goto(demo.url);
    await waitForText(page, PANEL);
  });
  afterEach(async () => {
    const errors = await page.errors();
    await page.close();
    expect(errors).toEqual([]);
  });

  it("asks a question and sees the streamed answer and a Cypher card", async () => {
    await ask(page, "Why is checkout slow in this trace?");
    await waitForText(page, USER, "Why is checkout slow");

    // Streaming: the agent's text grows before the turn ends.
    await waitForText(page, AGENT, "", 15_000);
    await waitForText(page, CYPHER_CARD, "", 15_000);
    await waitFor(page, (s) => /\d+ rows/.test(document.querySelector(s)?.textContent ?? ""), CYPHER_TRIGGER, {
      timeout: 15_000,
    });

    await waitForStatus(page, "Ready");
    const answer = await page.evaluate((s) => {
      const last = [...document.querySelectorAll(s)].at(-1);
      return { tables: last?.querySelectorAll("table").length, code: last?.querySelectorAll("pre code").length };
    }, AGENT);
    expect(answer.tables).toBeGreaterThan(0);
    expect(answer.code).toBeGreaterThan(0);

    await page.click(CYPHER_TRIGGER);
    expect(await attribute(page, CYPHER_TRIGGER, "aria-expanded")).toBe("true");
    expect(await text(page, `${CYPHER_CARD} code`)).toContain("elementId(");
    // The highlighter is a lazy chunk: it arrives after the plain query.
    await waitForText(page, `${CYPHER_CARD} pre.tracy-cy .tracy-cy-kw`);
  });

  it("switching tenant clears the conversation, switching back restores it from history", async () => {
    await ask(page, "Give me a markdown summary of this trace");
    await waitForStatus(page, "Ready", 30_000);
    await page.select('[data-testid="tenant-select"]', "globex-staging");
    await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
    expect(await count(page, `${PANEL} .tracy-message`)).toBe(0);

    await page.select('[data-testid="tenant-select"]', "acme-prod");
    await waitForText(page, USER, "Give me a markdown summary");
    await waitForText(page, AGENT);
  });

  it("approves a tool call with the keyboard and sees the answer resume", async () => {
    await ask(page, "Delete the stale test spans (needs approval)");
    const allow = `${PANEL} .tracy-approval-actions button`;
    await waitForText(page, allow, "Allow", 20_000);
    await waitForStatus(page, "Waiting for your approval");
    await page.evaluate(
      (s) => [...document.querySelectorAll<HTMLElement>(s)].find((b) => b.textContent === "Allow")?.focus(),
      allow,
    );
    await page.press("Enter");
    await waitForText(page, PANEL, "You allowed this call.");
    await waitForStatus(page, "Ready");
    expect((await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)) ?? "").toMatch(
      /deleted/i,
    );
    expect(
      await page.evaluate((s) => [...document.querySelectorAll(s)].some((b) => b.textContent === "Allow"), allow),
    ).toBe(false);
  });

  it("answers a client-side tool from the host page", async () => {
    await ask(page, "What is the current trace I'm looking at?");
    await waitForStatus(page, "Ready");
    expect(await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)).toContain(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
  });

  it("follows the stream at the bottom, and stops following when the user scrolls up", async () => {
    await ask(page, "Give me a markdown summary of this trace");
    const transcript = `${PANEL} .tracy-transcript`;
    await waitForStatus(page, "Writing…");
    // Wait until the reply overflows, so that "the bottom" and "the top" differ.
    await waitFor(
      page,
      (s) => {
        const el = document.querySelector(s);
        return !!el && el.scrollHeight - el.clientHeight > 150;
      },
      transcript,
      { timeout: 20_000 },
    );
    const gap = () =>
      page.evaluate((s) => {
        const el = document.querySelector(s) as HTMLElement;
        return el.scrollHeight - el.scrollTop - el.clientHeight;
      }, transcript);
    const scrollTop = () => page.evaluate((s) => (document.querySelector(s) as HTMLElement).scrollTop, transcript);
    expect(await gap()).toBeLessThanOrEqual(24);
    await page.evaluate((s) => document.querySelector(s)?.scrollTo({ top: 0 }), transcript);
    // Several more chunks arrive in this time: none may pull the view back down.
    await new Promise((r) => setTimeout(r, 600));
    expect(await scrollTop()).toBe(0);
    await waitForStatus(page, "Ready");
    expect(await scrollTop()).toBe(0);
  });
});
