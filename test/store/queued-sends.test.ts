// @vitest-environment node
// Messages sent while Tracy answers wait in the outbox, in order, and go one by one when each turn ends.
import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { mustQueue, nextQueued } from "../../src/store/queued-sends";
import type { TracyStoreOptions } from "../../src/store/tracy-state";
import { TracyHttpError } from "../../src/transport/errors";
import { settle, installFakeClock } from "../helpers/fake-clock";
import { FakeTransport, eventId } from "../helpers/fake-transport";
import { endTurn, runTurn } from "../helpers/turns";
import { mulberry32 } from "../helpers/rng";

installFakeClock();

const scheduleFrame = (callback: () => void) => {
  queueMicrotask(callback);
  return () => {};
};

function setup(options: Partial<TracyStoreOptions> = {}) {
  const transport = new FakeTransport();
  const onSend = vi.fn();
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    traceId: "t1",
    sessionId: "sesn_1",
    scheduleFrame,
    callbacks: () => ({ onSend }),
    ...options,
  });
  store.getState().actions.start();
  return { transport, store, actions: store.getState().actions, onSend };
}

const messages = (t: FakeTransport) =>
  t.sends
    .filter((s) => (s.events[0] as { type: string }).type === "user.message")
    .map((s) => (s.events[0] as { content: { text: string }[] }).content[0]?.text);

async function openIdle(transport: FakeTransport) {
  await settle();
  const stream = transport.lastStream();
  stream.open();
  await settle();
  return stream;
}

/** A turn running, a message queued behind it, and more typed in the box. */
async function queuedAndTyped() {
  const ctx = setup();
  const stream = await openIdle(ctx.transport);
  ctx.actions.send("first");
  await settle();
  runTurn(ctx.store, stream, { end: false });
  await settle();
  ctx.actions.send("second, queued");
  ctx.actions.setDraft("third, typed");
  await settle();
  return ctx;
}

describe("queued sends", () => {
  it("a conversation switch keeps the messages that had not gone: back in the draft, never sent on their own", async () => {
    const { transport, store, actions } = await queuedAndTyped();
    actions.startOver();
    await settle();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().draft).toBe("second, queued\n\nthird, typed");
    expect(messages(transport)).toEqual(["first"]);
  });

  it("a tenant switch keeps the messages that had not gone: back in that tenant's draft, never sent on their own", async () => {
    const { transport, store, actions } = await queuedAndTyped();
    actions.setContext({ tenantId: "globex", traceId: null });
    await settle();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().draft).toBe("");
    actions.setContext({ tenantId: "acme", traceId: "t1" });
    await settle();
    expect(store.getState().draft).toBe("second, queued\n\nthird, typed");
    expect(store.getState().pending).toEqual([]);
    expect(messages(transport)).toEqual(["first"]);
  });

  it("a message sent while a turn runs waits, shown as queued, and goes once the turn ends", async () => {
    const { transport, store, actions, onSend } = setup();
    const stream = await openIdle(transport);
    actions.send("first");
    await settle();
    runTurn(store, stream, { end: false });
    await settle();
    expect(actions.send("second")).toBe(true);
    await settle();
    expect(store.getState().pending).toMatchObject([{ text: "second", status: "queued" }]);
    expect(messages(transport)).toEqual(["first"]);
    // The host hears of it when it leaves, not while it waits.
    expect(onSend.mock.calls.map((c) => (c[0] as { text: string }).text)).toEqual(["first"]);
    endTurn(stream);
    await settle();
    expect(messages(transport)).toEqual(["first", "second"]);
    expect(onSend).toHaveBeenCalledTimes(2);
  });

  it("several queued messages go one per turn, in order, each once", async () => {
    const { transport, store, actions } = setup();
    const stream = await openIdle(transport);
    actions.send("a");
    actions.send("b");
    actions.send("c");
    await settle();
    expect(store.getState().pending.map((s) => s.status)).toEqual(["sent", "queued", "queued"]);
    for (const expected of [["a"], ["a", "b"], ["a", "b", "c"]]) {
      expect(messages(transport)).toEqual(expected);
      runTurn(store, stream);
      await settle();
    }
    expect(messages(transport)).toEqual(["a", "b", "c"]);
    expect(store.getState().pending).toEqual([]);
  });

  it("a queued message can be removed or taken back into the draft before it goes", async () => {
    const { transport, store, actions } = setup();
    const stream = await openIdle(transport);
    actions.send("a");
    actions.send("b");
    actions.send("c");
    await settle();
    const [, b, c] = store.getState().pending;
    actions.removeSend(b!.key);
    actions.editSend(c!.key);
    expect(store.getState().draft).toBe("c");
    runTurn(store, stream);
    await settle();
    expect(messages(transport)).toEqual(["a"]);
    expect(store.getState().pending).toEqual([]);
  });

  it("a queued message that fails holds the later ones back until it is retried", async () => {
    const { transport, store, actions } = setup();
    const stream = await openIdle(transport);
    actions.send("a");
    actions.send("b");
    actions.send("c");
    await settle();
    transport.sendFailures = [new TracyHttpError(400, "bad")];
    runTurn(store, stream);
    await settle();
    expect(store.getState().pending.map((s) => [s.text, s.status])).toEqual([
      ["b", "failed"],
      ["c", "queued"],
    ]);
    expect(messages(transport)).toEqual(["a", "b"]);
    // Nothing overtakes it, however often the state changes.
    endTurn(stream);
    await settle();
    expect(messages(transport)).toEqual(["a", "b"]);
    actions.retrySend(store.getState().pending[0]!.key);
    await settle();
    expect(messages(transport)).toEqual(["a", "b", "b"]);
    runTurn(store, stream);
    await settle();
    expect(messages(transport)).toEqual(["a", "b", "b", "c"]);
  });

  it("waits while the stream reconnects and its history is folded", async () => {
    const { transport, store, actions } = setup();
    const stream = await openIdle(transport);
    actions.send("a");
    await settle();
    runTurn(store, stream, { end: false });
    actions.send("b");
    await settle();
    stream.options.onReconnecting?.(new Error("dropped"), 1, 0);
    endTurn(stream);
    await settle();
    expect(store.getState().connection).toBe("reconnecting");
    expect(messages(transport)).toEqual(["a"]);
    // History, listed after the reconnect, shows the turn ended: now it goes.
    transport.history.sesn_1 = [];
    stream.open();
    await settle();
    expect(messages(transport)).toEqual(["a", "b"]);
  });

  it("a session that ends while messages wait marks them not sent, with Edit", async () => {
    const { transport, store, actions } = setup();
    const stream = await openIdle(transport);
    actions.send("a");
    actions.send("b");
    await settle();
    stream.emit({ type: "session.status_terminated", id: eventId("1:900") });
    await settle();
    expect(store.getState().pending.find((s) => s.text === "b")).toMatchObject({ status: "failed", error: null });
    expect(messages(transport)).toEqual(["a"]);
  });

  it("property: whatever order turns end, sends and removals come in, each message goes at most once and in order", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = mulberry32(seed);
      const { transport, store, actions } = setup();
      const stream = await openIdle(transport);
      const typed: string[] = [];
      const removed = new Set<string>();
      for (let step = 0; step < 30; step++) {
        const roll = random();
        if (roll < 0.45) {
          const body = `m${seed}-${step}`;
          typed.push(body);
          actions.send(body);
        } else if (roll < 0.55) {
          const queued = store.getState().pending.filter((s) => s.status === "queued");
          const pick = queued[Math.floor(random() * queued.length)];
          if (pick) {
            removed.add(pick.text);
            actions.removeSend(pick.key);
          }
        } else if (store.getState().pending.some((s) => s.status === "sent")) {
          runTurn(store, stream, { end: random() < 0.7 });
        } else endTurn(stream);
        await settle();
        // Never two messages on their way at once.
        expect(
          store.getState().pending.filter((s) => s.status === "sending" || s.status === "sent").length,
        ).toBeLessThanOrEqual(1);
      }
      const sent = messages(transport);
      expect(new Set(sent).size).toBe(sent.length);
      expect(sent).toEqual(typed.filter((t) => sent.includes(t)));
      for (const r of removed) expect(sent).not.toContain(r);
    }
  });
});

describe("queue rules", () => {
  it("queues while a turn runs or messages wait, and not when idle", () => {
    const { store } = setup();
    expect(mustQueue(store.getState())).toBe(false);
    expect(nextQueued(store.getState())).toBeNull();
  });
});
