import { afterEach, describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { TracyHttpError } from "../../src/transport/errors";
import { FakeTransport, eventId, text } from "../helpers/fake-transport";

const event = (n: number) => ({
  type: "agent.message",
  id: eventId(`1:${n}`),
  content: text(`m${n}`),
});

/** A transport whose history comes in pages of 10, each after `delayMs`. */
class PagedTransport extends FakeTransport {
  constructor(
    private readonly total: number,
    private readonly delayMs: number,
    private readonly failAtPage: number | null = null,
  ) {
    super();
  }
  override async listEvents(_ctx: unknown, _sessionId: string, query?: { page?: string | null }) {
    const start = Number(query?.page ?? 0);
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (start / 10 === this.failAtPage) throw new TracyHttpError(503, "busy");
    const end = Math.min(this.total, start + 10);
    const data = Array.from({ length: end - start }, (_, i) => event(start + i + 1));
    return { data, next_page: end < this.total ? String(end) : null };
  }
}

async function load(transport: PagedTransport) {
  const store = createTracyStore({ transport, tenantId: "acme", sessionId: "sesn_1" });
  const shown: number[] = [];
  store.subscribe((s, prev) => {
    if (s.transcript !== prev.transcript) shown.push(s.transcript.order.length);
  });
  store.getState().actions.start();
  await vi.advanceTimersByTimeAsync(0);
  transport.lastStream().open();
  return { store, shown };
}

afterEach(() => vi.useRealTimers());

describe("loading history", () => {
  it("shows pages that arrive quickly together, once", async () => {
    vi.useFakeTimers();
    const { shown } = await load(new PagedTransport(100, 1));
    await vi.advanceTimersByTimeAsync(200);
    expect(shown).toEqual([100]);
  });

  it("shows a slow history page by page as it arrives", async () => {
    vi.useFakeTimers();
    const { shown } = await load(new PagedTransport(40, 300));
    await vi.advanceTimersByTimeAsync(1_250);
    expect(shown).toEqual([10, 20, 30, 40]);
  });

  it("keeps the pages it loaded when a later page fails", async () => {
    vi.useFakeTimers();
    const { store, shown } = await load(new PagedTransport(100, 1, 3));
    await vi.advanceTimersByTimeAsync(200);
    expect(shown).toEqual([30]);
    expect(store.getState().error?.retry).toBe("history");
  });
});
