import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManagedAgentsSimulator } from "../simulator/index.js";
import { TracyClient } from "./helpers/client.js";
import { openSse, type SseReader } from "./helpers/sse-reader.js";
import { startStack, tailConnected, type Stack } from "./helpers/stack.js";

const sim = new ManagedAgentsSimulator();
beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

async function upstreamOf(stack: Stack, id: string): Promise<string> {
  const rows = await stack.running.server.db.query<{ upstream_id: string }>(
    "SELECT upstream_id FROM tracy_sessions WHERE id = $1",
    [id],
  );
  return rows[0]!.upstream_id;
}

const waitUntil = (check: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error(`waiting for ${what}`);
    },
    { timeout: 30_000, interval: 5 },
  );

const turnOver = (r: SseReader) => {
  const last = r.events.at(-1);
  return last?.["type"] === "session.status_idle" && (last["stop_reason"] as { type: string }).type === "end_turn";
};

/** Upstream's events, in its order, as the mirror must hold them. */
const upstreamIds = (upstreamId: string) => sim.sessions.get(upstreamId)!.events.map((e) => e.id);

function sumUsage(upstreamId: string) {
  const usages = sim.sessions.get(upstreamId)!.modelUsages;
  return {
    inputTokens: usages.reduce((n, u) => n + u.input_tokens, 0),
    cacheCreationInputTokens: usages.reduce((n, u) => n + u.cache_creation_input_tokens, 0),
    cacheReadInputTokens: usages.reduce((n, u) => n + u.cache_read_input_tokens, 0),
    outputTokens: usages.reduce((n, u) => n + u.output_tokens, 0),
  };
}

describe("recovery", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ simulator: sim });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("recovers an upstream stream dropped mid-turn without losing or repeating an event", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const reader = openSse(`${stack.base}/sessions/${id}/events/stream?event_deltas=agent.message`, await c.headers());
    await tailConnected(stack, id);
    await c.say(id, "checkpoint please");
    const upstreamId = await upstreamOf(stack, id);
    await waitUntil(() => sim.atCheckpoint(upstreamId), "the first checkpoint");

    // The stream drops, and the first reconnect fails too: the agent goes on meanwhile.
    sim.failNext("events.stream", { status: 503 });
    const streamsBefore = sim.callsOf("events.stream", upstreamId).length;
    expect(sim.dropStreams(upstreamId)).toBe(1);
    sim.release(upstreamId);
    await waitUntil(() => sim.atCheckpoint(upstreamId), "the mid-message checkpoint");
    await waitUntil(
      () =>
        sim.callsOf("events.stream", upstreamId).length >= streamsBefore + 2 &&
        stack.running.server.live.tail(id)?.connected === true,
      "the tail to reconnect",
    );
    sim.release(upstreamId);
    await reader.waitFor(turnOver, "the end of the turn");
    reader.close();

    expect(reader.events.map((e) => e["id"])).toEqual(upstreamIds(upstreamId));
    expect(await stack.running.server.usage.sessionTotals(id)).toMatchObject(sumUsage(upstreamId));
  });

  it("reconnects when the upstream stream falls silent (a half-open connection) and fills the gap", async () => {
    const quiet = new ManagedAgentsSimulator({ timing: { pingMs: 20 } });
    await quiet.start();
    const watched = await startStack({ simulator: quiet, db: stack.running.server.db, streamIdleTimeoutMs: 1_000 });
    try {
      const c = new TracyClient(watched.base, { user: "ana", tenant: "acme" });
      const id = await c.createSession();
      const reader = openSse(`${watched.base}/sessions/${id}/events/stream`, await c.headers());
      await tailConnected(watched, id);
      await c.say(id, "checkpoint in silence");
      const upstreamId = await upstreamOf(watched, id);
      await waitUntil(() => quiet.atCheckpoint(upstreamId), "the first checkpoint");
      expect(quiet.stallStreams(upstreamId)).toBe(1);
      const opened = quiet.callsOf("events.stream", upstreamId).length;
      quiet.release(upstreamId);
      await waitUntil(() => quiet.atCheckpoint(upstreamId), "the mid-message checkpoint");
      await waitUntil(
        () =>
          quiet.callsOf("events.stream", upstreamId).length > opened &&
          watched.running.server.live.tail(id)?.connected === true,
        "a new upstream stream",
      );
      quiet.release(upstreamId);
      await reader.waitFor(turnOver, "the end of the turn");
      reader.close();
      expect(reader.events.map((e) => e["id"])).toEqual(quiet.sessions.get(upstreamId)!.events.map((e) => e.id));
    } finally {
      await watched.close();
      await quiet.stop();
    }
  });

  it("stops the upstream tail when the last browser leaves an idle session, not while the agent works", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const live = stack.running.server.live;
    const first = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
    const second = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
    await tailConnected(stack, id);
    const upstreamId = await upstreamOf(stack, id);
    expect(sim.sessions.get(upstreamId)!.streams.size).toBe(1);
    first.close();
    await waitUntil(() => live.tail(id)?.subscriberCount === 1, "one browser left");
    second.close();
    await waitUntil(
      () => live.tail(id) === undefined && sim.sessions.get(upstreamId)!.streams.size === 0,
      "the tail to stop",
    );

    // Busy: the tail outlives the browser until the turn ends, so the mirror and ledger keep up.
    const third = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
    await tailConnected(stack, id);
    await c.say(id, "checkpoint again");
    await waitUntil(() => sim.atCheckpoint(upstreamId), "the checkpoint");
    third.close();
    await waitUntil(() => live.tail(id)?.subscriberCount === 0, "no browser");
    expect(live.tail(id)?.stopped).toBe(false);
    sim.release(upstreamId);
    sim.release(upstreamId);
    await waitUntil(() => live.tail(id) === undefined, "the tail to stop after the turn");
    const history = await c.history(id, 100);
    expect(history.map((e) => e["id"])).toEqual(upstreamIds(upstreamId));
    expect(await stack.running.server.usage.sessionTotals(id)).toMatchObject(sumUsage(upstreamId));
  });

  it("mirrors and meters a turn sent with no browser attached", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    await c.say(id, "nobody is watching");
    const upstreamId = await upstreamOf(stack, id);
    await waitUntil(
      () => stack.running.server.live.tail(id) === undefined && sim.sessions.get(upstreamId)!.turn === null,
      "the turn and the tail to end",
    );
    const history = await c.history(id);
    expect(history.map((e) => e["id"])).toEqual(upstreamIds(upstreamId));
    expect(await stack.running.server.usage.sessionTotals(id)).toMatchObject(sumUsage(upstreamId));
  });
});

describe("server restart mid-turn", () => {
  it("picks up on the same data directory: the browser resumes with Last-Event-ID and gets every event once; usage is counted once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tracy-restart-"));
    try {
      let stack = await startStack({ simulator: sim, dataDir: dir });
      const c1 = new TracyClient(stack.base, { user: "ana", tenant: "acme", trace: "tr-1" });
      const id = await c1.createSession();
      const before = openSse(
        `${stack.base}/sessions/${id}/events/stream?event_deltas=agent.message`,
        await c1.headers(),
      );
      await tailConnected(stack, id);
      await c1.say(id, "checkpoint across a restart");
      const upstreamId = await upstreamOf(stack, id);
      await waitUntil(() => sim.atCheckpoint(upstreamId), "the first checkpoint");
      await before.waitFor((r) => r.events.some((e) => e["type"] === "agent.message"), "the first message");
      await stack.close();
      before.close();
      const seen = before.events.map((e) => e["id"]);
      const last = before.lastId!;

      // While no server runs, the agent finishes its first message and starts the next.
      sim.release(upstreamId);
      await waitUntil(() => sim.atCheckpoint(upstreamId), "the mid-message checkpoint");

      stack = await startStack({ simulator: sim, dataDir: dir });
      try {
        const c2 = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
        const after = openSse(
          `${stack.base}/sessions/${id}/events/stream?event_deltas=agent.message`,
          await c2.headers({ "Last-Event-ID": last }),
        );
        await tailConnected(stack, id);
        sim.release(upstreamId);
        await after.waitFor(turnOver, "the end of the turn");
        after.close();
        expect([...seen, ...after.events.map((e) => e["id"])]).toEqual(upstreamIds(upstreamId));
        expect(await stack.running.server.usage.sessionTotals(id)).toMatchObject(sumUsage(upstreamId));
      } finally {
        await stack.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
