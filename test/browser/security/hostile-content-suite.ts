import { en } from "../../helpers/labels";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_NESTING } from "../../../src/markdown/bound-nesting";
import { MAX_TREE_DEPTH } from "../../../src/markdown/remark-flatten-deep";
import { engineSelected } from "../engines/engines";
import type { Engine, EngineBrowser, EngineName, EnginePage } from "../engines/page-driver";
import { AGENT, ask, COMPOSER, count, PANEL, text, waitForStatus, waitForText } from "../engines/panel";
import { waitFor } from "../engines/wait-for";
import {
  BENIGN_END,
  expectedItems,
  HOSTILE_END,
  placementCoverage,
  placementQuery,
  PLACEMENTS,
  placementsOf,
  type PlacementPlan,
} from "./conversation";
import { PAYLOADS } from "./corpus";
import { startFixture, type Fixture } from "./fixture-server";
import { auditPanelDom, EMPTY_EVIDENCE, expandEverything, FORBIDDEN, openProbedPage, type ProbedPage } from "./probe";

const HOST_CONTENT = "#host-content";
/** Waits until an agent message contains `text`. */
const waitForAgent = (page: EnginePage, text: string, timeout: number) => waitForText(page, AGENT, text, timeout);
const nextPaint = (page: EnginePage) =>
  page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
const inputValue = (page: EnginePage) =>
  page.evaluate((s) => (document.querySelector(s) as HTMLTextAreaElement).value, COMPOSER);

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

/**
 * Which placements the hostile corpus run puts each payload in, per engine. Chromium renders the full matrix
 * (every payload in every placement, with and without the CSP). Firefox and WebKit render every payload once,
 * under the strict CSP, in the agent message plus two other placements in rotation (and wherever a payload
 * carries data for one placement only), so every placement still gets a share of the corpus in every engine:
 * what the panel renders is the same in each engine, how the engine parses and loads it is what differs.
 * `SECURITY_PLACEMENTS=all` runs the full matrix everywhere.
 */
const CORPUS_PLACEMENTS: Record<EngineName, PlacementPlan> =
  process.env.SECURITY_PLACEMENTS === "all"
    ? { Chromium: "all", Firefox: "all", WebKit: "all" }
    : { Chromium: "all", Firefox: { perPayload: 3 }, WebKit: { perPayload: 3 } };

/** Whether the payload `id` is put in the placement `at` under `plan`. */
function placed(id: string, at: number, plan: PlacementPlan): boolean {
  const index = PAYLOADS.findIndex((p) => p.id === id);
  return index >= 0 && placementsOf(PAYLOADS[index]!, index, plan).has(at);
}

/**
 * The same checks in every engine, each engine's file against a fixture page of its own, so the engines run side by
 * side; the no-CSP run of the whole corpus (the panel alone must be safe) is Chromium's.
 */
export function hostileContentSuite(engine: Engine): void {
  describe.skipIf(!engineSelected(engine))(`hostile content in ${engine.name}`, () => {
    hostileContentCases(engine);
  });
}

function hostileContentCases(engine: Engine): void {
  let fixture: Fixture;
  let browser: EngineBrowser;
  beforeAll(async () => {
    fixture = await startFixture();
    browser = await engine.launch();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it("the built fixture page has no inline scripts or styles", () => {
    expect(fixture.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(fixture.html).not.toMatch(/<style|\sstyle=/i);
    expect(fixture.html).toMatch(/<script[^>]*\bsrc="\/assets\//);
  });

  /** Opens the fixture with the detectors, runs `check`, and always closes the page. */
  async function withProbe(query: string, check: (probe: ProbedPage) => Promise<void>): Promise<void> {
    const probe = await openProbedPage(browser, `${fixture.url}${query}`, fixture.origin);
    try {
      await check(probe);
    } finally {
      // The renderer may still be busy: don't wait for it.
      await probe.page.close();
    }
  }

  it("strict CSP: the panel renders, takes input and shows an answer under the CSP, with no violation", () =>
    withProbe("?conversation=benign", async (probe) => {
      const { page } = probe;
      const response = await fetch(fixture.url);
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");

      await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
      await page.click(COMPOSER);
      await page.type("Why is checkout slow?");
      expect(await inputValue(page)).toBe("Why is checkout slow?");
      await page.press("Enter");
      await waitForAgent(page, BENIGN_END, 15_000);
      await waitForStatus(page, en.phaseReady, 10_000);

      const answer = await page.evaluate(
        ([s, end]) => {
          const el = [...document.querySelectorAll(s)].find((m) => (m.textContent ?? "").includes(end));
          return {
            tables: el?.querySelectorAll("table").length,
            links: el?.querySelectorAll('a[href="https://example.com/runbook"]').length,
          };
        },
        [AGENT, BENIGN_END] as const,
      );
      expect(answer).toEqual({ tables: 1, links: 1 });
      await page.evaluate(expandEverything);
      expect(await text(page, `${PANEL} section[aria-label="Tool call run_cypher"]`)).toContain("payments-db");

      expect(await page.evaluate(auditPanelDom, FORBIDDEN)).toEqual([]);
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE);
    }));

  it.each([true, false])(
    "the detectors catch what they should (so a green run means something), csp %s: an injected image, script, form, handler and link are all seen",
    (csp) =>
      withProbe(csp ? "" : "?csp=off", async (probe) => {
        const { page } = probe;
        await waitForText(page, PANEL);
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
        if (csp) {
          await expect
            .poll(async () => (await probe.evidence()).cspViolations.join("\n"))
            .toMatch(/img-src blocked http:\/\/attacker\.invalid\/canary\.png/);
          expect((await probe.evidence()).cspViolations.join("\n")).toMatch(/script-src(-elem)? blocked inline/);
        } else {
          await expect.poll(() => probe.requests()).toContain("http://attacker.invalid/canary.png");
          const evidence = await probe.evidence();
          expect(evidence.dialogs).toEqual(["alert: canary"]);
          expect(evidence.pwned).toEqual(["window.__pwned is true"]);
        }
        expect((await probe.evidence()).transientDom).toEqual([
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
      }),
  );

  const plan = CORPUS_PLACEMENTS[engine.name];
  const coverage = placementCoverage(PAYLOADS, plan);
  const matrix =
    plan === "all"
      ? `${PAYLOADS.length} payloads × ${PLACEMENTS.length} placements`
      : `${PAYLOADS.length} payloads in ${plan.perPayload}+ of ${PLACEMENTS.length} placements each`;
  it("the corpus run covers every placement", () => {
    expect(
      coverage.every((n) => n > 0),
      `payloads per placement: ${coverage.join(", ")}`,
    ).toBe(true);
  });
  const corpusRuns = [
    { label: "with the strict CSP", query: `?conversation=hostile${placementQuery(plan)}` },
    ...(engine.name === "Chromium"
      ? [{ label: "without any CSP (the panel alone must be safe)", query: "?conversation=hostile&csp=off" }]
      : []),
  ];
  it.each(corpusRuns)(
    `hostile corpus, $label: renders ${matrix} without executing, loading or navigating`,
    ({ label, query }) =>
      withProbe(query, async (probe) => {
        const { page } = probe;
        await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
        const [, renderMs] = await timed(async () => {
          await ask(page, "Show me everything.");
          // A hang detector: WebKit under Xvfb on a busy two-core machine takes minutes over the whole corpus.
          await waitForAgent(page, HOSTILE_END, 840_000);
        });
        const script = await page.evaluate(() => window.__tracyScript ?? null);
        expect(script?.current).toBeNull();
        const [, rafAfterRenderMs] = await timed(() => nextPaint(page));

        // The transcript is windowed: this mounts every item (and opens every card) first.
        const [clicked, expandMs] = await timed(() => page.evaluate(expandEverything));
        const [, rafAfterExpandMs] = await timed(() => nextPaint(page));

        // Everything arrived: nothing was dropped on the way, so every payload was really rendered.
        const expected = expectedItems(PAYLOADS, plan);
        const inPanel = (selector: string) => count(page, `${PANEL} ${selector}`);
        expect(await inPanel('.tracy-message[data-role="agent"]')).toBe(expected.agentMessages + 1);
        expect(await inPanel(".tracy-thread")).toBe(expected.threadMessages);
        expect(await inPanel(".tracy-tool")).toBe(expected.toolCards);
        expect(await inPanel(".tracy-event-error")).toBe(expected.sessionErrors);

        const panelText = (await text(page, PANEL)) ?? "";
        expect(panelText).toContain("{{constructor.constructor("); // shown as text, not evaluated
        // Tool output is text (placement 3: the tool result).
        if (placed("html-script", 3, plan)) expect(panelText).toContain("<script>alert('script')");

        expect(await page.evaluate(auditPanelDom, FORBIDDEN)).toEqual([]);
        expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE);
        // The checks had something to bite on: safe links, neutralised links, the one safe tool image.
        const links = await inPanel(".tracy-transcript a");
        const neutralised = await inPanel(".tracy-md-link-disabled");
        expect(links).toBeGreaterThan(100);
        expect(neutralised).toBeGreaterThan(100);
        expect(await inPanel(".tracy-transcript img")).toBe(1);

        // Nested lists, quotes and emphasis are capped, not crashed on: the host's content around the panel stays.
        expect(await text(page, HOST_CONTENT)).toBe("Host page content");
        expect(await inPanel(".tracy-panel-fallback, .tracy-item-fallback")).toBe(0);
        const { markdownDepth, elements } = await page.evaluate(measurePanel);
        expect(markdownDepth).toBeLessThanOrEqual(MARKDOWN_DEPTH_LIMIT);
        for (const marker of ["deep items", "deep quotes", "deep mixed", "deep emphasis"])
          expect(panelText).toContain(marker);

        await page.click(COMPOSER);
        const [, typingMs] = await timed(() => page.type("still responsive"));
        expect(await inputValue(page)).toBe("still responsive");

        const longTasks = await probe.longTasks();
        const requests = await probe.requests();
        const slowest = [...(script?.batches ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 8);
        console.info(
          [
            `[security] ${engine.name} ${label}: ${matrix} (payloads per placement: ${coverage.join(", ")})`,
            `  send → last message visible: ${renderMs} ms (${script?.batches.length} batches, one paint after each)`,
            `  next frame after render: ${rafAfterRenderMs} ms; expanded ${clicked} controls in ${expandMs} ms, next frame ${rafAfterExpandMs} ms`,
            `  typing 16 characters: ${typingMs} ms; ${requests.length} requests, all same-origin; ${links} safe links, ${neutralised} neutralised`,
            `  long tasks: ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms, total ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms`,
            `  panel: ${elements} elements, markdown at most ${markdownDepth} levels deep (limit ${MARKDOWN_DEPTH_LIMIT})`,
            `  slowest batches (emit → painted): ${slowest.map(([l, ms]) => `${l} ${ms} ms`).join(", ")}`,
          ].join("\n"),
        );
      }),
    900_000,
  );

  /**
   * Payloads that used to freeze or crash the tab, each alone. What is checked is what the panel
   * renders of them: capped, nothing crashed, the host still mounted. How long that takes depends on
   * the machine, so it is reported (see `npm run bench`), never asserted.
   */
  async function rendersCapped(id: string, check: (page: EnginePage) => Promise<void>) {
    await withProbe(`?conversation=hostile&only=${id}`, async (probe) => {
      const { page } = probe;
      await waitForText(page, PANEL, "Ask Tracy why a trace is slow");
      await ask(page, "Show me the big one.");
      // Either the whole reply arrives, or a crash unmounts the host's root: then fail at once.
      await waitFor(
        page,
        ([agent, end, host]) =>
          !document.querySelector(host) ||
          [...document.querySelectorAll(agent)].some((m) => (m.textContent ?? "").includes(end)),
        [AGENT, HOSTILE_END, HOST_CONTENT] as const,
        { timeout: 240_000 },
      );
      expect(await count(page, HOST_CONTENT), "the host's content beside the panel is still mounted").toBe(1);
      expect(
        await page.evaluate(
          ([s, end]) => [...document.querySelectorAll(s)].filter((m) => (m.textContent ?? "").includes(end)).length,
          [AGENT, HOSTILE_END] as const,
        ),
      ).toBe(1);
      expect(await probe.evidence()).toEqual(EMPTY_EVIDENCE); // no page error, nothing executed or loaded
      expect(await text(page, HOST_CONTENT)).toBe("Host page content");
      expect(await count(page, `${PANEL} .tracy-panel-fallback, ${PANEL} .tracy-item-fallback`)).toBe(0);
      expect((await page.evaluate(measurePanel)).markdownDepth).toBeLessThanOrEqual(MARKDOWN_DEPTH_LIMIT);
      await check(page);
      const longest = Math.round(Math.max(0, ...(await probe.longTasks())));
      console.info(`[security] ${engine.name} ${id}: longest main-thread task ${longest} ms (report only)`);
    });
  }

  /** Length of the first agent message that says it was cut. */
  const cutMessageLength = (page: EnginePage) =>
    page.evaluate(
      (s) =>
        (
          [...document.querySelectorAll(s)].find((m) => /Showing \S+ of \S+ characters/.test(m.textContent ?? ""))
            ?.textContent ?? ""
        ).length,
      AGENT,
    );

  // A 1 MB word with no break opportunity: the panel renders at most 20,000 characters of a message until asked.
  it(
    "capped: a 1 MB unbreakable word shows its first 20,000 characters",
    () =>
      rendersCapped("huge-word-1mb", async (page) => {
        expect(await cutMessageLength(page)).toBeGreaterThan(20_000);
        expect(await cutMessageLength(page)).toBeLessThan(21_000);
      }),
    300_000,
  );

  // A 200 × 500 markdown table: only the first 20,000 characters are parsed, and a table shows 100 rows at most.
  it(
    "capped: a 200 × 500 markdown table shows at most 100 rows per table",
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
    "capped: 80 kB of nested brackets show their first 20,000 characters",
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
    "capped: %s renders %s elements only down to the nesting limit, the rest as text",
    (id, element, marker) =>
      rendersCapped(id, async (page) => {
        const found = await page.evaluate(
          ([s, m, el]) =>
            [...document.querySelectorAll(s)].find((a) => (a.textContent ?? "").includes(m))?.querySelectorAll(el)
              .length,
          [AGENT, marker, element] as const,
        );
        expect(found).toBe(MAX_NESTING);
      }),
    300_000,
  );
}
