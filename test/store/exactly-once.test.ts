// Exactly-once transcript under forced disconnects: the store, the HTTP transport and the demo
// server together, over real HTTP and SSE.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, what: string, ms = 30_000) {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
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
 * The transcript without what legitimately differs between two sessions: event ids (opaque, so
 * each becomes `e<n>` in the order first seen) and timestamps.
 */
function normalise(t: Transcript) {
  const aliases = new Map<string, string>();
  const alias = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (!t.log.has(value) && !t.items.has(value)) return value;
      if (!aliases.has(value)) aliases.set(value, `e${aliases.size}`);
      return aliases.get(value);
    }
    if (Array.isArray(value)) return value.map(alias);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, alias(v)]));
    }
    return value;
  };
  return t.order.map((key) => {
    const item = alias(JSON.parse(JSON.stringify(t.items.get(key)))) as Record<string, unknown>;
    delete item.at;
    if (item.result && typeof item.result === "object") delete (item.result as Record<string, unknown>).at;
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
  let cuts = 0;
  let midTurn = 0;
  while (cuts < disconnects) {
    await until(() => store.getState().connection === "open" && server.backend.listenerCount() > 0, "reconnected");
    await sleep(random() * 60);
    if (store.getState().transcript.status.state === "running") midTurn += 1;
    server.backend.cutAllStreams();
    cuts += 1;
  }
  await until(() => store.getState().transcript.status.state === "idle", "turn end");
  await until(() => store.getState().connection === "open", "final reconnect");
  await sleep(100); // the reconnect's history reconciliation
  return { cuts, midTurn, transcript: store.getState().transcript };
}

describe("exactly-once transcript under disconnects", () => {
  const question = "Give me a markdown summary of this trace";

  it("20 forced disconnects give the same transcript as an uninterrupted run", async () => {
    const reference = panelStore("acme");
    const clean = await runTurn(reference, question, 0, 1);
    const interrupted = panelStore("acme");
    const cut = await runTurn(interrupted, question, 20, 42);
    expect(cut.cuts).toBe(20);
    expect(cut.midTurn).toBeGreaterThanOrEqual(15);
    expect(normalise(cut.transcript)).toEqual(normalise(clean.transcript));
    expect(cut.transcript.streamingIds).toEqual([]);
    reference.getState().actions.stop();
    interrupted.getState().actions.stop();
  });

  it("reconciles from history when the server ignores Last-Event-ID", async () => {
    const reference = panelStore("globex");
    const clean = await runTurn(reference, question, 0, 2);
    const interrupted = panelStore("globex", "no-resume");
    const cut = await runTurn(interrupted, question, 20, 7);
    expect(cut.midTurn).toBeGreaterThanOrEqual(15);
    expect(normalise(cut.transcript)).toEqual(normalise(clean.transcript));
    reference.getState().actions.stop();
    interrupted.getState().actions.stop();
  });
});
