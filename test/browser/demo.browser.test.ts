import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { startDemoPage } from "./demo-server";
import { en } from "../helpers/labels";

let browser: Browser;
let demo: { url: string; close(): Promise<void> };
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemoPage()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => {
    pageErrors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(demo.url);
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

const panel = () => page.getByRole("region", { name: en.panel });

async function ask(question: string) {
  const box = panel().getByRole("textbox", { name: en.composerLabel });
  await box.fill(question);
  await box.press("Enter");
}

describe("demo page in Chromium", () => {
  it("asks a question and sees the streamed answer and a Cypher card", async () => {
    const created = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/api/tracy/sessions"));
    await ask("Why is checkout slow in this trace?");
    // `npm start` serves tracy-server (its session ids), whose upstream is the simulator playing the scenario.
    expect(((await (await created).json()) as { id: string }).id).toMatch(/^tsn_/);
    await panel().locator('.tracy-message[data-role="user"]', { hasText: "Why is checkout slow" }).waitFor();

    // Streaming: the agent's text grows before the turn ends.
    const agent = panel().locator('.tracy-message[data-role="agent"]').first();
    await agent.waitFor({ timeout: 15_000 });
    // The trace the page shows reached the agent (X-Trace-Id → tracy-server's system.message → the simulated agent).
    await agent.getByText("4bf92f3577b34da6a3ce929d0e0e4736").waitFor({ timeout: 15_000 });

    const card = panel().getByRole("region", { name: "Tool call run_cypher" });
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.getByRole("button").first().textContent(), { timeout: 15_000 }).toMatch(/\d+ rows/);

    await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 20_000 });
    const answer = panel().locator('.tracy-message[data-role="agent"]').last();
    expect(await answer.locator("table").count()).toBeGreaterThan(0);
    expect(await answer.locator("pre code").count()).toBeGreaterThan(0);

    const trigger = card.getByRole("button").first();
    await trigger.click();
    expect(await trigger.getAttribute("aria-expanded")).toBe("true");
    expect(await card.locator("code").first().textContent()).toContain("elementId(");
    // The highlighter is a lazy chunk: it arrives after the plain query.
    await card.locator("pre.tracy-cy .tracy-cy-kw").first().waitFor({ timeout: 10_000 });
  });

  it("switching tenant clears the conversation, switching back restores it from history", async () => {
    await ask("Give me a markdown summary of this trace");
    await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 30_000 });
    await page.getByTestId("tenant-select").selectOption("globex-staging");
    await panel().getByText(/Ask Tracy why a trace is slow/).waitFor();
    expect(await panel().locator(".tracy-message").count()).toBe(0);

    await page.getByTestId("tenant-select").selectOption("acme-prod");
    await panel().locator('.tracy-message[data-role="user"]', { hasText: "Give me a markdown summary" }).waitFor({ timeout: 10_000 });
    await expect.poll(() => panel().locator('.tracy-message[data-role="agent"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it("approves a tool call with the keyboard and sees the answer resume", async () => {
    await ask("Delete the stale test spans (needs approval)");
    const allow = panel().getByRole("button", { name: en.allow });
    await allow.waitFor({ timeout: 20_000 });
    await panel().getByRole("status").getByText(en.phaseWaitingApproval).waitFor();
    await allow.focus();
    await page.keyboard.press("Enter");
    await panel().getByText(en.confirmationAllowed).waitFor({ timeout: 10_000 });
    await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 20_000 });
    const lastAnswer = panel().locator('.tracy-message[data-role="agent"]').last();
    expect(await lastAnswer.textContent()).toMatch(/deleted/i);
    expect(await panel().getByRole("button", { name: en.allow }).count()).toBe(0);
  });

  it("answers a client-side tool from the host page", async () => {
    await ask("What is the current trace I'm looking at?");
    await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 20_000 });
    const lastAnswer = panel().locator('.tracy-message[data-role="agent"]').last();
    expect(await lastAnswer.textContent()).toContain("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it("follows the stream at the bottom, and stops following when the user scrolls up", async () => {
    await ask("Give me a markdown summary of this trace");
    const transcript = panel().locator(".tracy-transcript");
    await panel().getByRole("status").getByText(en.phaseWriting).waitFor({ timeout: 20_000 });
    // Wait until the reply overflows, so that "the bottom" and "the top" differ.
    await expect
      .poll(() => transcript.evaluate((el) => el.scrollHeight - el.clientHeight), { timeout: 20_000 })
      .toBeGreaterThan(150);
    const gap = () => transcript.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(await gap()).toBeLessThanOrEqual(24);
    await transcript.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.waitForTimeout(600);
    expect(await transcript.evaluate((el) => el.scrollTop)).toBe(0);
    await panel().getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 20_000 });
    expect(await transcript.evaluate((el) => el.scrollTop)).toBe(0);
  });
});
