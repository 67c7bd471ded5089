import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mulberry32 } from "../../test/helpers/rng.js";
import { TracyClient } from "./helpers/client.js";
import { openSse } from "./helpers/sse-reader.js";
import { EventsRepo } from "../src/store/events-repo.js";
import { SessionsRepo } from "../src/store/sessions-repo.js";
import { startStack, type Stack } from "./helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("browser stream resume", () => {
  it("delivers every event once, in order, across 20 cuts at random points (Last-Event-ID = seq)", async () => {
    const rand = mulberry32(4242);
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const url = `${stack.base}/sessions/${id}/events/stream?event_deltas=agent.message`;
    const upstreamId = (
      await stack.running.server.db.query<{ upstream_id: string }>(
        "SELECT upstream_id FROM tracy_sessions WHERE id = $1",
        [id],
      )
    )[0]!.upstream_id;

    // Keeps the agent busy with turn after turn while the browser is cut and comes back.
    let driving = true;
    let turns = 0;
    const driver = (async () => {
      while (driving) {
        const res = await c.say(id, `question number ${turns++}`);
        expect(res.status).toBe(200);
        // The turn this message started has ended: the agent emitted its idle (a check of only the agent's state
        // could pass before the message reached it, and the next message would then join the same turn).
        const asked = turns;
        await vi.waitFor(
          () => {
            const s = stack.sim.sessions.get(upstreamId);
            const ended = s?.events.filter((e) => e.type === "session.status_idle").length ?? 0;
            if (!s || ended < asked || s.turn !== null || s.inbox.length > 0) throw new Error("turn running");
          },
          { timeout: 30_000, interval: 2 },
        );
      }
    })();

    const received: { seq: string; id: string; type: string }[] = [];
    let last: string | null = null;
    for (let cut = 0; cut < 20; cut++) {
      const reader = openSse(url, await c.headers(last ? { "Last-Event-ID": last } : {}));
      const cutAfter = 1 + Math.floor(rand() * 6);
      await reader.waitFor((r) => r.events.length >= cutAfter, `${cutAfter} events`);
      reader.close();
      for (const m of reader.messages) if (m.id !== null) received.push(receivedOf(m));
      last = reader.lastId ?? last;
    }
    driving = false;
    await driver;

    // Reconnecting brings what was missed: read on until every turn's end has come, then compare with the history.
    const reader = openSse(url, await c.headers(last ? { "Last-Event-ID": last } : {}));
    const ended = (events: Record<string, unknown>[]) =>
      received.filter((r) => r.type === "session.status_idle").length +
      events.filter((e) => e["type"] === "session.status_idle").length;
    await reader.waitFor((r) => ended(r.events) >= turns, "every turn's end");
    reader.close();
    for (const m of reader.messages) if (m.id !== null) received.push(receivedOf(m));
    const history = await c.history(id, 50);

    expect(turns).toBeGreaterThan(1);
    expect(received.map((r) => r.id)).toEqual(history.map((e) => e["id"]));
    const seqs = received.map((r) => Number(r.seq));
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it("resumes after an event id too (a panel that kept ids across a reload), and from the start for an unknown one", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const first = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
    await first.opened;
    await c.say(id, "hello");
    await first.waitFor((r) => r.events.some((e) => e["type"] === "session.status_idle"), "idle");
    first.close();
    const events = first.events;
    const pivot = events[2]!["id"] as string;
    const after = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers({ "Last-Event-ID": pivot }));
    await after.waitFor((r) => r.events.length === events.length - 3, "the events after the pivot");
    expect(after.events.map((e) => e["id"])).toEqual(events.slice(3).map((e) => e["id"]));
    after.close();
    const unknown = openSse(
      `${stack.base}/sessions/${id}/events/stream`,
      await c.headers({ "Last-Event-ID": "sevt_unknown" }),
    );
    await unknown.waitFor((r) => r.events.length === events.length, "everything");
    unknown.close();
  });

  it("streams a long history (5 MB) to a browser in order, a page at a time as the browser takes it", async () => {
    const c = new TracyClient(stack.base, { user: "ana", tenant: "acme" });
    const id = await c.createSession();
    const session = (await new SessionsRepo(stack.running.server.db).findById(id))!;
    const repo = new EventsRepo(stack.running.server.db);
    const filler = "x".repeat(4_000);
    for (let i = 0; i < 1_200; i++) {
      await repo.upsert(session.id, {
        id: `sevt_bulk_${id}_${i}`,
        type: "agent.message",
        content: [{ type: "text", text: filler }],
        processed_at: new Date().toISOString(),
      });
    }
    const reader = openSse(`${stack.base}/sessions/${id}/events/stream`, await c.headers());
    await reader.waitFor((r) => r.events.length === 1_200, "the whole history");
    reader.close();
    expect(reader.events.map((e) => e["id"])).toEqual(Array.from({ length: 1_200 }, (_, i) => `sevt_bulk_${id}_${i}`));
  });

  it("pings idle streams with comment lines", async () => {
    const pinging = await startStack({ simulator: stack.sim, db: stack.running.server.db, pingIntervalMs: 20 });
    try {
      const c = new TracyClient(pinging.base, { user: "ana", tenant: "acme" });
      const id = await c.createSession();
      const reader = openSse(`${pinging.base}/sessions/${id}/events/stream`, await c.headers());
      await reader.waitFor((r) => r.comments >= 3, "three pings");
      reader.close();
    } finally {
      await pinging.close();
    }
  });
});

function receivedOf(m: { id: string | null; data: Record<string, unknown> }): {
  seq: string;
  id: string;
  type: string;
} {
  return { seq: String(m.id), id: String(m.data["id"]), type: String(m.data["type"]) };
}
