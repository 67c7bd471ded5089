import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { BENIGN_END, HOSTILE_END, PER_PAYLOAD, PLACEMENTS } from "./conversation";
import { PAYLOADS } from "./corpus";
import { startFixture, type Fixture } from "./fixture-server";
import { auditPanelDom, EMPTY_EVIDENCE, expandEverything, FORBIDDEN, openProbedPage } from "./probe";

let browser: Browser;
let fixture: Fixture;

beforeAll(async () => {
  [browser, fixture] = await Promise.all([launchChromium(), startFixture()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

const panel = (page: Page) => page.getByRole("region", { name: "Tracy assistant" });
const composer = (page: Page) => panel(page).getByRole("textbox", { name: "Message Tracy" });
const agentMessage = (page: Page, text: string) =>
  panel(page).locator('.tracy-message[data-role="agent"]', { hasText: text });
const nextPaint = (page: Page) =>
  page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, Math.round(performance.now() - start)];
}

async function ask(page: Page, question: string) {
  await composer(page).fill(question);
  await composer(page).press("Enter");
}

describe("strict CSP", () => {
  it("the built fixture page has no inline scripts or styles", () => {
    expect(fixture.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(fixture.html).not.toMatch(/<style|\sstyle=/i);
    expect(fixture.html).toMatch(/<script[^>]*\bsrc="\/assets\//);
  });

  it("the panel renders, takes input and shows an answer under the CSP, with no violation", async () => {
    const probe = await openProbedPage(browser, `${fixture.url}?conversation=benign`, fixture.origin);
    const { page } = probe;
    try {
      const response = await page.request.get(fixture.url);
      expect(response.headers()["content-security-policy"]).toContain("script-src 'self'");

      await panel(page)
        .getByText(/Ask Tracy why a trace is slow/)
        .waitFor();
      await composer(page).pressSequentially("Why is checkout slow?");
      expect(await composer(page).inputValue()).toBe("Why is checkout slow?");
      await composer(page).press("Enter");
      await agentMessage(page, BENIGN_END).waitFor({ timeout: 15_000 });
      await panel(page).getByRole("status").getByText("Ready").waitFor({ timeout: 10_000 });

      const answer = agentMessage(page, BENIGN_END);
      expect(await answer.locator("table").count()).toBe(1);
      expect(await answer.locator('a[href="https://example.com/runbook"]').count()).toBe(1);
      await page.evaluate(expandEverything);
      expect(await panel(page).getByRole("region", { name: "Tool call run_cypher" }).textContent()).toContain(
        "payments-db",
      );

      expect(await page.evaluate(auditPanelDom, FORBIDDEN)).toEqual([]);
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE);
    } finally {
      await page.close();
    }
  });
});

describe("the detectors catch what they should (so a green run means something)", () => {
  it.each([true, false])("csp %s: an injected image, script, form, handler and link are all seen", async (csp) => {
    const probe = await openProbedPage(browser, `${fixture.url}${csp ? "" : "?csp=off"}`, fixture.origin);
    const { page } = probe;
    try {
      await panel(page).waitFor();
      await page.evaluate(() => {
        const log = document.querySelector(".tracy-log");
        const img = document.createElement("img");
        img.src = "http://attacker.invalid/canary.png";
        const a = document.createElement("a");
        a.href = "javascript:void 0";
        const b = document.createElement("b");
        b.setAttribute("onclick", "void 0");
        log?.append(img, a, b, document.createElement("form"));
        const s = document.createElement("script");
        s.textContent = "window.__pwned = true; alert('canary')";
        document.body.append(s);
      });
      await expect.poll(async () => (await probe.evidence()).transientDom.length).toBeGreaterThan(0);
      const evidence = await probe.evidence();
      if (csp) {
        await expect
          .poll(async () => (await probe.evidence()).cspViolations.join("\n"))
          .toMatch(/img-src blocked http:\/\/attacker\.invalid\/canary\.png/);
        expect(evidence.cspViolations.join("\n")).toMatch(/script-src-elem blocked inline/);
      } else {
        await expect.poll(() => probe.requests).toContain("http://attacker.invalid/canary.png");
        expect(evidence.dialogs).toEqual(["alert: canary"]);
        expect(evidence.pwned).toEqual(["window.__pwned is true"]);
      }
      expect(evidence.transientDom).toEqual([
        "image http://attacker.invalid/canary.png",
        "link to javascript: javascript:void 0",
        "<b onclick>",
        "element <form>",
      ]);
      const audit = (await page.evaluate(auditPanelDom, FORBIDDEN)).join("\n");
      expect(audit).toMatch(/image loads http:\/\/attacker/);
      expect(audit).toMatch(/link to javascript:/);
      expect(audit).toMatch(/forbidden element <form/);
      expect(audit).toMatch(/has onclick/);
    } finally {
      await page.close();
    }
  });
});

describe.each([
  { label: "with the strict CSP", query: "?conversation=hostile" },
  { label: "without any CSP (the panel alone must be safe)", query: "?conversation=hostile&csp=off" },
])("hostile corpus, $label", ({ label, query }) => {
  it(`renders ${PAYLOADS.length} payloads × ${PLACEMENTS.length} placements without executing, loading or navigating`, async () => {
    const probe = await openProbedPage(browser, `${fixture.url}${query}`, fixture.origin);
    const { page } = probe;
    try {
      await panel(page)
        .getByText(/Ask Tracy why a trace is slow/)
        .waitFor();
      const [, renderMs] = await timed(async () => {
        await ask(page, "Show me everything.");
        await agentMessage(page, HOSTILE_END).waitFor({ timeout: 180_000 });
      });
      const script = await page.evaluate(() => window.__tracyScript ?? null);
      expect(script?.current).toBeNull();
      const [, rafAfterRenderMs] = await timed(() => nextPaint(page));

      // The transcript is windowed: this mounts every item (and opens every card) first.
      const [clicked, expandMs] = await timed(() => page.evaluate(expandEverything));
      const [, rafAfterExpandMs] = await timed(() => nextPaint(page));

      // Everything arrived: nothing was dropped on the way, so every payload was really rendered.
      const n = PAYLOADS.length;
      const count = (selector: string) => panel(page).locator(selector).count();
      expect(await count('.tracy-message[data-role="agent"]')).toBe(n * PER_PAYLOAD.agentMessages + 1);
      expect(await count(".tracy-thread")).toBe(n * PER_PAYLOAD.threadMessages);
      expect(await count(".tracy-tool")).toBe(n * PER_PAYLOAD.toolCards);
      expect(await count(".tracy-event-error")).toBe(n * PER_PAYLOAD.sessionErrors);

      const text = (await panel(page).textContent()) ?? "";
      expect(text).toContain("{{constructor.constructor("); // shown as text, not evaluated
      expect(text).toContain("<script>alert('script')"); // tool output is text

      expect(await page.evaluate(auditPanelDom, FORBIDDEN)).toEqual([]);
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE);
      // The checks had something to bite on: safe links, neutralised links, the one safe tool image.
      const links = await count(".tracy-transcript a");
      const neutralised = await count(".tracy-md-link-disabled");
      expect(links).toBeGreaterThan(100);
      expect(neutralised).toBeGreaterThan(100);
      expect(await count(".tracy-transcript img")).toBe(1);

      await composer(page).focus();
      const [, typingMs] = await timed(() => page.keyboard.type("still responsive")); // no locator per key: its DOM walk is slow here
      expect(await composer(page).inputValue()).toBe("still responsive");
      expect(rafAfterRenderMs).toBeLessThan(10_000);
      expect(rafAfterExpandMs).toBeLessThan(10_000);

      const longTasks = await probe.longTasks();
      const slowest = [...(script?.batches ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.info(
        [
          `[security] ${label}: ${n} payloads × ${PLACEMENTS.length} placements`,
          `  send → last message visible: ${renderMs} ms (${script?.batches.length} batches, one paint after each)`,
          `  next frame after render: ${rafAfterRenderMs} ms; expanded ${clicked} controls in ${expandMs} ms, next frame ${rafAfterExpandMs} ms`,
          `  typing 16 characters: ${typingMs} ms; ${probe.requests.length} requests, all same-origin; ${links} safe links, ${neutralised} neutralised`,
          `  long tasks: ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms, total ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms`,
          `  slowest batches (emit → painted): ${slowest.map(([l, ms]) => `${l} ${ms} ms`).join(", ")}`,
        ].join("\n"),
      );
    } finally {
      await page.close();
    }
  }, 400_000);
});

/**
 * Payloads that used to freeze the tab. Each must render within RENDER_BUDGET_MS with no main-thread
 * task over TASK_BUDGET_MS: generous bounds, so a noisy machine can't fail them, but a freeze can.
 */
describe("responsiveness: payloads that used to freeze the tab", () => {
  const RENDER_BUDGET_MS = 20_000;
  const TASK_BUDGET_MS = 2_000;

  async function staysResponsive(id: string) {
    const probe = await openProbedPage(browser, `${fixture.url}?conversation=hostile&only=${id}`, fixture.origin);
    const { page } = probe;
    try {
      await panel(page)
        .getByText(/Ask Tracy why a trace is slow/)
        .waitFor();
      await ask(page, "Show me the big one.");
      await agentMessage(page, HOSTILE_END).waitFor({ timeout: RENDER_BUDGET_MS });
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE);
      expect(Math.max(0, ...(await probe.longTasks())), "longest main-thread task, ms").toBeLessThan(TASK_BUDGET_MS);
    } finally {
      // The renderer may still be busy for minutes: don't wait for it.
      await page.close({ runBeforeUnload: false });
    }
  }

  // A 1 MB word with no break opportunity: wrapping in system-ui costs ~90 µs per character per layout in
  // Chromium; the panel renders at most 20,000 characters of a message until "Show full message".
  it("stays responsive with a 1 MB unbreakable word", () => staysResponsive("huge-word-1mb"), 60_000);

  // A 200 × 500 markdown table: only the first 20,000 characters are parsed, and a table shows 100 rows
  // until "Show all N rows".
  it("stays responsive with a 200 × 500 markdown table", () => staysResponsive("giant-table-200x500"), 60_000);

  // 40,000 `[` then 40,000 `]`: micromark is quadratic on this; the 20,000-character cap bounds it.
  it("stays responsive with 80 kB of nested brackets", () => staysResponsive("nested-brackets-80k"), 60_000);
});
