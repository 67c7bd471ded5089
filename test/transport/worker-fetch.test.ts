// @vitest-environment jsdom
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createHttpTransport } from "../../src/transport/http-transport";
import {
  createWorkerFetch,
  serveOneFetch,
  type WorkerFetchMessage,
  type WorkerFetchRequest,
  type WorkerLike,
  type WorkerScopeLike,
} from "../../src/transport/worker-fetch";
import { mulberry32 } from "../helpers/rng";

/** A response whose body the test writes. */
function controlledResponse(init: ResponseInit = { status: 200, headers: { "content-type": "text/event-stream" } }) {
  let source!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (source = c) });
  return { response: new Response(body, init), source };
}

/** A worker made of a message channel: `serveOneFetch` runs on one port, the page talks to the other. */
function channelWorker(doFetch: typeof fetch, flushMs = 0) {
  const { port1, port2 } = new MessageChannel();
  serveOneFetch(port2 as unknown as WorkerScopeLike, doFetch, flushMs);
  const requests: WorkerFetchRequest[] = [];
  let terminated = false;
  const worker: WorkerLike = {
    postMessage(message) {
      requests.push(message);
      port1.postMessage(message);
    },
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
    get onmessage() {
      return port1.onmessage as WorkerLike["onmessage"];
    },
    set onmessage(handler) {
      port1.onmessage = handler as (event: MessageEvent) => void;
    },
    onerror: null,
  };
  return { worker, requests, terminated: () => terminated };
}

async function readAll(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return chunks;
}

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c)));
const neverFallback = vi.fn<typeof fetch>(() => Promise.reject(new Error("the page's fetch was used")));

afterEach(() => {
  vi.unstubAllGlobals();
  neverFallback.mockClear();
});

describe("fetch in a worker", () => {
  it("hands over every byte in order, whatever the chunking and the flush interval (generated)", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = mulberry32(seed);
      const bytes = Uint8Array.from({ length: Math.floor(rng() * 5_000) }, () => Math.floor(rng() * 256));
      const { response, source } = controlledResponse();
      const { worker } = channelWorker(() => Promise.resolve(response), [0, 3, 1e9][seed % 3]);
      const fetchInWorker = createWorkerFetch(neverFallback, () => worker);
      const got = fetchInWorker("http://backend.test/stream");
      for (let at = 0; at < bytes.length;) {
        const size = 1 + Math.floor(rng() * 300);
        source.enqueue(bytes.slice(at, at + size));
        at += size;
      }
      source.close();
      const received = joined(await readAll(await got));
      expect(received.equals(Buffer.from(bytes)), `seed ${seed}`).toBe(true);
    }
    expect(neverFallback).not.toHaveBeenCalled();
  });

  it("passes on the status, headers and request as fetch would, and ends the worker with the body", async () => {
    const { response, source } = controlledResponse({
      status: 429,
      statusText: "Too Many Requests",
      headers: { "retry-after": "3", "content-type": "application/json" },
    });
    const doFetch = vi.fn<typeof fetch>(() => Promise.resolve(response));
    const { worker, requests, terminated } = channelWorker(doFetch);
    const got = await createWorkerFetch(neverFallback, () => worker)("http://backend.test/api/stream?x=1", {
      headers: { "X-Tenant-Id": "acme", Authorization: "Bearer t" },
      cache: "no-store",
      credentials: "include",
    });
    expect(got.status).toBe(429);
    expect(got.statusText).toBe("Too Many Requests");
    expect(got.headers.get("retry-after")).toBe("3");
    expect(requests[0]).toEqual({
      url: "http://backend.test/api/stream?x=1",
      init: {
        method: "GET",
        headers: [
          ["authorization", "Bearer t"],
          ["x-tenant-id", "acme"],
        ],
        cache: "no-store",
        credentials: "include",
      },
    });
    expect(doFetch).toHaveBeenCalledWith("http://backend.test/api/stream?x=1", requests[0]?.init);
    source.enqueue(new TextEncoder().encode('{"error":"slow down"}'));
    source.close();
    expect(await got.json()).toEqual({ error: "slow down" });
    expect(terminated()).toBe(true);
  });

  it("batches what arrives within the flush interval into one hand-over, after handing over the first at once", async () => {
    const { response, source } = controlledResponse();
    const { worker } = channelWorker(() => Promise.resolve(response), 1e9);
    const got = createWorkerFetch(neverFallback, () => worker)("http://backend.test/stream");
    for (const text of ["a", "b", "c", "d"]) source.enqueue(new TextEncoder().encode(text));
    source.close();
    const chunks = await readAll(await got);
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual(["a", "bcd"]);
  });

  it("gives a body that cannot have one (204) as null", async () => {
    const { worker } = channelWorker(() => Promise.resolve(new Response(null, { status: 204 })));
    const got = await createWorkerFetch(neverFallback, () => worker)("http://backend.test/stream");
    expect(got.status).toBe(204);
    expect(got.body).toBeNull();
  });

  it("rejects as fetch does when the request fails, and errors the body after what arrived when the body fails", async () => {
    const failing = channelWorker(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(createWorkerFetch(neverFallback, () => failing.worker)("http://backend.test/s")).rejects.toThrow(
      new TypeError("Failed to fetch"),
    );
    expect(failing.terminated()).toBe(true);

    // The body gives two chunks, then fails: the second is still waiting in the worker for its flush.
    const parts = ["first", " second"];
    const failingBody = new ReadableStream<Uint8Array>({
      pull: (c) => {
        const part = parts.shift();
        if (part) c.enqueue(new TextEncoder().encode(part));
        else c.error(new TypeError("network error"));
      },
    });
    const broken = channelWorker(() => Promise.resolve(new Response(failingBody)), 1e9);
    const got = await createWorkerFetch(neverFallback, () => broken.worker)("http://backend.test/s");
    // Read only once the failure has come: what arrived before it is still handed over.
    await vi.waitFor(() => expect(broken.terminated()).toBe(true));
    const reader = (got.body as ReadableStream<Uint8Array>).getReader();
    const texts: string[] = [];
    await expect(
      (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read())
          texts.push(new TextDecoder().decode(r.value));
      })(),
    ).rejects.toThrow("network error");
    expect(texts.join("")).toBe("first second");
  });

  it("rejects with the abort reason before the response, errors the body with it after, and ends the worker", async () => {
    const early = channelWorker(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = createWorkerFetch(neverFallback, () => early.worker)("http://backend.test/s", {
      signal: controller.signal,
    });
    const reason = new DOMException("Stopped by the test", "AbortError");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(early.terminated()).toBe(true);

    const { response } = controlledResponse();
    const late = channelWorker(() => Promise.resolve(response));
    const second = new AbortController();
    const got = await createWorkerFetch(neverFallback, () => late.worker)("http://backend.test/s", {
      signal: second.signal,
    });
    second.abort(reason);
    await expect(readAll(got)).rejects.toBe(reason);
    expect(late.terminated()).toBe(true);

    const aborted = AbortSignal.abort(reason);
    const start = vi.fn(() => channelWorker(neverFallback).worker);
    await expect(createWorkerFetch(neverFallback, start)("http://backend.test/s", { signal: aborted })).rejects.toBe(
      reason,
    );
    expect(start).not.toHaveBeenCalled();
  });

  it("ends the worker when the reader cancels the body", async () => {
    const { response } = controlledResponse();
    const { worker, terminated } = channelWorker(() => Promise.resolve(response));
    const got = await createWorkerFetch(neverFallback, () => worker)("http://backend.test/s");
    await got.body?.cancel();
    expect(terminated()).toBe(true);
  });

  it("asks on the page, from then on, when no worker can start or one fails before answering", async () => {
    const pageFetch = vi.fn<typeof fetch>(() => Promise.resolve(new Response("from the page")));
    const refused = vi.fn((): WorkerLike => {
      throw new DOMException("Refused by the page's Content-Security-Policy", "SecurityError");
    });
    const viaRefused = createWorkerFetch(pageFetch, refused);
    expect(await (await viaRefused("http://backend.test/a")).text()).toBe("from the page");
    expect(await (await viaRefused("http://backend.test/b")).text()).toBe("from the page");
    expect(refused).toHaveBeenCalledTimes(1);
    expect(pageFetch.mock.calls.map(([url]) => url)).toEqual(["http://backend.test/a", "http://backend.test/b"]);

    // A worker whose script failed (a compiler that broke its source, a policy that fires `error`): it never answers.
    pageFetch.mockClear();
    const silent = channelWorker(() => new Promise<Response>(() => {}));
    const start = vi.fn(() => silent.worker);
    const viaFailing = createWorkerFetch(pageFetch, start);
    const first = viaFailing("http://backend.test/c", { headers: { "X-Tenant-Id": "acme" } });
    const errorEvent = new Event("error", { cancelable: true });
    silent.worker.onerror?.(errorEvent);
    expect(await (await first).text()).toBe("from the page");
    expect(errorEvent.defaultPrevented).toBe(true);
    expect(silent.terminated()).toBe(true);
    await viaFailing("http://backend.test/d");
    expect(start).toHaveBeenCalledTimes(1);
    expect(pageFetch.mock.calls).toEqual([
      ["http://backend.test/c", { headers: { "X-Tenant-Id": "acme" } }],
      ["http://backend.test/d", undefined],
    ]);
  });

  it("errors the body, and asks nothing of the page, when the worker fails after answering", async () => {
    const { response, source } = controlledResponse();
    const { worker, terminated } = channelWorker(() => Promise.resolve(response));
    const got = await createWorkerFetch(neverFallback, () => worker)("http://backend.test/s");
    source.enqueue(new TextEncoder().encode("x"));
    worker.onerror?.(new Event("error", { cancelable: true }));
    await expect(readAll(got)).rejects.toThrow("The event stream's reader stopped.");
    expect(terminated()).toBe(true);
    expect(neverFallback).not.toHaveBeenCalled();
  });

  it("runs from its own source text, with nothing but a worker's globals", async () => {
    const program = runInNewContext(`(${String(serveOneFetch)})`, { setTimeout, clearTimeout }) as typeof serveOneFetch;
    const posted: WorkerFetchMessage[] = [];
    const scope: WorkerScopeLike = { postMessage: (m) => void posted.push(m), onmessage: null };
    const { response, source } = controlledResponse();
    program(scope, () => Promise.resolve(response), 0);
    scope.onmessage?.({ data: { url: "http://backend.test/s", init: { method: "GET", headers: [] } } } as MessageEvent);
    source.enqueue(new TextEncoder().encode("data: {}\n\n"));
    source.close();
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe("end"));
    expect(posted.map((m) => m.type)).toEqual(["head", "chunk", "end"]);
  });
});

describe("the HTTP transport's event stream", () => {
  /** Stands in for the browser's `Worker`: runs the blob's program on a channel, with `pageFetch` as the worker's fetch. */
  function stubWorkers(workerFetch: typeof fetch) {
    const started: string[] = [];
    vi.stubGlobal("URL", Object.assign(class extends URL {}, { createObjectURL: () => "blob:tracy-stream" }));
    vi.stubGlobal(
      "Worker",
      class {
        constructor(url: string) {
          started.push(url);
          return channelWorker(workerFetch).worker;
        }
      },
    );
    return started;
  }
  const sse = () =>
    new Response('id: sevt_1\ndata: {"type":"agent.message","id":"sevt_1","n":12345678901234567890}\n\n', {
      headers: { "content-type": "text/event-stream" },
    });

  async function firstEvent(transport: ReturnType<typeof createHttpTransport>) {
    const controller = new AbortController();
    const events: unknown[] = [];
    const done = transport.streamEvents({ tenantId: "acme", traceId: null }, "s1", {
      lastEventId: null,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        controller.abort();
      },
    });
    await done.catch(() => {});
    return events;
  }

  it("is read in a worker by default, with the tenant's headers, and its numbers stay exact", async () => {
    const workerFetch = vi.fn<typeof fetch>(() => Promise.resolve(sse()));
    const started = stubWorkers(workerFetch);
    const events = await firstEvent(createHttpTransport({ baseUrl: "http://backend.test/api" }));
    expect(started).toEqual(["blob:tracy-stream"]);
    expect(events).toHaveLength(1);
    expect(String((events[0] as { n: unknown }).n)).toBe("12345678901234567890");
    const [url, init] = workerFetch.mock.calls[0] ?? [];
    expect(url).toBe("http://backend.test/api/sessions/s1/events/stream?event_deltas=agent.message");
    expect(init?.headers).toContainEqual(["x-tenant-id", "acme"]);
  });

  it("is read on the page with the host's own fetch, or when workers are turned off", async () => {
    const started = stubWorkers(vi.fn());
    const hostFetch = vi.fn<typeof fetch>(() => Promise.resolve(sse()));
    expect(
      await firstEvent(createHttpTransport({ baseUrl: "http://backend.test/api", fetch: hostFetch })),
    ).toHaveLength(1);
    const pageFetch = vi.fn<typeof fetch>(() => Promise.resolve(sse()));
    vi.stubGlobal("fetch", pageFetch);
    expect(
      await firstEvent(createHttpTransport({ baseUrl: "http://backend.test/api", streamInWorker: false })),
    ).toHaveLength(1);
    expect(hostFetch).toHaveBeenCalledTimes(1);
    expect(pageFetch).toHaveBeenCalledTimes(1);
    expect(started).toEqual([]);
  });
});
