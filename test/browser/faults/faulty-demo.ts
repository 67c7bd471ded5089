import type { EngineBrowser, EnginePage } from "../engines/page-driver";
import { ask, COMPOSER, PANEL, waitForText } from "../engines/panel";
import { FaultProxy, type FaultPlan, type SeenRequest } from "./fault-proxy";

export const TENANT = "acme-prod";

/**
 * The demo page in a new tab (its own sessionStorage, so its own session), with the network between it and the
 * demo server under the test's control: a fault proxy of its own, the same in every engine.
 */
export class FaultyDemo {
  private marks = 0;

  private constructor(
    readonly page: EnginePage,
    private readonly proxy: FaultProxy,
    private readonly demoUrl: string,
  ) {}

  static async open(browser: EngineBrowser, demoUrl: string, plan: FaultPlan, query = ""): Promise<FaultyDemo> {
    const proxy = await FaultProxy.start(demoUrl, plan);
    try {
      const page = await browser.newPage();
      const demo = new FaultyDemo(page, proxy, demoUrl);
      try {
        await page.goto(`${proxy.url}${query}`);
        await waitForText(page, PANEL);
      } catch (e) {
        await page.close();
        throw e;
      }
      return demo;
    } catch (e) {
      await proxy.close();
      throw e;
    }
  }

  get plan(): FaultPlan {
    return this.proxy.plan;
  }

  get streams(): readonly SeenRequest[] {
    return this.proxy.streams;
  }

  get messagePosts(): readonly SeenRequest[] {
    return this.proxy.messagePosts;
  }

  get historyGets(): readonly SeenRequest[] {
    return this.proxy.historyGets;
  }

  ask(question: string): Promise<void> {
    return ask(this.page, question);
  }

  fillComposer(text: string): Promise<void> {
    return this.page.fill(COMPOSER, text);
  }

  composerValue(): Promise<string> {
    return this.page.evaluate((s) => document.querySelector<HTMLTextAreaElement>(s)?.value ?? "", COMPOSER);
  }

  /** Clicks the button labelled `label` (its text or aria-label) inside the first `container`. */
  async clickButton(container: string, label: string): Promise<void> {
    await this.page.click(await this.buttonSelector(container, label));
  }

  /** Focuses the button labelled `label` inside the first `container` and presses Enter, as a keyboard user does. */
  async pressButton(container: string, label: string): Promise<void> {
    const selector = await this.buttonSelector(container, label);
    await this.page.evaluate((s) => document.querySelector<HTMLElement>(s)?.focus(), selector);
    await this.page.press("Enter");
  }

  /** The session the demo host stored for the tenant. */
  async sessionId(): Promise<string> {
    const id = await this.page.evaluate(
      (tenant) =>
        (JSON.parse(sessionStorage.getItem("tracy-demo-sessions") ?? "{}") as Record<string, string>)[tenant] ?? null,
      TENANT,
    );
    if (!id) throw new Error("the demo page has no session");
    return id;
  }

  /** The session's events as the server stored them (asked of the demo server directly, not through the proxy). */
  async history(): Promise<{ type: string; id: string; [key: string]: unknown }[]> {
    const response = await fetch(
      `${this.demoUrl}api/tracy/sessions/${encodeURIComponent(await this.sessionId())}/events?limit=1000`,
      { headers: { "X-Tenant-Id": TENANT } },
    );
    if (!response.ok) throw new Error(`history: HTTP ${response.status}`);
    return ((await response.json()) as { data: { type: string; id: string }[] }).data;
  }

  async close(): Promise<void> {
    try {
      await this.page.close();
    } finally {
      await this.proxy.close();
    }
  }

  /**
   * A selector for exactly that button: the panel's buttons are named by their text or aria-label, which CSS can't
   * match on, so the button found is marked with a fresh attribute (React leaves attributes it doesn't own alone).
   */
  private async buttonSelector(container: string, label: string): Promise<string> {
    const mark = `b${++this.marks}`;
    const found = await this.page.evaluate(
      ([c, l, m]) => {
        const button = [...(document.querySelector(c)?.querySelectorAll("button") ?? [])].find(
          (b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim() === l,
        );
        button?.setAttribute("data-fault-test", m);
        return Boolean(button);
      },
      [container, label, mark] as const,
    );
    if (!found) throw new Error(`no button "${label}" in ${container}`);
    return `[data-fault-test="${mark}"]`;
  }
}
