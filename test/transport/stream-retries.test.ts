import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { STREAM_ENDED, TracyHeadersError, TracyHttpError } from "../../src/transport/errors";
import { createHttpTransport } from "../../src/transport/http-transport";
import type { TracyBackendConfig } from "../../src/transport/backend-config";
import { errorText } from "../helpers/labels";

const acme = { tenantId: "acme", traceId: null };
/** Far more than any budget: a client still connecting after this many requests is looping. */
const RUNAWAY = 200;

/**
 * A backend (or a proxy in front of it) that answers the stream with 200 and an event-stream type,
 * then ends the body at once, every time; history is empty.
 */
function endingAtOnce() {
  const calls = { stream: 0, history: 0 };
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = String(input);
    if (url.includes("/events/stream")) {
      calls.stream += 1;
      // Bounds the old behaviour (an endless loop) so the test fails instead of hanging.
      if (calls.stream > RUNAWAY) return new Response("{}", { status: 403 });
      return new Response("", { status: 200, headers: { "Content-Type": "text/event-stream" } });
    }
    calls.history += 1;
    return Response.json({ data: [], next_page: null });
  };
  return { calls, fetch };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a stream that opens and ends at once", () => {
  it("backs off like any failure and gives up after the retry budget, saying what happened", async () => {
    const { calls, fetch } = endingAtOnce();
    const transport = createHttpTransport({ baseUrl: "/api/tracy", fetch, reconnect: { maxAttempts: 5 } });
    const delays: number[] = [];
    let opens = 0;
    const done = transport
      .streamEvents(acme, "sesn_1", {
        lastEventId: null,
        signal: new AbortController().signal,
        onEvent: () => {},
        onOpen: () => (opens += 1),
        onReconnecting: (_e, _attempt, delayMs) => delays.push(delayMs),
      })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const error = await done;
    expect(error).toBeInstanceOf(TracyHttpError);
    expect(error).toMatchObject({ status: 200, errorType: STREAM_ENDED });
    expect((error as Error).message).toMatch(/ended as soon as it opened, 6 times in a row/);
    expect(calls.stream).toBe(6);
    expect(opens).toBe(6);
    // One immediate retry, then the usual exponential backoff (500 ms base, ±20 %).
    expect(delays).toHaveLength(5);
    expect(delays[0]).toBe(0);
    for (const [i, delay] of delays.slice(1).entries()) expect(delay).toBeGreaterThanOrEqual(0.8 * 500 * 2 ** (i + 1));
  });

  it("in the panel's store: a bounded number of stream requests and history loads, then a visible error", async () => {
    const { calls, fetch } = endingAtOnce();
    const store = createTracyStore({
      transport: createHttpTransport({ baseUrl: "/api/tracy", fetch }),
      tenantId: "acme",
      sessionId: "sesn_1",
    });
    store.getState().actions.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const state = store.getState();
    expect(state.connection).toBe("failed");
    expect(state.error).toMatchObject({
      kind: "stream-ended",
      retry: "reconnect",
      retryable: true,
    });
    expect(errorText(state.error!).detail).toMatch(/9 times in a row/);
    expect(calls.stream).toBe(9);
    expect(calls.history).toBeLessThanOrEqual(9);
    state.actions.stop();
  });

  it("still reconnects for good after a connection that worked (events came) ends", async () => {
    let streams = 0;
    const fetch: typeof globalThis.fetch = async () => {
      streams += 1;
      const event = `id: sevt_${streams}\ndata: {"type":"session.status_idle","id":"sevt_${streams}"}\n\n`;
      // Twenty connections that each deliver an event and end, then one that stays open.
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(event));
          if (streams < 20) c.close();
        },
      });
      return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
    };
    const transport = createHttpTransport({
      baseUrl: "/api/tracy",
      fetch,
      stallTimeoutMs: 0,
      reconnect: { maxAttempts: 3 },
    });
    const controller = new AbortController();
    const events: unknown[] = [];
    const done = transport.streamEvents(acme, "sesn_1", {
      lastEventId: null,
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    // Each connection delivers an event, so the budget of 3 never runs out.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(streams).toBe(20);
    expect(events).toHaveLength(20);
    controller.abort();
    await done;
  });
});

describe("a stream that stays open a while with nothing to say", () => {
  it("counts as working: a proxy closing idle streams every 30 s never exhausts the budget", async () => {
    let streams = 0;
    const fetch: typeof globalThis.fetch = async () => {
      streams += 1;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          // Pings only (comments), then the proxy's idle timeout ends the response.
          c.enqueue(new TextEncoder().encode(": ping\n\n"));
          setTimeout(() => c.close(), 30_000);
        },
      });
      return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
    };
    const transport = createHttpTransport({ baseUrl: "/api/tracy", fetch, reconnect: { maxAttempts: 2 } });
    const controller = new AbortController();
    const delays: number[] = [];
    const done = transport.streamEvents(acme, "sesn_1", {
      lastEventId: null,
      signal: controller.signal,
      onEvent: () => {},
      onReconnecting: (_e, _attempt, delayMs) => delays.push(delayMs),
    });
    await vi.advanceTimersByTimeAsync(10 * 30_000 + 1_000);
    expect(streams).toBe(11);
    expect(delays).toEqual(Array.from({ length: 10 }, () => 0));
    controller.abort();
    await done;
  });
});

describe("backend.headers() that throws", () => {
  const throwing: TracyBackendConfig["headers"] = async () => {
    throw new Error("Token refresh failed: refresh token expired");
  };

  it("fails the stream at once with the host's message, without retrying", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const transport = createHttpTransport({ baseUrl: "/api/tracy", fetch, headers: throwing });
    const onReconnecting = vi.fn();
    const error = await transport
      .streamEvents(acme, "sesn_1", {
        lastEventId: null,
        signal: new AbortController().signal,
        onEvent: () => {},
        onReconnecting,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracyHeadersError);
    expect((error as Error).message).toBe("Token refresh failed: refresh token expired");
    expect(onReconnecting).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("fails JSON requests the same way", async () => {
    const transport = createHttpTransport({ baseUrl: "/api/tracy", fetch: vi.fn(), headers: throwing });
    await expect(transport.createSession(acme, new AbortController().signal)).rejects.toBeInstanceOf(TracyHeadersError);
  });

  it("in the panel's store: shows a credentials error with the host's message, not 'Can't reach Tracy'", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const store = createTracyStore({
      transport: createHttpTransport({ baseUrl: "/api/tracy", fetch, headers: throwing }),
      tenantId: "acme",
      sessionId: "sesn_1",
    });
    store.getState().actions.start();
    await vi.advanceTimersByTimeAsync(1_000);
    const state = store.getState();
    expect(state.connection).toBe("failed");
    expect(state.error).toMatchObject({ kind: "credentials", retry: "reconnect" });
    expect(errorText(state.error!).detail).toContain("Token refresh failed: refresh token expired.");
    expect(fetch).not.toHaveBeenCalled();
    state.actions.stop();
  });
});

describe("an HTTP error status on the stream's connection", () => {
  /** Answers the first connection with `status` (and its headers), then opens a stream that stays open. */
  function failingOnce(status: number, headers: Record<string, string> = {}) {
    const opened: number[] = [];
    const fetch: typeof globalThis.fetch = async () => {
      opened.push(Date.now());
      if (opened.length === 1)
        return Response.json({ error: { type: "x", message: `HTTP ${status}` } }, { status, headers });
      return new Response(new ReadableStream<Uint8Array>(), {
        status: 200,
        headers: { "Content-Type": "text/event-stream" },
      });
    };
    return { opened, fetch };
  }

  function stream(fetch: typeof globalThis.fetch) {
    const transport = createHttpTransport({ baseUrl: "/api/tracy", fetch, stallTimeoutMs: 0 });
    const controller = new AbortController();
    const delays: number[] = [];
    const done = transport
      .streamEvents(acme, "sesn_1", {
        lastEventId: null,
        signal: controller.signal,
        onEvent: () => {},
        onReconnecting: (_e, _attempt, delayMs) => delays.push(delayMs),
      })
      .catch((e: unknown) => e);
    return { controller, delays, done };
  }

  it("waits Retry-After (429) before it reconnects, not the shorter backoff, and reconnects once", async () => {
    const { opened, fetch } = failingOnce(429, { "Retry-After": "2" });
    const { controller, delays, done } = stream(fetch);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(opened).toHaveLength(1);
    expect(delays).toEqual([2_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened).toHaveLength(2);
    expect((opened[1] ?? 0) - (opened[0] ?? 0)).toBe(2_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened).toHaveLength(2);
    controller.abort();
    await done;
  });

  for (const status of [401, 403, 404]) {
    it(`does not retry HTTP ${status}: it fails at once with the status, and never connects again`, async () => {
      const { opened, fetch } = failingOnce(status);
      const { controller, delays, done } = stream(fetch);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(opened).toHaveLength(1);
      expect(delays).toEqual([]);
      // Already settled with the error; aborting only keeps a regression from hanging here.
      controller.abort();
      const error = await done;
      expect(error).toBeInstanceOf(TracyHttpError);
      expect(error).toMatchObject({ status });
    });
  }
});
