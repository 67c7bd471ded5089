import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoPage } from "../demo-server";
import { engineSelected } from "../engines/engines";
import type { Engine, EngineBrowser, EngineName } from "../engines/page-driver";
import {
  AGENT,
  attribute,
  COMPOSER,
  count,
  PANEL,
  STATUS,
  text,
  texts,
  USER,
  waitForStatus,
  waitForText,
} from "../engines/panel";
import { waitFor } from "../engines/wait-for";
import type { FaultPlan } from "./fault-proxy";
import { FaultyDemo } from "./faulty-demo";
import { en, enFormat, httpErrorText } from "../../helpers/labels";
import type { PanelAction } from "../../../src/store/describe-error";

/**
 * The demo page against the demo server, with one fault per case: an HTTP error on the user's message, on the event
 * stream's connection or on the history after a reload, or a stream that is cut, stalls, repeats, reorders, carries
 * junk or a 5 MB event. Each case checks what the user sees: a plain
 * message saying what happened and what to do, or a transcript that ends exactly as the server stored it; and that a
 * draft typed in the message box while it happens is still there. The same in every engine: a proxy of the test's
 * own between the page and the demo server injects the faults and records the requests.
 */

// The schema scenario: a short reply, a describe_schema call, a run_cypher query, then the answer.
const QUESTION = "Which schema should my queries use?";
const FIRST_REPLY = "Let me look at the graph schema first.";
const ANSWER_END = "the server scopes every query to your tenant.";
/** What the agent says in that turn: the short reply, the lead to its query, the answer. */
const AGENT_MESSAGES = 3;
const DRAFT = "And which index would help here?";
const TURN_MS = 30_000;

const BANNER = `${PANEL} .tracy-banner`;
/**
 * How much of each repeated behaviour an engine runs, one page at a time (WebKit's WebDriver session has one window;
 * pages opened together each load the demo cold and time out on a busy machine). Chromium runs every case; Firefox
 * and WebKit, slower to drive, keep one case per behaviour (the words for each status don't depend on the engine:
 * Chromium checks them all) and fewer disconnects, to stay within a few minutes.
 */
const COVERAGE: Record<EngineName, { sendStatuses?: number[]; streamStatuses?: number[]; cuts: number }> = {
  Chromium: { cuts: 20 },
  Firefox: { sendStatuses: [401, 404, 503], streamStatuses: [403, 404], cuts: 8 },
  WebKit: { sendStatuses: [401, 404, 503], streamStatuses: [403, 404], cuts: 8 },
};
const SEND_FAILED = `${PANEL} .tracy-send-failed`;

interface SendFault {
  status: number;
  says: { title: string; detail: string };
  /** Retrying the same request can't help: the panel offers Edit alone. */
  final?: boolean;
  /** Also fail the first stream connection with this `X-Demo-Fault`. */
  stream?: string;
}

/** The demo server's message for an injected fault: what the panel shows as the backend's own words. */
const injected = (status: number) => `Injected fault: HTTP ${status}`;
/** What the panel says when the backend answers `status` while it does `action` (the words come from its labels). */
const says = (status: number, action: PanelAction, retryAfter: number | null = null) =>
  httpErrorText(status, action, injected(status), retryAfter);

const SEND_FAULTS: SendFault[] = [
  { status: 401, says: says(401, "send") },
  { status: 403, says: says(403, "send"), final: true },
  { status: 404, says: says(404, "send"), final: true },
  { status: 409, says: says(409, "send") },
  { status: 500, says: says(500, "send") },
  { status: 502, says: says(502, "send") },
  { status: 503, says: says(503, "send"), stream: "status:503" },
];

/** Sends with the fault on and checks the message and the draft; then retries with it off, or takes the text back. */
async function sendThroughFault(
  page: FaultyDemo,
  fault: string,
  says: { title: string; detail: string },
  final = false,
): Promise<void> {
  page.plan.sendStatus = fault;
  await page.ask(QUESTION);
  await page.fillComposer(DRAFT);
  await waitForText(page.page, SEND_FAILED, "", TURN_MS);
  expect(await text(page.page, `${SEND_FAILED} span`)).toBe(en.notSent(says));
  // Nothing is lost: the message stays, and so does the draft.
  expect(await texts(page.page, `${USER} .tracy-message-text`)).toEqual([QUESTION]);
  expect(await page.composerValue()).toBe(DRAFT);
  page.plan.sendStatus = null;

  if (final) {
    expect(await texts(page.page, `${SEND_FAILED} button`)).toEqual([en.edit]);
    await page.clickButton(SEND_FAILED, en.edit);
    await waitFor(page.page, (s) => !document.querySelector(s), SEND_FAILED, { what: "the failed send to go" });
    expect(await page.composerValue()).toBe(`${QUESTION}\n\n${DRAFT}`);
    expect(await count(page.page, USER)).toBe(0);
    expect(page.messagePosts).toHaveLength(1);
    return;
  }
  await page.clickButton(SEND_FAILED, en.retry);
  await waitForText(page.page, AGENT, "", TURN_MS);
  expect(await count(page.page, SEND_FAILED)).toBe(0);
  // Retry reuses the Idempotency-Key, so a backend that did get the first POST can dedupe it.
  expect(page.messagePosts).toHaveLength(2);
  expect(page.messagePosts[1]?.idempotencyKey).toBe(page.messagePosts[0]?.idempotencyKey);
  expect(await page.composerValue()).toBe(DRAFT);
}

/** Asks, types a draft while the answer streams, and waits for the end of the answer. */
async function askAndFinish(page: FaultyDemo): Promise<void> {
  await page.ask(QUESTION);
  await page.fillComposer(DRAFT);
  await waitForText(page.page, AGENT, ANSWER_END, TURN_MS);
  await waitForStatus(page.page, en.phaseReady, TURN_MS);
}

/** The transcript shows what the server stored: one question, every agent message once, whole, no error. */
async function expectTranscriptAsStored(page: FaultyDemo, extraAgentMessages: string[] = []): Promise<void> {
  const history = await page.history();
  const stored = history.filter((e) => e.type === "agent.message");
  expect(stored).toHaveLength(AGENT_MESSAGES + extraAgentMessages.length);
  expect(await texts(page.page, `${USER} .tracy-message-text`)).toEqual([QUESTION]);
  expect(await count(page.page, `${PANEL} .tracy-message[data-pending]`)).toBe(0);
  const agent = await texts(page.page, AGENT);
  expect(agent).toHaveLength(stored.length);
  expect(agent[0]).toBe(`${en.agent}${FIRST_REPLY}`);
  extraAgentMessages.forEach((start, i) => expect(agent[i + 1]).toMatch(new RegExp(`^${en.agent}${start}`)));
  expect(agent.at(-1)).toContain(ANSWER_END);
  expect(await count(page.page, `${PANEL} [data-streaming]`)).toBe(0);
  expect(await count(page.page, `${PANEL} section.tracy-tool[aria-label^="${en.toolCall("")}"]`)).toBe(
    history.filter((e) => ["agent.tool_use", "agent.custom_tool_use", "agent.mcp_tool_use"].includes(e.type)).length,
  );
  expect(await page.composerValue()).toBe(DRAFT);
}

const noBanner = async (page: FaultyDemo) => expect(await count(page.page, BANNER)).toBe(0);

interface StreamFault {
  status: number;
  says: { title: string; detail: string };
  /** Reconnect catches up once the fault is lifted; otherwise (404) the panel's New conversation is the way on. */
  reconnect: boolean;
}

/** Client errors on the event stream itself: reconnecting on its own can't help, so the panel asks once and says why. */
const STREAM_FAULTS: StreamFault[] = [
  { status: 401, says: says(401, "connect"), reconnect: true },
  {
    status: 403,
    says: says(403, "connect"),
    reconnect: true,
  },
  {
    status: 404,
    says: says(404, "connect"),
    reconnect: false,
  },
];

/** Waits for the error banner and checks its words and its buttons. */
async function expectErrorBanner(
  page: FaultyDemo,
  says: { title: string; detail: string },
  buttons: string[],
): Promise<void> {
  await waitForText(page.page, BANNER, "", TURN_MS);
  expect(await attribute(page.page, BANNER, "data-kind")).toBe("error");
  expect(await text(page.page, `${BANNER} .tracy-banner-text`)).toBe(en.errorLine(says));
  expect(await texts(page.page, `${BANNER} button`)).toEqual(buttons);
}

/** The banner's New conversation, from the keyboard: the banner goes, the draft stays. */
async function startOverFromBanner(page: FaultyDemo): Promise<void> {
  await page.pressButton(BANNER, en.newConversation);
  await noBanner(page);
  expect(await text(page.page, STATUS)).not.toMatch(/Disconnected/);
  expect(await page.composerValue()).toBe(DRAFT);
}

/**
 * The fault cases in one engine, against a demo server of their own: each engine's file runs them, so the engines
 * run side by side (one page at a time within each).
 */
export function faultsSuite(engine: Engine): void {
  describe.skipIf(!engineSelected(engine))(`faults in ${engine.name}`, () => {
    faultCases(engine);
  });
}

function faultCases(engine: Engine): void {
  const coverage = COVERAGE[engine.name];
  const picked = (statuses: number[] | undefined) => (f: { status: number }) =>
    !statuses || statuses.includes(f.status);
  let demo: { url: string; close(): Promise<void> };
  let browser: EngineBrowser;

  beforeAll(async () => {
    // Four times the demo's pace: these cases check what the user ends up seeing, not how a turn is paced.
    demo = await startDemoPage("scripted", { speed: 4 });
    browser = await engine.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function withDemo(plan: FaultPlan, run: (page: FaultyDemo) => Promise<void>, query = ""): Promise<void> {
    const page = await FaultyDemo.open(browser, demo.url, plan, query);
    try {
      await run(page);
      expect(await page.page.errors()).toEqual([]);
    } finally {
      await page.close();
    }
  }

  for (const { status, says, final, stream } of SEND_FAULTS.filter(picked(coverage.sendStatuses))) {
    const then = final ? "Edit takes the text back" : "Retry sends it once fixed";
    it(`HTTP ${status} on a send says what happened and what to do, and ${then}`, () =>
      withDemo({ streamStatus: (n) => (n === 1 && stream ? stream : null) }, async (page) => {
        await sendThroughFault(page, `status:${status}`, says, final);
        if (stream) expect(page.streams.length).toBeGreaterThanOrEqual(2);
      }));
  }

  for (const { status, says, reconnect } of STREAM_FAULTS.filter(picked(coverage.streamStatuses))) {
    const then = reconnect ? "Reconnect catches up once fixed" : "New conversation starts over";
    it(`HTTP ${status} on the event stream is not retried, says what to do, and ${then}`, () =>
      withDemo({ streamStatus: (n) => (n === 1 ? `status:${status}` : null) }, async (page) => {
        await page.ask(QUESTION);
        await page.fillComposer(DRAFT);
        await expectErrorBanner(page, says, reconnect ? [en.reconnect, en.dismiss] : [en.newConversation, en.dismiss]);
        // "Connection failed" is the stream's final state: a stream that will retry reads "Reconnecting" until
        // it does (that a 4xx schedules no retry is test/transport/stream-retries.test.ts's, with fake timers).
        await waitForStatus(page.page, en.connectionFailed);
        expect(page.streams).toHaveLength(1);
        expect(await page.composerValue()).toBe(DRAFT);
        if (!reconnect) {
          await startOverFromBanner(page);
          return;
        }
        await page.pressButton(BANNER, en.reconnect);
        await waitForText(page.page, AGENT, ANSWER_END, TURN_MS);
        await waitForStatus(page.page, en.phaseReady, TURN_MS);
        // The user's Reconnect was the one connection after the failure: nothing retried on its own in between.
        expect(page.streams).toHaveLength(2);
        await expectTranscriptAsStored(page);
        await noBanner(page);
      }));
  }

  it("a reload mid-answer lists the history and follows the rest of the answer live, once", () =>
    // `hold`: the agent waits at its next pause while the page reloads, so the reload lands mid-answer.
    withDemo({ stream: () => "hold" }, async (page) => {
      await page.ask(QUESTION);
      await waitForText(page.page, AGENT, "", TURN_MS);
      await page.page.reload();
      await waitForText(page.page, PANEL);
      await page.fillComposer(DRAFT);
      await waitForText(page.page, AGENT, ANSWER_END, TURN_MS);
      await waitForStatus(page.page, en.phaseReady, TURN_MS);
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("HTTP 500 on the history after a reload says so, and Reload then shows the conversation", () =>
    withDemo({}, async (page) => {
      await askAndFinish(page);
      page.plan.historyStatus = "status:500";
      await page.page.reload();
      await expectErrorBanner(page, says(500, "load"), [en.reload, en.dismiss]);
      expect(await count(page.page, AGENT)).toBe(0);
      await page.fillComposer(DRAFT);
      page.plan.historyStatus = null;
      const gets = page.historyGets.length;
      await page.pressButton(BANNER, en.reload);
      await waitForText(page.page, AGENT, ANSWER_END, TURN_MS);
      expect(page.historyGets.length).toBeGreaterThan(gets);
      await expectTranscriptAsStored(page);
      await noBanner(page);
    }));

  it("HTTP 404 on the history after a reload says the conversation is gone, and New conversation starts over", () =>
    withDemo({}, async (page) => {
      await page.ask(QUESTION);
      await waitForText(page.page, AGENT, "", TURN_MS);
      page.plan.historyStatus = "status:404";
      await page.page.reload();
      await expectErrorBanner(page, says(404, "load"), [en.newConversation, en.dismiss]);
      await page.fillComposer(DRAFT);
      page.plan.historyStatus = null;
      await startOverFromBanner(page);
      expect(await count(page.page, USER)).toBe(0);
    }));

  it("HTTP 429 says when to retry, and the stream reconnects after it, once", () =>
    withDemo({ streamStatus: (n) => (n === 1 ? "status:429;retry-after=2" : null) }, async (page) => {
      await sendThroughFault(page, "status:429;retry-after=2", says(429, "send", 2));
      // That it waits Retry-After first is test/transport/stream-retries.test.ts's, with fake timers.
      await waitForStatus(page.page, en.phaseReady, TURN_MS);
      expect(page.streams).toHaveLength(2);
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

  const { cuts } = coverage;
  it(`${cuts} disconnects in one turn, with no replay, give the transcript as stored, in the log's order`, () =>
    withDemo({ stream: (n) => (n <= cuts ? "hold,cut:1" : "hold") }, async (page) => {
      await askAndFinish(page);
      expect(page.streams.length).toBeGreaterThanOrEqual(cuts + 1);
      await expectTranscriptAsStored(page);
      // Messages in the order the session logged them (ids are opaque: they say nothing of order).
      const logged = (await page.history()).flatMap((e) =>
        e.type === "user.message" ? ["user"] : e.type === "agent.message" ? ["agent"] : [],
      );
      const shown = await page.page.evaluate(
        (s) => [...document.querySelectorAll(s)].map((n) => n.getAttribute("data-role")),
        `${PANEL} .tracy-log .tracy-message[data-role]`,
      );
      expect(shown).toEqual(logged);
      expect(logged).toEqual(["user", ...Array<string>(AGENT_MESSAGES).fill("agent")]);
      await noBanner(page);
    }));

  it("a stalled stream is dropped after stallTimeoutMs and reconnected", () =>
    withDemo(
      { stream: (n) => (n === 1 ? "stall" : null) },
      async (page) => {
        await askAndFinish(page);
        expect(page.streams.length).toBeGreaterThanOrEqual(2);
        // The stalled connection is closed, not left open beside the new one (Firefox kept a cancelled body's).
        expect(page.streams[0]?.dropped).toBe(true);
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
      expect(await text(page.page, PANEL)).not.toMatch(/future_thing|later protocol/);
      await noBanner(page);
      expect(page.streams).toHaveLength(1);
    }));

  it("malformed JSON is skipped with a warning, and the answer still arrives", () =>
    withDemo({ stream: (n) => (n === 1 ? "malformed" : null) }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page);
      expect(await attribute(page.page, BANNER, "data-kind")).toBe("warning");
      expect(await text(page.page, `${BANNER} .tracy-banner-text`)).toBe(en.warningUnreadableEvent(null));
      expect(page.streams).toHaveLength(1);
    }));

  it("a 5 MB event is cut for display with a copy of the whole, and the page stays responsive", () =>
    withDemo({ stream: (n) => (n === 1 ? "huge-message" : null) }, async (page) => {
      await askAndFinish(page);
      await expectTranscriptAsStored(page, ["A 5 MB reply"]);
      const huge = await page.page.evaluate(
        ([s, copy]) => {
          const message = document.querySelectorAll(s)[1];
          const button = message?.querySelector<HTMLElement>(`button[aria-label="${copy}"]`);
          return {
            truncated: message?.querySelector(".tracy-truncated")?.textContent ?? null,
            copyVisible: button ? button.checkVisibility() && button.getClientRects().length > 0 : false,
            length: message?.textContent?.length ?? 0,
          };
        },
        [AGENT, en.copyFullMessage] as const,
      );
      const stored = (await page.history()).filter((e) => e.type === "agent.message")[1];
      const blocks = (stored?.["content"] ?? []) as { text?: string }[];
      const storedLength = blocks.map((b) => b.text ?? "").join("").length;
      // The note names the shown length (the last whole block within the limit) and the whole length as the panel
      // rounds them, then offers a copy.
      const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const note = escape(en.messageShowing({ shown: "\u0000", total: enFormat.compact(storedLength) }));
      expect(huge.truncated?.replace(/\s+/g, " ")).toMatch(
        new RegExp(`^${note.replace("\u0000", "[\\d.]+K")} ${escape(en.messageTooLong)} ${escape(en.copy)}$`),
      );
      expect(huge.copyVisible).toBe(true);
      expect(huge.length).toBeLessThan(25_000);
      // The host page still reacts: pick another trace, and the panel follows.
      const chip = `${PANEL} .tracy-context-chip code`;
      const before = await text(page.page, chip);
      const trace = 'nav[aria-label="Traces"] li:nth-child(2) button';
      await page.page.click(trace);
      expect(await attribute(page.page, trace, "aria-pressed")).toBe("true");
      expect(await text(page.page, chip)).not.toBe(before);
      await page.page.click(COMPOSER);
      await page.page.press("End");
      await page.page.type("?");
      expect(await page.composerValue()).toBe(`${DRAFT}?`);
      expect(page.streams).toHaveLength(1);
    }));
}
