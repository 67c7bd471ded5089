// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../../../src/protocol";
import { MAX_HELD_EVENTS, createHistorySync } from "../../../src/store/history-sync";
import type { PanelEvent } from "../../../src/store/transcript-folding";
import { eventId, text } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

const message = (n: number): StreamEvent => ({ type: "agent.message", id: eventId(`l:${n}`), content: text(`m${n}`) });

function setup() {
  const state = memoryState({ sessionId: "sesn_1", connection: "open" });
  const listings: { resolve(ids: Set<string> | null): void; signal: AbortSignal }[] = [];
  const folds: PanelEvent[][] = [];
  const onCaughtUp = vi.fn();
  const history = createHistorySync({
    state,
    loadHistory: (_sessionId, signal) => new Promise((resolve) => listings.push({ resolve, signal })),
    foldIn: (events) => void folds.push(events),
    onCaughtUp,
  });
  return { history, listings, folds, onCaughtUp };
}

describe("history sync", () => {
  it("holds a connection's live events until its listing is folded, then folds them after it", async () => {
    const { history, listings, folds, onCaughtUp } = setup();
    const stream = new AbortController();
    history.connectionOpened();
    history.sync("sesn_1", stream.signal);
    expect(history.hold(message(1))).toBe(true);
    expect(history.hold(message(2))).toBe(true);
    listings[0]?.resolve(new Set([eventId("l:1")]));
    await vi.waitFor(() => expect(onCaughtUp).toHaveBeenCalledTimes(1));
    expect(folds).toEqual([[message(1), message(2)]]); // the fold skips ids it already has
    expect(history.hold(message(3))).toBe(false); // live now: the caller folds it
  });

  it("a connection that opens during a listing waits for the next one, which starts right after", async () => {
    const { history, listings, onCaughtUp } = setup();
    const stream = new AbortController();
    history.connectionOpened();
    history.sync("sesn_1", stream.signal);
    history.connectionOpened();
    history.sync("sesn_1", stream.signal); // already listing: no second request
    expect(listings).toHaveLength(1);
    listings[0]?.resolve(new Set());
    await vi.waitFor(() => expect(listings).toHaveLength(2));
    expect(onCaughtUp).not.toHaveBeenCalled();
    listings[1]?.resolve(new Set());
    await vi.waitFor(() => expect(onCaughtUp).toHaveBeenCalledTimes(1));
  });

  it("stops its listing with the stream, and drops previews past the cap but never persisted events", () => {
    const { history, listings } = setup();
    const stream = new AbortController();
    history.connectionOpened();
    history.sync("sesn_1", stream.signal);
    stream.abort();
    expect(listings[0]?.signal.aborted).toBe(true);
    for (let i = 0; i < MAX_HELD_EVENTS; i++) history.hold(message(i));
    expect(history.hold({ type: "event_start", event: { id: eventId("l:p"), type: "agent.message" } })).toBe(true);
    history.restart();
    expect(history.hold(message(0))).toBe(false);
  });
});
