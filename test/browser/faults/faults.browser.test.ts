import type { Browser, BrowserContext, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { startDemoPage } from "../demo-server";
import { FaultyDemo, type FaultPlan } from "./faulty-demo";
import { en } from "../../helpers/labels";

/**
 * The demo page against the demo server, with one fault per case: an HTTP error on the user's message, on the event
 * stream's connection or on the history after a reload, or a stream that is cut, stalls, repeats, reorders, carries
 * junk or a 5 MB event. Each case checks what the user sees: a plain
 * message saying what happened and what to do, or a transcript that ends exactly as the server stored it; and that a
 * draft typed in the message box while it happens is still there.
 */

// The schema scenario: a short reply, a describe_schema call, then the answer.
const QUESTION = "Which schema should my queries use?";
const FIRST_REPLY = "Let me look at the graph schema first.";
const ANSWER_END = "Always scope by tenant_id: the graph is shared between tenants.";
const DRAFT = "And which index would help here?";
const TURN_MS = 30_000;

let browser: Browser;
/** One context for all cases, so its HTTP cache serves the demo's modules after the first page. */
let context: BrowserContext;
let demo: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemoPage("scripted")]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function withDemo(plan: FaultPlan, run: (page: FaultyDemo) => Promise<void>, query = ""): Promise<void> {
  const page = await FaultyDemo.open(context, demo.url, plan, query);
  try {
    await run(page);
    expect(page.pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}

interface SendFault {
  status: number;
  says: string;
  /** Retrying the same request can't help: the panel offers Edit alone. */
  final?: boolean;
  /** Also fail the first stream connection with this `X-Demo-Fault`. */
  stream?: string;
}

const SEND_FAULTS: SendFault[] = [
  { status: 401, says: "Your sign-in has expired. Sign in again, then try again." },
  {
    status: 403,
    says: "No access. You don't have access to Tracy for this tenant. Injected fault: HTTP 403. Ask an admin for access.",
    final: true,
  },
  {
    status: 404,
    says: "Conversation not found. It may have been deleted, or it belongs to another tenant. Start a new one.",
    final: true,
  },
  { status: 409, says: "Tracy is still answering. Wait for the current answer, or press Stop, then try again." },
  { status: 500, says: "Tracy is unavailable. The backend had a problem (HTTP 500). Try again in a moment." },
  { status: 502, says: "Tracy is unavailable. The backend had a problem (HTTP 502). Try again in a moment." },
  {
    status: 503,
    says: "Tracy is unavailable. The backend had a problem (HTTP 503). Try again in a moment.",
    stream: "status:503",
  },
];

/** Sends with the fault on and checks the message and the draft; then retries with it off, or takes the text back. */
async function sendThroughFault(page: FaultyDemo, fault: string, says: string, final = false): Promise<void> {
  page.plan.sendStatus = fault;
  await page.ask(QUESTION);
  await page.composer.fill(DRAFT);
  const failure = page.panel.locator(".tracy-send-failed");
  await failure.waitFor({ timeout: TURN_MS });
  expect(await failure.locator("span").first().textContent()).toBe(`Not sent: ${says}`);
  // Nothing is lost: the message stays, and so does the draft.
  expect(await page.userMessages().locator(".tracy-message-text").allTextContents()).toEqual([QUESTION]);
  expect(await page.composer.inputValue()).toBe(DRAFT);
  page.plan.sendStatus = null;

  if (final) {
    expect(await failure.getByRole("button").allTextContents()).toEqual(["Edit"]);
    await failure.getByRole("button", { name: en.edit }).click();
    expect(await page.composer.inputValue()).toBe(`${QUESTION}\n\n${DRAFT}`);
    expect(await page.userMessages().count()).toBe(0);
    expect(page.messagePosts).toHaveLength(1);
    return;
  }
  await failure.getByRole("button", { name: en.retry }).click();
  await page.agentMessages().first().waitFor({ timeout: TURN_MS });
  expect(await failure.count()).toBe(0);
  // Retry reuses the Idempotency-Key, so a backend that did get the first POST can dedupe it.
  expect(page.messagePosts).toHaveLength(2);
  expect(page.messagePosts[1]?.idempotencyKey).toBe(page.messagePosts[0]?.idempotencyKey);
  expect(await page.composer.inputValue()).toBe(DRAFT);
}

/** Asks, types a draft while the answer streams, and waits for the end of the answer. */
async function askAndFinish(page: FaultyDemo): Promise<void> {
  await page.ask(QUESTION);
  await page.composer.fill(DRAFT);
  await page.agentMessages().filter({ hasText: ANSWER_END }).waitFor({ timeout: TURN_MS });
  await page.status.getByText(en.phaseReady).waitFor({ timeout: TURN_MS });
}

/** The transcript shows what the server stored: one question, every agent message once, whole, no error. */
async function expectTranscriptAsStored(page: FaultyDemo, extraAgentMessages: string[] = []): Promise<void> {
  const history = await page.history();
  const stored = history.filter((e) => e.type === "agent.message");
  expect(stored).toHaveLength(2 + extraAgentMessages.length);
  expect(await page.userMessages().locator(".tracy-message-text").allTextContents()).toEqual([QUESTION]);
  expect(await page.panel.locator(".tracy-message[data-pending]").count()).toBe(0);
  const agent = await page.agentMessages().allTextContents();
  expect(agent).toHaveLength(stored.length);
  expect(agent[0]).toBe(`Tracy${FIRST_REPLY}`);
  extraAgentMessages.forEach((start, i) => expect(agent[i + 1]).toMatch(new RegExp(`^Tracy${start}`)));
  expect(agent.at(-1)).toContain(ANSWER_END);
  expect(await page.panel.locator("[data-streaming]").count()).toBe(0);
  expect(await page.panel.getByRole("region", { name: /^Tool call / }).count()).toBe(
    history.filter((e) => e.type === "agent.tool_use").length,
  );
  expect(await page.composer.inputValue()).toBe(DRAFT);
}

const noBanner = async (page: FaultyDemo) => expect(await page.panel.locator(".tracy-banner").count()).toBe(0);

interface StreamFault {
  status: number;
  says: string;
  /** Reconnect catches up once the fault is lifted; otherwise (404) the panel's New conversation is the way on. */
  reconnect: boolean;
}

/** Client errors on the event stream itself: reconnecting on its own can't help, so the panel asks once and says why. */
const STREAM_FAULTS: StreamFault[] = [
  { status: 401, says: "Your sign-in has expired. Sign in again, then try again.", reconnect: true },
  {
    status: 403,
    says: "No access. You don't have access to Tracy for this tenant. Injected fault: HTTP 403. Ask an admin for access.",
    reconnect: true,
  },
  {
    status: 404,
    says: "Conversation not found. It may have been deleted, or it belongs to another tenant. Start a new one.",
    reconnect: false,
  },
];

/** Waits for the error banner and checks its words and its buttons. */
async function expectErrorBanner(page: FaultyDemo, says: string, buttons: string[]): Promise<Locator> {
  const banner = page.panel.locator(".tracy-banner");
  await banner.waitFor({ timeout: TURN_MS });
  expect(await banner.getAttribute("data-kind")).toBe("error");
  expect(await banner.locator(".tracy-banner-text").textContent()).toBe(says);
  expect(await banner.getByRole("button").allTextContents()).toEqual(buttons);
  return banner;
}

/** The banner's New conversation, from the keyboard: the banner goes, the draft stays. */
async function startOverFromBanner(page: FaultyDemo, banner: Locator): Promise<void> {
  await banner.getByRole("button", { name: en.newConversation }).press("Enter");
  await noBanner(page);
  expect(await page.status.textContent()).not.toMatch(/Disconnected/);
  expect(await page.composer.inputValue()).toBe(DRAFT);
}

describe("faults in Chromium", { concurrent: true }, () => {
  for (const { status, says, final, stream } of SEND_FAULTS) {
    const then = final ? "Edit takes the text back" : "Retry sends it once fixed";
    it(`HTTP ${status} on a send says what happened and what to do, and ${then}`, () =>
      withDemo({ streamStatus: (n) => (n === 1 && stream ? stream : null) }, async (page) => {
        await sendThroughFault(page, `status:${status}`, says, final);
        if (stream) expect(page.streams.length).toBeGreaterThanOrEqual(2);
      }));
  }

  for (const { status, says, reconnect } of STREAM_FAULTS) {
    const then = reconnect ? "Reconnect catches up once fixed" : "New conversation starts over";
    it(`HTTP ${status} on the event stream is not retried, says what to do, and ${then}`, () =>
      withDemo({ streamStatus: (n) => (n === 1 ? `status:${status}` : null) }, async (page) => {
        await page.ask(QUESTION);
        await page.composer.fill(DRAFT);
        const banner = await expectErrorBanner(
          page,
          says,
          reconnect ? ["Reconnect", "Dismiss"] : ["New conversation", "Dismiss"],
        );
        await page.status.getByText(en.connectionFailed).waitFor();
        // The first automatic retry would come after about 0.5 s.
        await page.page.waitForTimeout(1_500);
        expect(page.streams).toHaveLength(1);
        expect(await page.composer.inputValue()).toBe(DRAFT);
        if (!reconnect) return startOverFromBanner(page, banner);
        await banner.getByRole("button", { name: en.reconnect }).press("Enter");
        await page.agentMessages().filter({ hasText: ANSWER_END }).waitFor({ timeout: TURN_MS });
        await page.status.getByText(en.phaseReady).waitFor({ timeout: TURN_MS });
        expect(page.streams).toHaveLength(2);
        await expectTranscriptAsStored(page);
        await noBanner(page);
      }));
  }

  it("a reload mid-answer lists the history and follows the rest of the answer live, once", () =>
    withDemo({}, async (page) => {
      await page.ask(QUESTION);
      await page.agentMessages().first().waitFor({ timeout: TURN_MS });
      await page.page.reload();
      await page.composer.fill(DRAFT);
      await page.agentMessages().filter({ hasText: ANSWER_END }).waitFor({ timeout: TURN_MS });
      await page.status.getByText(en.phaseReady).waitFor({ timeout: TURN_MS });
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("HTTP 500 on the history after a reload says so, and Reload then shows the conversation", () =>
    withDemo({}, async (page) => {
      await askAndFinish(page);
      page.plan.historyStatus = "status:500";
      await page.page.reload();
      const banner = await expectErrorBanner(
        page,
        "Tracy is unavailable. The backend had a problem (HTTP 500). Try again in a moment.",
        ["Reload", "Dismiss"],
      );
      expect(await page.agentMessages().count()).toBe(0);
      await page.composer.fill(DRAFT);
      page.plan.historyStatus = null;
      const gets = page.historyGets.length;
      await banner.getByRole("button", { name: en.reload }).press("Enter");
      await page.agentMessages().filter({ hasText: ANSWER_END }).waitFor({ timeout: TURN_MS });
      expect(page.historyGets.length).toBeGreaterThan(gets);
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("HTTP 404 on the history after a reload says the conversation is gone, and New conversation starts over", () =>
    withDemo({}, async (page) => {
      await page.ask(QUESTION);
      await page.agentMessages().first().waitFor({ timeout: TURN_MS });
      page.plan.historyStatus = "status:404";
      await page.page.reload();
      const banner = await expectErrorBanner(
        page,
        "Conversation not found. It may have been deleted, or it belongs to another tenant. Start a new one.",
        ["New conversation", "Dismiss"],
      );
      await page.composer.fill(DRAFT);
      page.plan.historyStatus = null;
      await startOverFromBanner(page, banner);
      expect(await page.userMessages().count()).toBe(0);
    }));

  it("HTTP 429 says when to retry, and the stream waits Retry-After before it reconnects", () =>
    withDemo({ streamStatus: (n) => (n === 1 ? "status:429;retry-after=2" : null) }, async (page) => {
      await sendThroughFault(
        page,
        "status:429;retry-after=2",
        "Too many requests. Tracy is rate limited. Try again in 2 s.",
      );
      const [limited, retried] = page.streams;
      expect(retried).toBeDefined();
      // The backoff alone would retry after about 0.5 s.
      expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    }));

  it("a stream cut mid-turn resumes silently: nothing lost, nothing twice", () =>
    withDemo({ stream: (n) => (n === 1 ? "cut:24" : null) }, async (page) => {
      await askAndFinish(page);
      expect(page.streams.length).toBeGreaterThanOrEqual(2);
      expect(page.streams[1]?.lastEventId).toMatch(/^sevt_/);
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("a proxy that honours Last-Event-ID and replays gives the same transcript", () =>
    withDemo({ stream: (n) => (n === 1 ? "resume,cut:12" : "resume") }, async (page) => {
      await askAndFinish(page);
      expect(page.streams.length).toBeGreaterThanOrEqual(2);
      expect(page.streams[1]?.lastEventId).toMatch(/^sevt_/);
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("20 disconnects in one turn, with no replay, give the transcript as stored, in the log's order", () =>
    withDemo({ stream: (n) => (n <= 20 ? "hold,cut:1" : "hold") }, async (page) => {
      await askAndFinish(page);
      expect(page.streams.length).toBeGreaterThanOrEqual(21);
      await expectTranscriptAsStored(page);
      // Messages in the order the session logged them (ids are opaque: they say nothing of order).
      const logged = (await page.history()).flatMap((e) =>
        e.type === "user.message" ? ["user"] : e.type === "agent.message" ? ["agent"] : [],
      );
      const shown = await page.panel
        .locator(".tracy-log .tracy-message[data-role]")
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-role")));
      expect(shown).toEqual(logged);
      expect(logged).toEqual(["user", "agent", "agent"]);
      await noBanner(page);
    }));

  it("a stalled stream is dropped after stallTimeoutMs and reconnected", () =>
    withDemo(
      { stream: (n) => (n === 1 ? "stall" : null) },
      async (page) => {
        await askAndFinish(page);
        expect(page.streams.length).toBeGreaterThanOrEqual(2);
        await expectTranscriptAsStored(page);
        await noBanner(page);
      },
      "?stallTimeoutMs=1500",
    ));

  it("duplicated events are shown once", () =>
    withDemo({ stream: () => "duplicate" }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page);
      await noBanner(page);
      expect(page.streams).toHaveLength(1);
    }));

  it("events re-sent after later ones change nothing, even while a reply streams", () =>
    withDemo({ stream: () => "out-of-order" }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page);
      await noBanner(page);
      expect(page.streams).toHaveLength(1);
    }));

  it("an event type from the future is ignored", () =>
    withDemo({ stream: () => "unknown-event" }, async (page) => {
      await askAndFinish(page);
      expect((await page.history()).map((e) => e.type)).toContain("agent.future_thing");
      await expectTranscriptAsStored(page);
      expect(await page.panel.textContent()).not.toMatch(/future_thing|later protocol/);
      await noBanner(page);
      expect(page.streams).toHaveLength(1);
    }));

  it("malformed JSON is skipped with a warning, and the answer still arrives", () =>
    withDemo({ stream: (n) => (n === 1 ? "malformed" : null) }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page);
      const banner = page.panel.locator(".tracy-banner");
      expect(await banner.getAttribute("data-kind")).toBe("warning");
      expect(await banner.locator(".tracy-banner-text").textContent()).toBe(
        "Tracy sent an event the panel couldn't read. It was skipped.",
      );
      expect(page.streams).toHaveLength(1);
    }));

  it("a 5 MB event is cut for display with a copy of the whole, and the page stays responsive", () =>
    withDemo({ stream: (n) => (n === 1 ? "huge-message" : null) }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page, ["A 5 MB reply"]);
      const huge = page.agentMessages().nth(1);
      expect(await huge.locator(".tracy-truncated").textContent()).toMatch(
        /^Showing 20K of 5M characters\. The whole message is too long to show here\.\s*Copy$/,
      );
      expect(await huge.getByRole("button", { name: en.copyFullMessage }).isVisible()).toBe(true);
      expect((await huge.textContent())?.length).toBeLessThan(25_000);
      // The host page still reacts: pick another trace, and the panel follows.
      const chip = page.panel.locator(".tracy-context-chip code");
      const before = await chip.textContent();
      const trace = page.page.getByRole("navigation", { name: "Traces" }).getByRole("button").nth(1);
      await trace.click();
      expect(await trace.getAttribute("aria-pressed")).toBe("true");
      expect(await chip.textContent()).not.toBe(before);
      await page.composer.press("End");
      await page.composer.pressSequentially("?");
      expect(await page.composer.inputValue()).toBe(`${DRAFT}?`);
      expect(page.streams).toHaveLength(1);
    }));
});
