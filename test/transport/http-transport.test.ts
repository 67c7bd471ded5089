import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { createHttpTransport } from "../../src/transport/http-transport";
import { TracyHttpError } from "../../src/transport/errors";
import { StreamStalled } from "../../src/transport/stall-watch";
import type { TracyTransport } from "../../src/transport/types";

let server: DemoServer;
const seenHeaders: Record<string, string | undefined>[] = [];
let tokenCounter = 0;
let transport: TracyTransport;
const acme = { tenantId: "acme", traceId: "trace-1" };
/** Added to stream URLs: the demo's faults (`&fault=resume` plays a proxy that honours Last-Event-ID). */
let streamQuery = "";

beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 0 });
  transport = createHttpTransport({
    baseUrl: server.url,
    headers: async () => ({ Authorization: `Bearer token-${++tokenCounter}` }),
    // Records what actually goes on the wire.
    fetch: (input, init) => {
      const h = new Headers(init?.headers);
      seenHeaders.push({
        url: String(input),
        authorization: h.get("authorization") ?? undefined,
        tenant: h.get("x-tenant-id") ?? undefined,
        trace: h.get("x-trace-id") ?? undefined,
        lastEventId: h.get("last-event-id") ?? undefined,
        idempotencyKey: h.get("idempotency-key") ?? undefined,
      });
      return fetch(String(input).includes("/stream") ? `${String(input)}${streamQuery}` : input, init);
    },
  });
});
afterAll(() => server.close());
afterEach(() => {
  seenHeaders.length = 0;
  streamQuery = "";
  server.backend.turnGate.open();
});

interface Collected {
  events: { type: string; id?: string; processed_at?: string | null }[];
  opens: number;
  controller: AbortController;
  done: Promise<void>;
}

function collect(sessionId: string, lastEventId: string | null = null): Collected {
  const controller = new AbortController();
  const c: Collected = { events: [], opens: 0, controller, done: Promise.resolve() };
  c.done = transport.streamEvents(acme, sessionId, {
    lastEventId,
    signal: controller.signal,
    onOpen: () => (c.opens += 1),
    onEvent: (e) => c.events.push(e as { type: string; id?: string }),
  });
  return c;
}

function until(pred: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!pred()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

const ask = (sessionId: string, text: string, key: string) =>
  transport.sendEvents(
    acme,
    sessionId,
    [{ type: "user.message", content: [{ type: "text", text }] }],
    key,
    new AbortController().signal,
  );

/** `n` turns have ended: idles other than `requires_action`, which a tool the server answers brings mid-turn. */
const idle =
  (c: Collected, n = 1) =>
  () =>
    c.events.filter(
      (e) =>
        e.type === "session.status_idle" &&
        (e as { stop_reason?: { type?: string } }).stop_reason?.type !== "requires_action",
    ).length >= n;

describe("HTTP transport against the demo server", () => {
  it("creates a session with the tenant and trace on the wire and fresh host headers per request", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    expect(id).toMatch(/^sesn_/);
    await transport.listEvents(acme, id, { limit: 5 }, new AbortController().signal);
    expect(seenHeaders.map((h) => [h.tenant, h.trace])).toEqual([
      ["acme", "trace-1"],
      ["acme", "trace-1"],
    ]);
    expect(seenHeaders[0]?.authorization).not.toBe(seenHeaders[1]?.authorization);
  });

  it("streams a whole turn: previews, deltas, the final message, tool use and result, usage", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    const c = collect(id);
    await until(() => c.opens === 1, "stream open");
    const sent = await ask(id, "Why is checkout slow?", "key-1");
    expect(sent.data).toMatchObject([{ type: "system.message" }, { type: "user.message" }]);
    expect(seenHeaders.find((h) => h.idempotencyKey)?.idempotencyKey).toBe("key-1");
    await until(idle(c), "turn end");
    const types = c.events.map((e) => e.type);
    expect(types).toContain("event_start");
    expect(types).toContain("event_delta");
    expect(types).toContain("agent.custom_tool_use");
    expect(types).toContain("user.custom_tool_result");
    expect(types).toContain("span.model_request_end");
    expect(types).toContain("session.usage");
    c.controller.abort();
    await c.done;
  });

  it("resumes with Last-Event-ID after a forced disconnect, through a proxy that honours it", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    streamQuery = "&fault=resume";
    const c = collect(id);
    await until(() => c.opens === 1, "stream open");
    // Held after the tool use, so the cut comes mid-turn.
    server.backend.turnGate.close((turn) => turn.logged("agent.custom_tool_use") > 0);
    await ask(id, "Why is checkout slow?", "key-2");
    await until(() => server.backend.turnGate.heldCount === 1, "the turn held after its tool use");
    await until(() => c.events.some((e) => e.type === "agent.custom_tool_use"), "tool use");
    server.backend.cutAllStreams();
    const seenAtCut = c.events.length;
    expect(idle(c)()).toBe(false);
    await until(() => c.opens === 2, "reconnect");
    server.backend.turnGate.open();
    const resumedWith = seenHeaders.filter((h) => h.url?.includes("/stream")).at(-1)?.lastEventId;
    expect(resumedWith).toMatch(/^sevt_/);
    await until(idle(c), "turn end");
    expect(c.events.length).toBeGreaterThan(seenAtCut);
    // Nothing repeated: the only id seen twice is a user event's processed echo.
    const deliveries = c.events.flatMap((e) => (e.id && e.type !== "event_start" ? [`${e.id} ${e.processed_at}`] : []));
    expect(new Set(deliveries).size).toBe(deliveries.length);
    const persistedIds = [...new Set(c.events.flatMap((e) => (e.id && e.type !== "event_start" ? [e.id] : [])))];
    const history = await transport.listEvents(acme, id, { limit: 1000 }, new AbortController().signal);
    const historyIds = history.data.map((e) => (e as { id: string }).id);
    expect(persistedIds.filter((i) => historyIds.includes(i))).toEqual(
      historyIds.filter((i) => persistedIds.includes(i)),
    );
    expect(historyIds.slice(historyIds.indexOf(persistedIds[0] as string))).toEqual(persistedIds);
    c.controller.abort();
    await c.done;
  });

  it("pages through history oldest first", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    const c = collect(id);
    await until(() => c.opens === 1, "stream open");
    await ask(id, "Give me a markdown summary", "key-3");
    await until(idle(c), "turn end");
    c.controller.abort();
    const all: unknown[] = [];
    let page: string | null = null;
    let pages = 0;
    do {
      const r = await transport.listEvents(acme, id, { limit: 3, page }, new AbortController().signal);
      all.push(...r.data);
      page = r.next_page;
      pages += 1;
    } while (page);
    expect(pages).toBeGreaterThan(1);
    expect((all as { type: string }[]).slice(0, 2).map((e) => e.type)).toEqual(["system.message", "user.message"]);
    expect(all.some((e) => (e as { type: string }).type === "event_delta")).toBe(false);
  });

  it("surfaces HTTP errors with status, type and message", async () => {
    const err = await transport
      .listEvents({ tenantId: "globex", traceId: null }, "sesn_does_not_exist", {}, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TracyHttpError);
    expect(err).toMatchObject({ status: 404, errorType: "not_found_error" });
  });

  it("never shows one tenant another tenant's session", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    const err = await transport
      .listEvents({ tenantId: "globex", traceId: null }, id, {}, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404 });
    const controller = new AbortController();
    const streamErr = await transport
      .streamEvents({ tenantId: "globex", traceId: null }, id, {
        lastEventId: null,
        signal: controller.signal,
        onEvent: () => {},
      })
      .catch((e: unknown) => e);
    expect(streamErr).toMatchObject({ status: 404 });
  });

  it("reports a network failure as status 0", async () => {
    const dead = createHttpTransport({ baseUrl: "http://127.0.0.1:9/api/tracy" });
    const err = await dead.createSession(acme, new AbortController().signal).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0 });
  });

  it("aborts a stream promptly and leaves no listener on the server", async () => {
    const { id } = await transport.createSession(acme, new AbortController().signal);
    const c = collect(id);
    await until(() => c.opens === 1, "stream open");
    expect(server.backend.listenerCount()).toBeGreaterThan(0);
    c.controller.abort();
    await c.done;
    await until(() => server.backend.listenerCount() === 0, "server-side cleanup");
  });

  it("reconnects with the delays and the number of attempts of backend.reconnect", async () => {
    let streamRequests = 0;
    const failing = createHttpTransport({
      baseUrl: server.url,
      reconnect: { baseDelayMs: 4, maxDelayMs: 8, maxAttempts: 3 },
      fetch: (input, init) => {
        if (String(input).includes("/stream")) streamRequests += 1;
        const headers = { ...(init?.headers as Record<string, string>), "X-Demo-Fault": "status:503" };
        return fetch(input, { ...init, headers });
      },
    });
    const delays: number[] = [];
    const error = await failing
      .streamEvents(acme, "sesn_any", {
        lastEventId: null,
        signal: new AbortController().signal,
        onEvent: () => {},
        onReconnecting: (_error, _attempt, delayMs) => delays.push(delayMs),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(streamRequests).toBe(4);
    expect(delays).toHaveLength(3);
    // ±20 % jitter around 4, 8, 8 ms, rounded.
    for (const [i, delay] of delays.entries()) {
      expect(delay).toBeLessThanOrEqual(Math.round(Math.min(8, 4 * 2 ** i) * 1.2));
    }
  });

  it("detects a stalled stream (no bytes, no pings), aborts its request and reconnects", async () => {
    let streamRequests = 0;
    const streamInits: (RequestInit | undefined)[] = [];
    const stalling = createHttpTransport({
      baseUrl: server.url,
      stallTimeoutMs: 300,
      fetch: (input, init) => {
        let url = String(input);
        if (url.includes("/stream")) streamInits.push(init);
        if (url.includes("/stream") && ++streamRequests === 1) url += "&fault=stall";
        return fetch(url, init);
      },
    });
    const { id } = await stalling.createSession(acme, new AbortController().signal);
    const controller = new AbortController();
    const reconnects: string[] = [];
    const events: { type: string }[] = [];
    let opens = 0;
    const done = stalling.streamEvents(acme, id, {
      lastEventId: null,
      signal: controller.signal,
      onOpen: () => (opens += 1),
      onEvent: (e) => events.push(e as { type: string }),
      onReconnecting: (error) => reconnects.push(error.message),
    });
    await until(() => opens === 2, "reconnect after stall");
    expect(reconnects[0]).toMatch(/No data from the event stream for 300 ms/);
    // The stalled request itself is aborted (a cancelled body alone kept Firefox's connection open), the new one not;
    // neither goes through the HTTP cache (Firefox held the reconnect behind the first one's cache entry).
    expect(streamInits.map((init) => init?.signal?.aborted)).toEqual([true, false]);
    expect(streamInits[0]?.signal?.reason).toBeInstanceOf(StreamStalled);
    expect(streamInits.map((init) => init?.cache)).toEqual(["no-store", "no-store"]);
    await ask(id, "Why is checkout slow?", "key-stall");
    await until(() => events.some((e) => e.type === "session.status_idle"), "events after recovery");
    controller.abort();
    await done;
  });
});
