import type { EventPage, StreamOptions, TracyRequestContext, TracyTransport } from "../../src";
import { createOpaqueIds } from "../../stories/fixtures/opaque-ids";
import { nextTask } from "./timing";

/**
 * A `TracyTransport` with no network: history comes from an array (paged like `GET /events`),
 * and the bench pushes stream events by hand. Each pushed event is JSON-parsed first, as the
 * HTTP transport parses SSE data, so the panel's whole pipeline runs.
 */
export class InPageTransport implements TracyTransport {
  private options: StreamOptions | null = null;
  private opened!: () => void;
  /** Resolves once the panel opened the stream and its history request answered. */
  readonly ready: Promise<void>;
  private historyDone = false;
  /** Its own seed: the fixtures' ids come from another generator and must not repeat these. */
  private readonly sentIds = createOpaqueIds(42);

  constructor(private readonly history: readonly unknown[] = []) {
    this.ready = new Promise((resolve) => {
      this.opened = resolve;
    });
  }

  async createSession(): Promise<{ id: string }> {
    return { id: "sesn_bench" };
  }

  async listEvents(
    _ctx: TracyRequestContext,
    _sessionId: string,
    page: { limit?: number; page?: string | null },
  ): Promise<EventPage> {
    // Each page answers in its own task, as a network response would.
    await nextTask();
    const start = page.page ? Number(page.page) : 0;
    const end = Math.min(this.history.length, start + (page.limit ?? 100));
    const next = end < this.history.length ? String(end) : null;
    if (next === null) {
      this.historyDone = true;
      queueMicrotask(() => this.opened());
    }
    return { data: this.history.slice(start, end), next_page: next };
  }

  async sendEvents(_ctx: TracyRequestContext, _sessionId: string, events: unknown[]): Promise<{ data: unknown[] }> {
    return { data: events.map((e) => ({ ...(e as object), id: this.sentIds.next() })) };
  }

  streamEvents(_ctx: TracyRequestContext, _sessionId: string, options: StreamOptions): Promise<void> {
    this.options = options;
    options.onOpen?.();
    return new Promise((resolve) => options.signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  /** Delivers one SSE data payload (a JSON string) as the HTTP transport would. */
  emit(data: string): void {
    if (!this.options) throw new Error("bench: the panel has not opened the stream");
    this.options.onEvent(JSON.parse(data), undefined);
  }

  /** The last history page has been served. */
  get historyLoaded(): boolean {
    return this.historyDone;
  }
}
