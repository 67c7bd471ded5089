import { en } from "../helpers/labels";
import { panelPagePerTest } from "./engines/panel-per-test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoPage } from "./demo-server";
import { engines } from "./engines/engines";
import type { EnginePage } from "./engines/page-driver";
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

// The suites serve the page built once for the run; `npm start` serves it from a dev server, module by module.
describe("npm start's dev server", () => {
  const chromium = engines.find((e) => e.name === "Chromium");
  let dev: { url: string; close(): Promise<void> } | undefined;
  let page!: EnginePage;
  beforeAll(async () => {
    if (chromium) dev = await startDemoPage("tracy-server", { dev: true });
  });
  afterAll(async () => {
    await dev?.close();
  });
  if (chromium)
    panelPagePerTest(
      chromium,
      () => dev?.url ?? "",
      (p) => (page = p),
    );

  it.runIf(chromium)("serves the demo page, whose panel answers through tracy-server", async () => {
    await ask(page, "What is the current trace I'm looking at?");
    await waitForStatus(page, en.phaseReady);
    expect(await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)).toContain(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
    const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    // Vite's client and modules served one by one: this is the dev server, not the built page.
    expect(scripts.some((u) => u.includes("/@vite/client"))).toBe(true);
  });
});

interface WorkerCount {
  __workers: { started: string[]; refused: number };
}

/** Counts the workers the page starts, and those it is refused, from now on. */
async function countWorkers(page: EnginePage): Promise<void> {
  await page.evaluate(() => {
    const count: WorkerCount["__workers"] = { started: [], refused: 0 };
    (window as unknown as WorkerCount).__workers = count;
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        try {
          super(url, options);
        } catch (error) {
          count.refused += 1;
          throw error;
        }
        count.started.push(String(url));
        this.addEventListener("error", () => (count.refused += 1));
      }
    };
  });
}

// A host whose Content-Security-Policy allows no workers: the stream is read on the page instead, after one attempt.
describe.each(engines)("demo page without workers (CSP) in $name", (engine) => {
  let strict: { url: string; close(): Promise<void> } | undefined;
  let page!: EnginePage;
  beforeAll(async () => {
    strict = await startDemoPage("tracy-server", { headers: { "Content-Security-Policy": "worker-src 'none'" } });
  });
  afterAll(async () => {
    await strict?.close();
  });
  panelPagePerTest(
    engine,
    () => strict?.url ?? "",
    (p) => (page = p),
    // Firefox reports the refused worker as a page error; the page itself throws nothing.
    /^Content-Security-Policy: .*worker-src/,
  );

  it("streams the answer all the same", async () => {
    await countWorkers(page);
    await ask(page, "What is the current trace I'm looking at?");
    await waitForStatus(page, en.phaseReady);
    expect(await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)).toContain(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
    // Asked to start a worker once, refused, and not asked again for the reconnects after each turn.
    expect(await page.evaluate(() => (window as unknown as WorkerCount).__workers.refused)).toBe(1);
  });
});

describe.each(engines)("demo page in $name", (engine) => {
  let page!: EnginePage;
  panelPagePerTest(
    engine,
    () => demo.url,
    (p) => (page = p),
  );

  it("asks a question and sees the streamed answer and a Cypher card", async () => {
    await countWorkers(page);
    await ask(page, "Why is checkout slow in this trace?");
    await waitForText(page, USER, "Why is checkout slow");

    // Streaming: the agent's text grows before the turn ends.
    await waitForText(page, AGENT, "", 15_000);
    await waitForText(page, CYPHER_CARD, "", 15_000);
    await waitFor(page, (s) => /\d+ rows/.test(document.querySelector(s)?.textContent ?? ""), CYPHER_TRIGGER, {
      timeout: 15_000,
    });

    await waitForStatus(page, en.phaseReady);
    // `npm start` serves tracy-server (its session ids), whose upstream is the simulator playing the scenario,
    // and the trace the page shows reached the agent (X-Trace-Id → tracy-server's system.message).
    const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    expect(urls.some((u) => /\/api\/tracy\/sessions\/tsn_/.test(u))).toBe(true);
    expect(await text(page, AGENT)).toContain("4bf92f3577b34da6a3ce929d0e0e4736");
    // The event stream was read in a worker, started from the panel's own code.
    const workers = await page.evaluate(() => (window as unknown as WorkerCount).__workers);
    expect(workers.started.length).toBeGreaterThan(0);
    expect(workers.started.every((url) => url.startsWith("blob:"))).toBe(true);
    const answer = await page.evaluate((s) => {
      const last = [...document.querySelectorAll(s)].at(-1);
      return { tables: last?.querySelectorAll("table").length ?? 0 };
    }, AGENT);
    // The answer's table is the rows the guarded query returned.
    expect(answer.tables).toBeGreaterThan(0);

    await page.click(CYPHER_TRIGGER);
    expect(await attribute(page, CYPHER_TRIGGER, "aria-expanded")).toBe("true");
    expect(await text(page, `${CYPHER_CARD} code`)).toContain("HAS_SPAN");
    // The highlighter is a lazy chunk: it arrives after the plain query.
    await waitForText(page, `${CYPHER_CARD} pre.tracy-cy .tracy-cy-kw`);
  });

  it("switching tenant clears the conversation, switching back restores it from history", async () => {
    await ask(page, "Give me a markdown summary of this trace");
    await waitForStatus(page, en.phaseReady, 30_000);
    await page.select('[data-testid="tenant-select"]', "globex-staging");
    await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
    expect(await count(page, `${PANEL} .tracy-message`)).toBe(0);

    await page.select('[data-testid="tenant-select"]', "acme-prod");
    await waitForText(page, USER, "Give me a markdown summary");
    await waitForText(page, AGENT);
  });

  it("approves a tool call with the keyboard and sees the answer resume", async () => {
    await ask(page, "Delete the saved query checkout-latency-debug (needs approval)");
    const allow = `${PANEL} .tracy-approval-actions button`;
    await waitForText(page, allow, en.allow, 20_000);
    await waitForStatus(page, en.phaseWaitingApproval);
    await page.evaluate(
      ([s, label]) => [...document.querySelectorAll<HTMLElement>(s)].find((b) => b.textContent === label)?.focus(),
      [allow, en.allow] as const,
    );
    await page.press("Enter");
    await waitForText(page, PANEL, en.confirmationAllowed);
    await waitForStatus(page, en.phaseReady);
    expect((await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)) ?? "").toMatch(
      /deleted/i,
    );
    expect(
      await page.evaluate(([s, label]) => [...document.querySelectorAll(s)].some((b) => b.textContent === label), [
        allow,
        en.allow,
      ] as const),
    ).toBe(false);
  });

  it("answers a client-side tool from the host page", async () => {
    await ask(page, "What is the current trace I'm looking at?");
    await waitForStatus(page, en.phaseReady);
    expect(await page.evaluate((s) => [...document.querySelectorAll(s)].at(-1)?.textContent, AGENT)).toContain(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
  });

  it("follows the stream at the bottom, and stops following when the user scrolls up", async () => {
    await ask(page, "Give me a markdown summary of this trace");
    const transcript = `${PANEL} .tracy-transcript`;
    await waitForStatus(page, en.phaseWriting);
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
    const scrollTop = () => page.evaluate((s) => (document.querySelector(s) as HTMLElement).scrollTop, transcript);
    // Following: the view reaches the bottom once the growth it follows has been laid out (a frame later).
    await waitFor(
      page,
      (s) => {
        const el = document.querySelector(s) as HTMLElement | null;
        return !!el && el.scrollHeight - el.scrollTop - el.clientHeight <= 24;
      },
      transcript,
      { what: "the view to follow the reply to the bottom" },
    );
    await page.evaluate((s) => document.querySelector(s)?.scrollTo({ top: 0 }), transcript);
    // More of the reply arrives after the scroll: none of it may pull the view back down.
    const grown = await page.evaluate((s) => document.querySelector(s)?.scrollHeight ?? 0, transcript);
    await waitFor(page, ([s, h]) => (document.querySelector(s)?.scrollHeight ?? 0) > h, [transcript, grown] as const, {
      timeout: 20_000,
    });
    expect(await scrollTop()).toBe(0);
    await waitForStatus(page, en.phaseReady);
    expect(await scrollTop()).toBe(0);
  });
});
