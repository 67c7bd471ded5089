// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createMemoryTransport } from "../../dev/memory-transport";
import { TracyHttpError } from "../../src/transport/errors";
import { eventually } from "./demo-test-kit";

const ctx = { tenantId: "acme-corp", traceId: "trace-mem" };
type Ev = { type: string; id?: string; processed_at?: string | null; content?: Array<{ text: string }> };
/** The end of a turn: idle for any reason but a tool the server answers (`requires_action` comes mid-turn). */
const endsTurn = (e: Ev): boolean =>
  e.type === "session.status_idle" &&
  (e as { stop_reason?: { type?: string } }).stop_reason?.type !== "requires_action";

function collect(): {
  events: Ev[];
  ids: Array<string | undefined>;
  opens: number;
  onOpen(): void;
  onEvent(e: unknown, id: string | undefined): void;
} {
  return {
    events: [],
    ids: [],
    opens: 0,
    onOpen() {
      this.opens += 1;
    },
    onEvent(e, id) {
      this.events.push(e as Ev);
      this.ids.push(id);
    },
  };
}

describe("memory transport", { timeout: 20_000 }, () => {
  it("runs a turn in-process with deltas and history", async () => {
    const transport = createMemoryTransport({ speed: 0 });
    const signal = new AbortController();
    const { id } = await transport.createSession(ctx, signal.signal);
    const sink = collect();
    const done = transport.streamEvents(ctx, id, {
      lastEventId: null,
      signal: signal.signal,
      onOpen: () => sink.onOpen(),
      onEvent: (e, i) => sink.onEvent(e, i),
    });
    await eventually(() => sink.opens === 1, "stream open");
    const sent = await transport.sendEvents(
      ctx,
      id,
      [{ type: "user.message", content: [{ type: "text", text: "Why is checkout slow?" }] }],
      "k1",
      signal.signal,
    );
    expect(sent.data).toEqual([
      expect.objectContaining({ type: "system.message" }),
      expect.objectContaining({ type: "user.message", id: expect.stringMatching(/^sevt_\w{20,}$/) }),
    ]);
    await eventually(() => sink.events.some(endsTurn), "turn finished");
    expect(sink.events.some((e) => e.type === "event_delta")).toBe(true);
    const history = await transport.listEvents(ctx, id, { limit: 1000 }, signal.signal);
    const persisted = sink.events.filter((e) => e.type !== "event_start" && e.type !== "event_delta");
    // The stream echoes the user message twice (queued, then processed); the history lists it once, processed.
    expect(history.data).toEqual(persisted.filter((e) => !(e.type === "user.message" && e.processed_at === null)));
    expect([...new Set(sink.ids.filter(Boolean))]).toEqual(history.data.map((e) => (e as Ev).id));
    signal.abort();
    await done;
    expect(transport.backend.listenerCount()).toBe(0);
  });

  it("rejects another tenant's session with a 404 TracyHttpError", async () => {
    const transport = createMemoryTransport({ speed: 0 });
    const signal = new AbortController().signal;
    const { id } = await transport.createSession(ctx, signal);
    const other = { tenantId: "globex", traceId: null };
    const error = await transport.listEvents(other, id, {}, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracyHttpError);
    expect(error).toMatchObject({ status: 404, errorType: "not_found_error" });
    const sink = collect();
    await expect(
      transport.streamEvents(other, id, { lastEventId: null, signal, onEvent: (e, i) => sink.onEvent(e, i) }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(transport.createSession({ tenantId: "", traceId: null }, signal)).rejects.toMatchObject({
      status: 400,
    });
  });

  it("reconnects after cutAllStreams; the new connection carries what happens next, nothing missed is replayed", async () => {
    const transport = createMemoryTransport({ speed: 0 });
    const controller = new AbortController();
    const { id } = await transport.createSession(ctx, controller.signal);
    const sink = collect();
    const reconnects: number[] = [];
    const done = transport.streamEvents(ctx, id, {
      lastEventId: null,
      signal: controller.signal,
      onOpen: () => sink.onOpen(),
      onEvent: (e, i) => sink.onEvent(e, i),
      onReconnecting: (_error, attempt) => reconnects.push(attempt),
    });
    await eventually(() => sink.opens === 1, "open");
    await transport.sendEvents(
      ctx,
      id,
      [{ type: "user.message", content: [{ type: "text", text: "schema?" }] }],
      "a",
      controller.signal,
    );
    await eventually(() => sink.events.some(endsTurn), "first turn");
    transport.backend.cutAllStreams();
    await eventually(() => sink.opens === 2, "reopened");
    await transport.sendEvents(
      ctx,
      id,
      [{ type: "user.message", content: [{ type: "text", text: "markdown" }] }],
      "b",
      controller.signal,
    );
    await eventually(() => sink.events.filter(endsTurn).length === 2, "second turn after reconnect");
    expect(sink.opens).toBe(2);
    expect(reconnects).toEqual([1]);
    const persistedIds = sink.ids.filter((i): i is string => i !== undefined);
    const history = await transport.listEvents(ctx, id, {}, controller.signal);
    expect([...new Set(persistedIds)]).toEqual(history.data.map((e) => (e as Ev).id));
    controller.abort();
    await done;
  });

  it("injects faults with failWith", async () => {
    const transport = createMemoryTransport({ speed: 0, failWith: (op) => (op === "sendEvents" ? 429 : null) });
    const signal = new AbortController().signal;
    const { id } = await transport.createSession(ctx, signal);
    const error = await transport
      .sendEvents(ctx, id, [{ type: "user.interrupt" }], "k", signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracyHttpError);
    expect(error).toMatchObject({ status: 429, errorType: "rate_limit_error", retryAfter: 1 });
  });

  it("aborts requests with the signal", async () => {
    const transport = createMemoryTransport({ speed: 1 });
    const controller = new AbortController();
    const pending = transport.createSession(ctx, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
