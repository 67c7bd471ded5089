import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { launchChromium } from "../chromium";
import { startServerStack, type HistoryEvent, type ServerStack } from "./server-stack";
import { en } from "../../helpers/labels";

/**
 * The built panel in Chromium against the real stack: a host page and tracy-server on one origin, tracy-server on
 * PGlite in memory, `@anthropic-ai/sdk` to the Managed Agents simulator. Each case checks that what the user sees is
 * what the server stored: every message once, in the log's order, nothing missing.
 */

const TURN_MS = 30_000;
/** The trace the fixture page shows. */
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const WAIT = { timeout: TURN_MS, interval: 20 };
// The simulator's checkpoint scenario: a message, a pause, then a message that pauses again after 30 characters.
const FIRST_PART = "First part of the answer, before the pause.";
const SECOND_PART = "Second part of the answer, which pauses again halfway through its text.";

let browser: Browser;
let stack: ServerStack;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startServerStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A fresh tab in a fresh context: its own sessionStorage, so its own conversations. */
async function openPage(): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1100, height: 860 } });
  page = await context.newPage();
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(stack.url);
  await panel().waitFor();
}
afterEach(async () => {
  try {
    expect(pageErrors).toEqual([]);
  } finally {
    await context?.close();
  }
});

const panel = (): Locator => page.getByRole("region", { name: en.panel });
const composer = (): Locator => panel().getByRole("textbox", { name: en.composerLabel });
const status = (): Locator => panel().getByRole("status").first();
const agentMessages = (): Locator => panel().locator('.tracy-message[data-role="agent"]');

async function ask(question: string): Promise<void> {
  await composer().fill(question);
  await composer().press("Enter");
}

async function waitReady(): Promise<void> {
  await status().getByText(en.phaseReady).waitFor({ timeout: TURN_MS });
}

/** The session the panel persisted for the tenant (`persistSession`). */
async function sessionIdOf(tenant: string): Promise<string> {
  let id: string | null = null;
  await vi.waitFor(async () => {
    id = await page.evaluate((t) => sessionStorage.getItem(`tracy-panel:session:${t}`), tenant);
    if (!id) throw new Error(`no session persisted for ${tenant} yet`);
  }, WAIT);
  return id!;
}

/** What the user sees, message by message: who, and the text (markdown as rendered). */
function shownTranscript(): Promise<{ role: string; text: string }[]> {
  return panel()
    .locator(".tracy-message")
    .evaluateAll((elements) =>
      elements.map((el) => {
        const body = el.querySelector<HTMLElement>(".tracy-message-text, .tracy-md");
        return { role: (el as HTMLElement).dataset["role"] ?? "?", text: (body?.innerText ?? "").trim() };
      }),
    );
}

const textOf = (event: HistoryEvent): string => (event.content ?? []).map((c) => c.text ?? "").join("");

/**
 * The conversation as the server lists it: user and agent messages in the log's order (the server keeps one event
 * per id, echoes included). `**` is dropped because the panel renders it as bold.
 */
function storedTranscript(history: HistoryEvent[]): { role: string; text: string }[] {
  return history
    .filter((event) => event.type === "user.message" || event.type === "agent.message")
    .map((event) => ({
      role: event.type === "user.message" ? "user" : "agent",
      text: textOf(event).replaceAll("**", "").trim(),
    }));
}

async function expectTranscriptAsStored(tenant: string): Promise<HistoryEvent[]> {
  const history = await stack.history(tenant, await sessionIdOf(tenant));
  expect(new Set(history.map((e) => e.id)).size).toBe(history.length);
  const stored = storedTranscript(history);
  expect(stored.length).toBeGreaterThan(1);
  expect(await shownTranscript()).toEqual(stored);
  expect(await panel().locator(".tracy-message[data-pending], [data-streaming], .tracy-banner").count()).toBe(0);
  return history;
}

/** Waits until the simulated turn of the panel's session is held at a checkpoint (a release clears it at once). */
async function atCheckpoint(upstreamId: string): Promise<void> {
  await vi.waitFor(() => {
    if (!stack.sim.atCheckpoint(upstreamId)) throw new Error("turn not at its checkpoint yet");
  }, WAIT);
}

/** Cuts the browser's connected event stream, then waits until the panel has connected a new one. */
async function cutAndWaitForReconnect(): Promise<void> {
  await vi.waitFor(() => {
    if (stack.streamsConnected === 0) throw new Error("no browser stream connected yet");
  }, WAIT);
  const before = stack.streamsOpened;
  expect(stack.cutBrowserStreams()).toBeGreaterThan(0);
  await vi.waitFor(() => {
    if (stack.streamsOpened === before || stack.streamsConnected === 0) throw new Error("not reconnected yet");
  }, WAIT);
}

describe("the panel against tracy-server and the Managed Agents simulator", () => {
  it("asks a question: the answer appears once, the status returns to Ready, the transcript is the server's", async () => {
    await openPage();
    const question = "Why is checkout slow today?";
    await ask(question);
    await agentMessages().filter({ hasText: "payment-gateway" }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await agentMessages().count()).toBe(1);
    expect(await agentMessages().first().innerText()).toContain(`You asked: “${question}”`);
    await expectTranscriptAsStored("acme");
  });

  it("a stream cut 20 times in one turn still shows the turn as stored, in order, each message once", async () => {
    await openPage();
    await ask("Walk me through it with a checkpoint");
    const upstream = await stack.upstreamId(await sessionIdOf("acme"));

    // 10 cuts with the agent silent between two messages…
    await atCheckpoint(upstream);
    await agentMessages().filter({ hasText: FIRST_PART }).waitFor({ timeout: TURN_MS });
    for (let i = 0; i < 10; i++) await cutAndWaitForReconnect();
    stack.sim.release(upstream);

    // …9 with a message half written (its start was streamed as a preview before the pause)…
    await atCheckpoint(upstream);
    const preview = agentMessages().filter({ hasText: SECOND_PART.slice(0, 25) });
    await preview.waitFor({ timeout: TURN_MS });
    for (let i = 0; i < 9; i++) await cutAndWaitForReconnect();
    // The half-written message is still shown once, and nothing else was added while the stream kept dropping.
    expect(await agentMessages().count()).toBe(2);
    expect(await preview.count()).toBe(1);

    // …and the last one as the rest of the turn is delivered: what the browser missed comes from the history.
    const before = stack.streamsOpened;
    const cut = stack.cutOnNextEvent();
    stack.sim.release(upstream);
    await cut;
    await vi.waitFor(() => {
      if (stack.streamsOpened === before || stack.streamsConnected === 0) throw new Error("not reconnected yet");
    }, WAIT);

    await agentMessages().filter({ hasText: SECOND_PART }).waitFor({ timeout: TURN_MS });
    await waitReady();
    const history = await expectTranscriptAsStored("acme");
    expect(storedTranscript(history).map((m) => m.text)).toEqual([
      "Walk me through it with a checkpoint",
      FIRST_PART,
      SECOND_PART,
    ]);
    expect(stack.streamsOpened).toBeGreaterThanOrEqual(21);
  });

  it("switching tenant shows the other tenant's conversation only, and switching back restores it from history", async () => {
    await openPage();
    const acmeQuestion = "Why is the acme checkout slow?";
    await ask(acmeQuestion);
    await agentMessages().filter({ hasText: acmeQuestion }).waitFor({ timeout: TURN_MS });
    await waitReady();

    await page.getByTestId("tenant-select").selectOption("globex");
    await vi.waitFor(async () => {
      if ((await panel().locator(".tracy-message").count()) !== 0) throw new Error("acme's messages still shown");
    }, WAIT);
    expect(await panel().innerText()).not.toContain("acme checkout");

    const globexQuestion = "Why is the globex search slow?";
    await ask(globexQuestion);
    await agentMessages().filter({ hasText: globexQuestion }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await panel().innerText()).not.toContain("acme checkout");
    await expectTranscriptAsStored("globex");

    await page.getByTestId("tenant-select").selectOption("acme");
    await agentMessages().filter({ hasText: acmeQuestion }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await panel().innerText()).not.toContain("globex search");
    await expectTranscriptAsStored("acme");
    const acmeSession = await sessionIdOf("acme");
    expect(acmeSession).not.toBe(await sessionIdOf("globex"));
    // The server binds the session to its tenant: globex can't read acme's conversation.
    await expect(stack.history("globex", acmeSession)).rejects.toThrow(/HTTP 404/);
  });

  it("New conversation, then the earlier one reopened from the conversation list, trace marker and all, after a reload", async () => {
    await openPage();
    const first = "Why is the first checkout slow?";
    await ask(first);
    await agentMessages().filter({ hasText: first }).waitFor({ timeout: TURN_MS });
    await waitReady();
    const firstSession = await sessionIdOf("acme");

    await panel().getByRole("button", { name: en.newConversationHint }).click();
    await vi.waitFor(async () => {
      if ((await panel().locator(".tracy-message").count()) !== 0)
        throw new Error("the first conversation is still shown");
    }, WAIT);
    await expect.poll(() => composer().evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    const second = "And the second question?";
    await ask(second);
    await agentMessages().filter({ hasText: second }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await sessionIdOf("acme")).not.toBe(firstSession);

    // The list is the server's: newest first (earlier cases' conversations after these two), titled by their question.
    const menuButton = panel().getByRole("button", { name: en.conversationsMenu });
    await menuButton.press("ArrowDown");
    const items = panel().getByRole("menuitemradio");
    await expect
      .poll(async () => (await items.allInnerTexts()).slice(0, 2), WAIT)
      .toEqual([expect.stringContaining(second), expect.stringContaining(first)]);
    await expect.poll(() => items.first().evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await agentMessages().filter({ hasText: first }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await sessionIdOf("acme")).toBe(firstSession);
    expect(await panel().innerText()).not.toContain(second);
    await expectTranscriptAsStored("acme");

    // The question's trace, from tracy-server's context message, survives a reload.
    await page.reload();
    await agentMessages().filter({ hasText: first }).waitFor({ timeout: TURN_MS });
    const marker = panel().locator(".tracy-trace-divider");
    await marker.first().waitFor({ timeout: TURN_MS });
    expect(await marker.count()).toBe(1);
    expect(await marker.innerText()).toContain(`${en.askingAboutTrace} ${TRACE}`);
  });

  it("a reload mid-answer resumes the turn, and the answer appears once", async () => {
    await openPage();
    await ask("Reload during this checkpoint answer");
    const upstream = await stack.upstreamId(await sessionIdOf("acme"));
    await atCheckpoint(upstream);
    stack.sim.release(upstream);
    // Held again halfway through the second message: its start has been streamed.
    await atCheckpoint(upstream);
    await agentMessages().filter({ hasText: FIRST_PART }).waitFor({ timeout: TURN_MS });

    await page.reload();
    await panel().waitFor();
    await agentMessages().filter({ hasText: FIRST_PART }).waitFor({ timeout: TURN_MS });
    // The panel follows the live turn after the reload before the agent goes on.
    await vi.waitFor(() => {
      if (stack.streamsConnected === 0) throw new Error("no browser stream connected yet");
    }, WAIT);
    stack.sim.release(upstream);

    await agentMessages().filter({ hasText: SECOND_PART }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await agentMessages().filter({ hasText: FIRST_PART }).count()).toBe(1);
    expect(await agentMessages().filter({ hasText: SECOND_PART }).count()).toBe(1);
    await expectTranscriptAsStored("acme");
  });

  it("approving a tool call with the keyboard runs it once", async () => {
    await openPage();
    await ask("Please delete the saved query checkout-latency-debug");
    const allow = panel().getByRole("button", { name: en.allow });
    await allow.waitFor({ timeout: TURN_MS });
    await status().getByText(en.phaseWaitingApproval).waitFor({ timeout: TURN_MS });
    await allow.focus();
    await page.keyboard.press("Enter");
    await agentMessages().filter({ hasText: "Done: 42 old spans were deleted." }).waitFor({ timeout: TURN_MS });
    await waitReady();
    expect(await panel().getByRole("button", { name: en.allow }).count()).toBe(0);

    const sessionId = await sessionIdOf("acme");
    const history = await expectTranscriptAsStored("acme");
    const once = (type: string) => new Set(history.filter((e) => e.type === type).map((e) => e.id)).size;
    expect(once("user.tool_confirmation")).toBe(1);
    expect(once("agent.tool_result")).toBe(1);
    const upstream = await stack.upstreamId(sessionId);
    const confirmations = stack.sim
      .callsOf("events.send", upstream)
      .filter((c) => JSON.stringify(c.body).includes("user.tool_confirmation"));
    expect(confirmations).toHaveLength(1);
  });
});
