import type { BrowserContext, Locator, Page, Request, Route } from "playwright-core";
import { en } from "../../helpers/labels";

export const TENANT = "acme-prod";

/**
 * Which faults the demo server injects, decided per request by the test: `?fault=` flags on the
 * event stream URL and `X-Demo-Fault` headers, added on their way out of the browser.
 */
export interface FaultPlan {
  /** `?fault=` flags for the n-th stream connection (1-based), or null. */
  stream?: (n: number) => string | null;
  /** `X-Demo-Fault` for the n-th stream connection, or null. */
  streamStatus?: (n: number) => string | null;
  /** `X-Demo-Fault` for every POST of a user message while set. */
  sendStatus?: string | null;
  /** `X-Demo-Fault` for every GET of the session's history while set. */
  historyStatus?: string | null;
}

export interface SeenRequest {
  /** Date.now() when the browser sent it. */
  at: number;
  url: string;
  idempotencyKey: string | null;
  lastEventId: string | null;
}

/**
 * The demo page in a new tab (its own sessionStorage, so its own session), with the network between it and the
 * demo server under the test's control.
 */
export class FaultyDemo {
  readonly streams: SeenRequest[] = [];
  readonly messagePosts: SeenRequest[] = [];
  readonly historyGets: SeenRequest[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly baseUrl: string,
    public plan: FaultPlan,
  ) {}

  static async open(context: BrowserContext, baseUrl: string, plan: FaultPlan, query = ""): Promise<FaultyDemo> {
    const page = await context.newPage();
    const demo = new FaultyDemo(page, baseUrl, plan);
    page.on("pageerror", (e) => demo.pageErrors.push(e.message));
    await page.route(
      (url) => url.pathname.startsWith("/api/tracy/sessions/") && /\/events(\/stream)?$/.test(url.pathname),
      (route) => demo.intercept(route),
    );
    await page.goto(`${baseUrl}${query}`);
    await demo.panel.waitFor();
    return demo;
  }

  get panel(): Locator {
    return this.page.getByRole("region", { name: en.panel });
  }

  get composer(): Locator {
    return this.panel.getByRole("textbox", { name: en.composerLabel });
  }

  get status(): Locator {
    return this.panel.getByRole("status").first();
  }

  agentMessages(): Locator {
    return this.panel.locator('.tracy-message[data-role="agent"]');
  }

  userMessages(): Locator {
    return this.panel.locator('.tracy-message[data-role="user"]');
  }

  async ask(question: string): Promise<void> {
    await this.composer.fill(question);
    await this.composer.press("Enter");
  }

  /** The session the demo host stored for the tenant. */
  async sessionId(): Promise<string> {
    const id = await this.page.evaluate(
      (tenant) => (JSON.parse(sessionStorage.getItem("tracy-demo-sessions") ?? "{}") as Record<string, string>)[tenant],
      TENANT,
    );
    if (!id) throw new Error("the demo page has no session");
    return id;
  }

  /** The session's events as the server stored them. */
  async history(): Promise<{ type: string; id: string; [key: string]: unknown }[]> {
    const response = await fetch(
      `${this.baseUrl}api/tracy/sessions/${encodeURIComponent(await this.sessionId())}/events?limit=1000`,
      { headers: { "X-Tenant-Id": TENANT } },
    );
    if (!response.ok) throw new Error(`history: HTTP ${response.status}`);
    return ((await response.json()) as { data: { type: string; id: string }[] }).data;
  }

  close(): Promise<void> {
    return this.page.close();
  }

  private async intercept(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const seen = (r: Request): SeenRequest => ({
      at: Date.now(),
      url: r.url(),
      idempotencyKey: r.headers()["idempotency-key"] ?? null,
      lastEventId: r.headers()["last-event-id"] ?? null,
    });
    if (url.pathname.endsWith("/stream")) {
      const n = this.streams.push(seen(request));
      const fault = this.plan.stream?.(n) ?? null;
      if (fault) url.searchParams.append("fault", fault);
      const status = this.plan.streamStatus?.(n) ?? null;
      await route.continue({
        url: url.toString(),
        ...(status ? { headers: { ...request.headers(), "x-demo-fault": status } } : {}),
      });
      return;
    }
    if (request.method() === "GET") {
      this.historyGets.push(seen(request));
      const status = this.plan.historyStatus ?? null;
      if (status) {
        await route.continue({ headers: { ...request.headers(), "x-demo-fault": status } });
        return;
      }
    }
    if (request.method() === "POST" && request.postData()?.includes('"user.message"')) {
      this.messagePosts.push(seen(request));
      const status = this.plan.sendStatus ?? null;
      if (status) {
        await route.continue({ headers: { ...request.headers(), "x-demo-fault": status } });
        return;
      }
    }
    await route.continue();
  }
}
