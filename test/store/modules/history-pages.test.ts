import { describe, expect, it, vi } from "vitest";
import { createHistoryPages } from "../../../src/store/history-pages";
import type { PanelEvent } from "../../../src/store/transcript-folding";
import type { TracyRequestContext } from "../../../src/transport/types";
import { FakeTransport, eventId, text } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

const message = (n: number) => ({ type: "agent.message", id: eventId(`h:${n}`), content: text(`m${n}`) });

/** History in pages: `pages[i]` is page i; each page's cursor is its index. */
function pagedTransport(pages: unknown[][], next = (i: number) => (i + 1 < pages.length ? String(i + 1) : null)) {
  const transport = new FakeTransport();
  transport.listEvents = async (_ctx: TracyRequestContext, _sessionId: string, query?: { page?: string | null }) => {
    const i = Number(query?.page ?? 0);
    return { data: pages[i] ?? [], next_page: next(i) };
  };
  return transport;
}

function setup(transport: FakeTransport, now = () => 0) {
  const state = memoryState({ sessionId: "sesn_1" });
  const folds: PanelEvent[][] = [];
  const loadHistory = createHistoryPages({
    state,
    transport,
    ctx: () => ({ tenantId: "acme", traceId: null }),
    pageSize: 2,
    now,
    foldIn: (events) => void folds.push(events),
  });
  return { state, folds, loadHistory };
}

describe("history pages", () => {
  it("folds pages that arrive quickly together and resolves with every id listed", async () => {
    const { folds, loadHistory } = setup(pagedTransport([[message(1), message(2)], [message(3)]]));
    const listed = await loadHistory("sesn_1", new AbortController().signal);
    expect(folds.map((f) => f.length)).toEqual([3]);
    expect([...(listed ?? [])]).toEqual([eventId("h:1"), eventId("h:2"), eventId("h:3")]);
  });

  it("shows each page by itself once the clock says the listing is slow", async () => {
    let t = 0;
    const { folds, loadHistory } = setup(pagedTransport([[message(1)], [message(2)], [message(3)]]), () => (t += 300));
    await loadHistory("sesn_1", new AbortController().signal);
    expect(folds.map((f) => f.length)).toEqual([1, 1, 1]);
  });

  it("stops with a history error, keeping what it read, when the cursors lead back", async () => {
    const { state, folds, loadHistory } = setup(pagedTransport([[message(1)], [message(2)]], (i) => String(1 - i)));
    expect(await loadHistory("sesn_1", new AbortController().signal)).toBeNull();
    expect(folds.flat().map((e) => ("id" in e ? e.id : null))).toContain(eventId("h:2"));
    expect(state.get().error).toMatchObject({ retry: "history", kind: "history-loop" });
  });

  it("skips unreadable events with a warning, and says nothing when aborted", async () => {
    const { state, loadHistory } = setup(pagedTransport([[message(1), { type: "agent.message" }]]));
    await loadHistory("sesn_1", new AbortController().signal);
    expect(state.get().warning).toEqual({ kind: "unreadable-history", count: 1 });
    const aborted = setup(pagedTransport([[message(1)]]));
    const controller = new AbortController();
    controller.abort();
    expect(await aborted.loadHistory("sesn_1", controller.signal)).toBeNull();
    expect(aborted.folds).toEqual([]);
    expect(aborted.state.patches).toEqual([]);
  });
});

describe("history pages and the clock", () => {
  it("reads the injected clock, not the platform's", async () => {
    const now = vi.fn(() => 0);
    const { loadHistory } = setup(pagedTransport([[message(1)]]), now);
    await loadHistory("sesn_1", new AbortController().signal);
    expect(now).toHaveBeenCalled();
  });
});
