// Exactly-once transcript under forced disconnects: the store, the HTTP transport and the demo
// server together, over real HTTP and SSE.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import type { Transcript } from "../../src/protocol/transcript";
import { createTracyStore } from "../../src/store/create-tracy-store";
import type { TracyStore } from "../../src/store/tracy-state";
import { createHttpTransport } from "../../src/transport/http-transport";
import { mulberry32 } from "../helpers/rng";

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0, speed: 0.5 });
});
afterAll(() => server.close());

/** Waits until `pred` holds (the demo server answers over real HTTP, so real time passes). */
async function until(pred: () => boolean, what: string, timeout = 30_000) {
  await vi.waitFor(
    () => {
      if (!pred()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout, interval: 5 },
  );
}

function panelStore(tenantId: string, faults = ""): TracyStore {
  const transport = createHttpTransport({
    baseUrl: server.url,
    reconnect: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 50 },
    fetch: (input, init) =>
      fetch(String(input).includes("/stream") && faults ? `${String(input)}&fault=${faults}` : input, init),
  });
  return createTracyStore({ transport, tenantId, traceId: "trace-1" });
}

/**
 * The transcript without what legitimately differs between two sessions: ids (opaque, random:
 * each becomes its place in the transcript) and timestamps.
 */
function normalise(t: Transcript) {
  const names = new Map<string, string>();
  const id = (s: string) => {
    if (!names.has(s)) names.set(s, `e${names.size}`);
    return names.get(s) as string;
  };
  return t.order.map((key) => {
    const item = JSON.parse(JSON.stringify(t.items.get(key))) as Record<string, unknown>;
    item.id = id(String(item.id));
    delete item.at;
    if (item.result && typeof item.result === "object") {
      const r = item.result as Record<string, unknown>;
      r.id = id(String(r.id));
      delete r.at;
    }
    return item;
  });
}

async function runTurn(store: TracyStore, question: string, disconnects: number, seed: number) {
  const random = mulberry32(seed);
  store.getState().actions.send(question);
  await until(
    () => store.getState().connection === "open" && store.getState().transcript.status.state === "running",
    "turn start",
  );
  // Cut points are chosen by what arrives (1–3 store updates after the last reconnect), not by time.
  let updates = 0;
  const unsubscribe = store.subscribe(() => {
    updates += 1;
  });
  let cuts = 0;
  while (cuts < disconnects) {
    await until(() => store.getState().connection === "open" && server.backend.listenerCount() > 0, "reconnected");
    const target = updates + 1 + Math.floor(random() * 3);
    await until(() => updates >= target || store.getState().transcript.status.state === "idle", "more events");
    server.backend.cutAllStreams();
    cuts += 1;
  }
  unsubscribe();
  await until(() => store.getState().transcript.status.state === "idle", "turn end");
  await until(
    () => store.getState().connection === "open" && !store.getState().syncing,
    "final reconnect and its history",
  );
  return { cuts, transcript: store.getState().transcript };
}

describe("exactly-once transcript under disconnects", () => {
  const question = "Give me a markdown summary of this trace";

  it("20 forced disconnects give the same transcript as an uninterrupted run", async () => {
    const reference = panelStore("acme");
    const clean = await runTurn(reference, question, 0, 1);
    const interrupted = panelStore("acme");
    const cut = await runTurn(interrupted, question, 20, 42);
    expect(cut.cuts).toBe(20);
    expect(normalise(cut.transcript)).toEqual(normalise(clean.transcript));
    expect(cut.transcript.streamingIds).toEqual([]);
    reference.getState().actions.stop();
    interrupted.getState().actions.stop();
  });

  it("is the same through a proxy that honours Last-Event-ID and replays", async () => {
    const reference = panelStore("globex");
    const clean = await runTurn(reference, question, 0, 2);
    const interrupted = panelStore("globex", "resume");
    const cut = await runTurn(interrupted, question, 20, 7);
    expect(normalise(cut.transcript)).toEqual(normalise(clean.transcript));
    reference.getState().actions.stop();
    interrupted.getState().actions.stop();
  });
});
