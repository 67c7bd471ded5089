import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_NESTING } from "../../../src/markdown/bound-nesting";
import { MAX_TREE_DEPTH } from "../../../src/markdown/remark-flatten-deep";
import { launchChromium } from "../chromium";
import { BENIGN_END, HOSTILE_END, PER_PAYLOAD, PLACEMENTS } from "./conversation";
import { PAYLOADS } from "./corpus";
import { startFixture, type Fixture } from "./fixture-server";
import { auditPanelDom, EMPTY_EVIDENCE, expandEverything, FORBIDDEN, openProbedPage } from "./probe";
import { en } from "../../helpers/labels";

let browser: Browser;
let fixture: Fixture;

beforeAll(async () => {
  [browser, fixture] = await Promise.all([launchChromium(), startFixture()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

const panel = (page: Page) => page.getByRole("region", { name: en.panel });
const composer = (page: Page) => panel(page).getByRole("textbox", { name: en.composerLabel });
const agentMessage = (page: Page, text: string) =>
  panel(page).locator('.tracy-message[data-role="agent"]', { hasText: text });
const nextPaint = (page: Page) =>
  page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
const hostContent = (page: Page) => page.locator("#host-content");

/** Elements below a rendered markdown root: nesting past the limits is shown as text. */
const MARKDOWN_DEPTH_LIMIT = MAX_TREE_DEPTH + 4;

/** The deepest element below any `.tracy-md` (its children are depth 1), and the panel's element count. Runs in the page. */
function measurePanel(): { markdownDepth: number; elements: number } {
  let markdownDepth = 0;
  for (const root of document.querySelectorAll(".tracy-md")) {
    const stack: [Element, number][] = [[root, 0]];
    while (stack.length > 0) {
      const [el, depth] = stack.pop() as [Element, number];
      if (depth > markdownDepth) markdownDepth = depth;
      for (const child of el.children) stack.push([child, depth + 1]);
    }
  }
  return { markdownDepth, elements: document.querySelectorAll(".tracy-panel *").length };
}

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
      await panel(page).getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 10_000 });

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

      // Nested lists, quotes and emphasis are capped, not crashed on: the host's content around the panel stays.
      expect(await hostContent(page).textContent()).toBe("Host page content");
      expect(await count(".tracy-panel-fallback, .tracy-item-fallback")).toBe(0);
      const { markdownDepth, elements } = await page.evaluate(measurePanel);
      expect(markdownDepth).toBeLessThanOrEqual(MARKDOWN_DEPTH_LIMIT);
      for (const marker of ["deep items", "deep quotes", "deep mixed", "deep emphasis"]) expect(text).toContain(marker);

      await composer(page).focus();
      const [, typingMs] = await timed(() => page.keyboard.type("still responsive")); // no locator per key: its DOM walk is slow here
      expect(await composer(page).inputValue()).toBe("still responsive");

      const longTasks = await probe.longTasks();
      const slowest = [...(script?.batches ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.info(
        [
          `[security] ${label}: ${n} payloads × ${PLACEMENTS.length} placements`,
          `  send → last message visible: ${renderMs} ms (${script?.batches.length} batches, one paint after each)`,
          `  next frame after render: ${rafAfterRenderMs} ms; expanded ${clicked} controls in ${expandMs} ms, next frame ${rafAfterExpandMs} ms`,
          `  typing 16 characters: ${typingMs} ms; ${probe.requests.length} requests, all same-origin; ${links} safe links, ${neutralised} neutralised`,
          `  long tasks: ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms, total ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms`,
          `  panel: ${elements} elements, markdown at most ${markdownDepth} levels deep (limit ${MARKDOWN_DEPTH_LIMIT})`,
          `  slowest batches (emit → painted): ${slowest.map(([l, ms]) => `${l} ${ms} ms`).join(", ")}`,
        ].join("\n"),
      );
    } finally {
      await page.close();
    }
  }, 400_000);
});

/**
 * Payloads that used to freeze or crash the tab, each alone. What is checked is what the panel
 * renders of them: capped, nothing crashed, the host still mounted. How long that takes depends on
 * the machine, so it is reported (see `npm run bench`), never asserted.
 */
describe("payloads that used to freeze or crash the tab are rendered capped", () => {
  async function rendersCapped(id: string, check: (page: Page) => Promise<void>) {
    const probe = await openProbedPage(browser, `${fixture.url}?conversation=hostile&only=${id}`, fixture.origin);
    const { page } = probe;
    try {
      await panel(page)
        .getByText(/Ask Tracy why a trace is slow/)
        .waitFor();
      await ask(page, "Show me the big one.");
      // Either the whole reply arrives, or a crash unmounts the host's root: then fail at once.
      const settled = (p: Promise<unknown>) =>
        p.then(
          () => true,
          () => false,
        );
      await Promise.race([
        settled(agentMessage(page, HOSTILE_END).waitFor({ timeout: 240_000 })),
        settled(hostContent(page).waitFor({ state: "detached", timeout: 240_000 })),
      ]);
      expect(await hostContent(page).count(), "the host's content beside the panel is still mounted").toBe(1);
      expect(await agentMessage(page, HOSTILE_END).count()).toBe(1);
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE); // no page error, nothing executed or loaded
      expect(await hostContent(page).textContent()).toBe("Host page content");
      expect(await panel(page).locator(".tracy-panel-fallback, .tracy-item-fallback").count()).toBe(0);
      expect((await page.evaluate(measurePanel)).markdownDepth).toBeLessThanOrEqual(MARKDOWN_DEPTH_LIMIT);
      await check(page);
      const longest = Math.round(Math.max(0, ...(await probe.longTasks())));
      console.info(`[security] ${id}: longest main-thread task ${longest} ms (report only)`);
    } finally {
      // The renderer may still be busy: don't wait for it.
      await page.close({ runBeforeUnload: false });
    }
  }

  const CUT_NOTE = /Showing \S+ of \S+ characters/;
  const cutMessageLength = async (page: Page) =>
    ((await agentMessage(page, "characters").filter({ hasText: CUT_NOTE }).first().textContent()) ?? "").length;

  // A 1 MB word with no break opportunity: the panel renders at most 20,000 characters of a message until asked.
  it(
    "a 1 MB unbreakable word shows its first 20,000 characters",
    () =>
      rendersCapped("huge-word-1mb", async (page) => {
        expect(await cutMessageLength(page)).toBeGreaterThan(20_000);
        expect(await cutMessageLength(page)).toBeLessThan(21_000);
      }),
    300_000,
  );

  // A 200 × 500 markdown table: only the first 20,000 characters are parsed, and a table shows 100 rows at most.
  it(
    "a 200 × 500 markdown table shows at most 100 rows per table",
    () =>
      rendersCapped("giant-table-200x500", async (page) => {
        const rows = await page.evaluate(() =>
          Math.max(
            0,
            ...[...document.querySelectorAll(".tracy-md table")].map((t) => t.querySelectorAll("tbody tr").length),
          ),
        );
        expect(rows).toBeLessThanOrEqual(100);
      }),
    300_000,
  );

  // 40,000 `[` then 40,000 `]`: micromark is quadratic on this; the 20,000-character cap bounds it.
  it(
    "80 kB of nested brackets show their first 20,000 characters",
    () =>
      rendersCapped("nested-brackets-80k", async (page) => {
        expect(await cutMessageLength(page)).toBeGreaterThan(20_000);
        expect(await cutMessageLength(page)).toBeLessThan(21_000);
      }),
    300_000,
  );

  // 4 KB of `- - - …` and 8 KB of `> > > …`: 16 levels are lists and quotes, the rest is text.
  it.each([
    ["nested-list-items-2000", "li", "deep items"],
    ["nested-quotes-4000", "blockquote", "deep quotes"],
  ])(
    "%s renders %s elements only down to the nesting limit, the rest as text",
    (id, element, marker) =>
      rendersCapped(id, async (page) => {
        const answer = agentMessage(page, marker).first();
        expect(await answer.locator(element).count()).toBe(MAX_NESTING);
      }),
    300_000,
  );
});
