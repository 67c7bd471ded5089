// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createEventPacer } from "../../../src/store/live-event-pacer";
import type { HistorySync } from "../../../src/store/history-sync";
import { createStreamConnection } from "../../../src/store/stream-connection";
import type { PanelEvent } from "../../../src/store/transcript-folding";
import { TracyHttpError } from "../../../src/transport/errors";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport, eventId, text } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

function setup() {
  const state = memoryState({ sessionId: "sesn_1" });
  const transport = new FakeTransport();
  const scope = new AbortController();
  const folded: PanelEvent[][] = [];
  let frame: (() => void) | null = null;
  const pacer = createEventPacer<PanelEvent>((events) => void folded.push(events), {
    frame: (callback) => {
      frame = callback;
      return () => (frame = null);
    },
  });
  let holding = false;
  const history = {
    sync: vi.fn(),
    connectionOpened: vi.fn(() => (holding = true)),
    hold: vi.fn(() => holding),
    restart: vi.fn(() => (holding = false)),
    reset: vi.fn(),
  } satisfies HistorySync;
  const connection = createStreamConnection({
    state,
    transport,
    ctx: () => ({ tenantId: "acme", traceId: null }),
    scopeSignal: () => scope.signal,
    history,
    pacer,
  });
  return { state, transport, scope, folded, history, connection, runFrame: () => frame?.() };
}

describe("stream connection", () => {
  it("on open, pauses previews, marks syncing and lists history; live events wait while it lists", () => {
    const { state, transport, history, connection, folded, runFrame } = setup();
    connection.connect("sesn_1");
    expect(state.get().connection).toBe("connecting");
    const stream = transport.lastStream();
    stream.emit({ type: "agent.message", id: eventId("c:1"), content: text("live") });
    runFrame();
    expect(folded).toHaveLength(1); // not held: no listing was due yet
    stream.open();
    expect(state.get()).toMatchObject({ connection: "open", syncing: true });
    expect(history.sync).toHaveBeenCalledWith("sesn_1", stream.options.signal);
    stream.emit({ type: "agent.message", id: eventId("c:2"), content: text("held") });
    runFrame();
    expect(folded).toHaveLength(1);
    expect(history.hold).toHaveBeenLastCalledWith(expect.objectContaining({ id: eventId("c:2") }));
  });

  it("reports a failed stream with Reconnect, and reconnects from the last event id", async () => {
    const { state, transport, connection } = setup();
    connection.connect("sesn_1");
    transport.lastStream().fail(new TracyHttpError(403, "forbidden"));
    await settle();
    expect(state.get()).toMatchObject({ connection: "failed", error: { retry: "reconnect" } });
    connection.reconnect();
    expect(transport.streams).toHaveLength(2);
    expect(state.get().error).toBeNull();
  });

  it("after a failed listing, Reconnect lists again on the stream that is still open", () => {
    const { state, transport, history, connection } = setup();
    connection.connect("sesn_1");
    transport.lastStream().open();
    state.set({
      error: {
        kind: "unavailable",
        action: "load",
        message: "y",
        status: 503,
        retryable: true,
        retryAfter: null,
        tool: null,
        retry: "history",
      },
    });
    connection.reconnect();
    expect(transport.streams).toHaveLength(1);
    expect(history.sync).toHaveBeenCalledTimes(2);
  });

  it("stops with the scope, and ignores what a closed stream still delivers", () => {
    const { state, transport, scope, connection, folded, runFrame } = setup();
    connection.connect("sesn_1");
    const stream = transport.lastStream();
    scope.abort();
    expect(stream.closed).toBe(true);
    transport.emitLate(stream, { type: "agent.message", id: eventId("c:9"), content: text("late") });
    transport.emitLate(stream, 42);
    runFrame();
    expect(folded).toEqual([]);
    expect(state.get().warning).toBeNull();
  });
});
