import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { blocking, logFindings, runAxe, writeReport, type Finding } from "./axe";
import { startStaticStorybook, type StoryEntry } from "./static-storybook";

/**
 * Accessibility of every story, checked with axe-core in Chromium: Storybook is built statically
 * (`storybook build --test`) and served from 127.0.0.1; each story opens in a fresh page (its own sessionStorage)
 * of one browser context (sharing the HTTP and compiled-code caches) at
 * `iframe.html?id=…`, two at a time. Once Storybook reports the story finished (rendered and its play function
 * done, which leaves the state the story is about on screen), the story must have passed (no exception in render
 * or play, no unhandled error while playing, no page error) and axe on `#storybook-root` must find no `serious` or
 * `critical` violation. Every violation of any impact is printed and written to
 * `test-results/a11y/stories-axe-report.json`.
 *
 * Stories tagged "fast-forward" (the panel stories: see stories/story-panel.tsx) run with `speed:0`, their
 * scripted demo turns without delays: they end in the same state, and axe checks only that end state. A story
 * whose end state is caught mid-turn opts out of the tag and plays at its usual pace.
 */

/** Enough for the longest play function (a few scripted turns, each waited on for up to 20 s). */
const STORY_TIMEOUT = 60_000;
const CONCURRENCY = 2;
/** The stories the requirement names: the panel, its errors, its languages and both cards. */
const MAIN_TITLES = ["TracyPanel", "TracyPanel errors", "TracyPanel locales", "CypherCard", "ToolCard"];

interface StoryEvent {
  type: string;
  args: unknown[];
}
/** Storybook's preview channel events that end a story or tell it failed (storybook/internal/core-events). */
const WATCHED_EVENTS = [
  "storyFinished",
  "storyMissing",
  "storyErrored",
  "storyThrewException",
  "playFunctionThrewException",
  "unhandledErrorsWhilePlaying",
  "configError",
];
/** Stories that end in the same state with no delays; Storybook's index lists the tags each story has. */
const FAST_FORWARD = "fast-forward";
const storyUrl = (story: StoryEntry) =>
  `${storybook.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story` +
  (story.tags?.includes(FAST_FORWARD) ? "&args=speed:0" : "");

/** Emitted last: after the play function (passed or not) and afterEach; or the story/config could not load. */
const TERMINAL_EVENTS = ["storyFinished", "storyMissing", "configError"];

interface StoryResult {
  /** Render or play failures, page errors, timeouts. */
  problems: string[];
  findings: Finding[];
  seconds: number;
}

// The tests are one per story, so the story list is needed while collecting: build Storybook here.
const storybook = await startStaticStorybook();
console.info(`storybook build --test: ${storybook.buildSeconds.toFixed(1)} s, ${storybook.stories.length} stories`);

let browser: Browser | undefined;
const results = new Map<string, Promise<StoryResult>>();
const report: Record<string, Finding[]> = {};
const label = (s: StoryEntry) => `${s.title} › ${s.name}`;

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // Start every story now, CONCURRENCY at a time in sidebar order; each test awaits its own.
  const limit = limiter(CONCURRENCY);
  const check = (story: StoryEntry) => limit(() => checkStory(context, story));
  for (const story of storybook.stories) results.set(story.id, check(story));
});
afterAll(async () => {
  await Promise.all(results.values());
  await browser?.close();
  await storybook.close();
  writeReport("stories-axe-report.json", report);
});

describe("axe on every story", () => {
  it("covers the panel, its errors and both cards", () => {
    const titles = new Set(storybook.stories.map((s) => s.title));
    expect([...titles]).toEqual(expect.arrayContaining(MAIN_TITLES));
  });

  it("runs the panel stories without delays, except those caught mid-turn", () => {
    const fast = storybook.stories.filter((s) => s.tags?.includes(FAST_FORWARD)).map(label);
    expect(fast).toContain("TracyPanel › Cypher Tool Card");
    expect(fast).toContain("TracyPanel errors › Stalled Stream");
    expect(fast).not.toContain("TracyPanel › Streaming");
  });

  for (const story of storybook.stories) {
    it(
      label(story),
      async () => {
        const result = await results.get(story.id)!;
        expect(result.problems, "the story renders and its play function passes").toEqual([]);
        expect(blocking(result.findings), "serious or critical axe violations").toEqual([]);
      },
      2 * STORY_TIMEOUT + 10_000,
    );
  }
});

/** Opens one story in a fresh page, waits for Storybook to finish it, then runs axe on its root. Never throws. */
async function checkStory(context: BrowserContext, story: StoryEntry): Promise<StoryResult> {
  const problems: string[] = [];
  let findings: Finding[] = [];
  let page: Page | undefined;
  const times: string[] = [];
  let last = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    times.push(`${what} ${((now - last) / 1000).toFixed(1)}`);
    last = now;
  };
  const started = last;
  try {
    page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript(recordStorybookEvents, WATCHED_EVENTS);
    await page.goto(storyUrl(story));
    lap("load");
    const events = await waitForStory(page);
    lap("story");
    problems.push(...storyFailures(events));
    if (!events.some((e) => e.type === "storyMissing" || e.type === "configError")) {
      const run = await runAxe(page, { include: "#storybook-root", outside: "story scaffolding" });
      findings = run.findings;
      report[label(story)] = findings;
      logFindings(label(story), run);
      lap("axe");
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await page?.close().catch(() => {});
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = problems.length ? `\n  ${problems.join("\n  ")}` : "";
  console.info(`story [${label(story)}] ${seconds.toFixed(1)} s (${times.join(", ")})${failed}`);
  return { problems, findings, seconds };
}

/**
 * Runs in the page before Storybook: the preview runtime publishes its channel as
 * `globalThis.__STORYBOOK_ADDONS_CHANNEL__`; listen to every channel set there, from the first event on.
 */
function recordStorybookEvents(watched: string[]) {
  const events: { type: string; args: unknown[] }[] = [];
  const hooked = new WeakSet<object>();
  let current: unknown;
  Object.assign(window, { __tracyStoryEvents: events });
  Object.defineProperty(window, "__STORYBOOK_ADDONS_CHANNEL__", {
    configurable: true,
    get: () => current,
    set(channel: { on(type: string, listener: (...args: unknown[]) => void): void } | null | undefined) {
      current = channel;
      if (!channel || hooked.has(channel)) return;
      hooked.add(channel);
      for (const type of watched) {
        channel.on(type, (...args) => {
          let copy: unknown[];
          try {
            copy = JSON.parse(JSON.stringify(args)) as unknown[];
          } catch {
            copy = args.map(String);
          }
          events.push({ type, args: copy });
        });
      }
    },
  });
}

async function waitForStory(page: Page): Promise<StoryEvent[]> {
  const events = () =>
    page.evaluate(() => (window as unknown as { __tracyStoryEvents: StoryEvent[] }).__tracyStoryEvents);
  try {
    await page.waitForFunction(
      (terminal) =>
        (window as unknown as { __tracyStoryEvents: StoryEvent[] }).__tracyStoryEvents.some((e) =>
          terminal.includes(e.type),
        ),
      TERMINAL_EVENTS,
      { timeout: STORY_TIMEOUT, polling: 100 },
    );
  } catch {
    const phase = await page.evaluate(
      () =>
        (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__
          ?.currentRender?.phase,
    );
    const seen = (await events()).map((e) => e.type).join(", ") || "none";
    throw new Error(`not finished after ${STORY_TIMEOUT / 1000} s (render phase: ${phase ?? "none"}; events: ${seen})`);
  }
  return events();
}

function storyFailures(events: StoryEvent[]): string[] {
  const failures: string[] = [];
  const message = (arg: unknown) =>
    arg && typeof arg === "object" && "message" in arg ? String(arg.message) : JSON.stringify(arg);
  for (const { type, args } of events) {
    if (type === "playFunctionThrewException") failures.push(`play function threw: ${message(args[0])}`);
    if (type === "storyThrewException") failures.push(`story threw: ${message(args[0])}`);
    if (type === "storyErrored") failures.push(`story errored: ${JSON.stringify(args[0])}`);
    if (type === "storyMissing") failures.push(`story missing: ${JSON.stringify(args[0] ?? null)}`);
    if (type === "configError") failures.push(`preview config error: ${message(args[0])}`);
    if (type === "unhandledErrorsWhilePlaying") {
      const errors = Array.isArray(args[0]) ? args[0] : [args[0]];
      failures.push(...errors.map((e) => `unhandled error while playing: ${message(e)}`));
    }
  }
  const finished = events.find((e) => e.type === "storyFinished")?.args[0] as { status?: string } | undefined;
  if (finished?.status === "error" && failures.length === 0)
    failures.push("Storybook finished the story with an error");
  return failures;
}

/** Runs at most `n` of the given tasks at once, in the order they were given. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (active < n) active++;
    else await new Promise<void>((start) => waiting.push(start));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
