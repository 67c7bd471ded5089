// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { selectReplyFeedback } from "../../src/store/reply-feedback";
import { selectRetryableTurn } from "../../src/store/retry-turn";
import type { TracyStoreOptions } from "../../src/store/tracy-state";
import { settle, installFakeClock } from "../helpers/fake-clock";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { mulberry32 } from "../helpers/rng";

installFakeClock();

const scheduleFrame = (callback: () => void) => {
  queueMicrotask(callback);
  return () => {};
};

const question = { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("why?") };
const running = { type: "session.status_running", id: eventId("1:2") };
const reply = { type: "agent.message", id: eventId("1:3"), content: text("**Because.**") };
const idle = (id: string) => ({
  type: "session.status_idle",
  id: eventId(id),
  stop_reason: { type: "end_turn" },
  stop_details: null,
});

async function setup(history: unknown[], options: Partial<TracyStoreOptions> = {}) {
  const transport = new FakeTransport();
  transport.history.sesn_1 = history;
  const onFeedback = vi.fn();
  const store = createTracyStore({
    transport,
    tenantId: "acme",
    sessionId: "sesn_1",
    scheduleFrame,
    callbacks: () => ({ onFeedback }),
    ...options,
  });
  const { actions } = store.getState();
  actions.start();
  await settle();
  transport.lastStream().open();
  await settle();
  return { transport, store, actions, onFeedback };
}

describe("reply feedback", () => {
  it("records a rating and tells the host once per change, with tenant and session", async () => {
    const { store, actions, onFeedback } = await setup([question, running, reply, idle("1:4")]);
    const id = eventId("1:3");
    expect(actions.rateReply(id, "up")).toBe(true);
    expect(actions.rateReply(id, "up")).toBe(false);
    expect(actions.rateReply(id, "up", "  ")).toBe(false);
    expect(actions.rateReply(id, "up", " clear ")).toBe(true);
    expect(actions.rateReply(id, "up", "clear")).toBe(false);
    expect(actions.rateReply(id, "down")).toBe(true);
    expect(onFeedback.mock.calls.map((c) => c[0])).toEqual([
      { eventId: id, sessionId: "sesn_1", tenant: "acme", rating: "up" },
      { eventId: id, sessionId: "sesn_1", tenant: "acme", rating: "up", comment: "clear" },
      { eventId: id, sessionId: "sesn_1", tenant: "acme", rating: "down" },
    ]);
    expect(selectReplyFeedback(store.getState(), id)).toEqual({ rating: "down" });
  });

  it("only finished replies of Tracy's can be rated; junk ratings and ids change nothing", async () => {
    const { store, actions, onFeedback } = await setup([question, running, reply, idle("1:4")]);
    expect(actions.rateReply(eventId("1:1"), "up")).toBe(false);
    expect(actions.rateReply("nope", "up")).toBe(false);
    expect(actions.rateReply("__proto__", "down")).toBe(false);
    expect(actions.rateReply(eventId("1:3"), "sideways" as "up")).toBe(false);
    expect(onFeedback).not.toHaveBeenCalled();
    expect(store.getState().feedback).toEqual({});
  });

  it("is remembered per tenant and session: another conversation or tenant does not see it, switching back does", async () => {
    const { store, actions } = await setup([question, running, reply, idle("1:4")]);
    const id = eventId("1:3");
    actions.rateReply(id, "down", "wrong service");
    actions.setContext({ tenantId: "globex", traceId: null });
    expect(selectReplyFeedback(store.getState(), id)).toBeUndefined();
    actions.setContext({ tenantId: "acme", traceId: null });
    actions.setSessionId("sesn_1");
    expect(selectReplyFeedback(store.getState(), id)).toEqual({ rating: "down", comment: "wrong service" });
    actions.setSessionId("sesn_2");
    expect(selectReplyFeedback(store.getState(), id)).toBeUndefined();
  });

  it("property: hostile comments are kept as text, bounded, and never fire twice for the same submission", async () => {
    const { actions, onFeedback, store } = await setup([question, running, reply, idle("1:4")]);
    const random = mulberry32(7);
    const id = eventId("1:3");
    let last: string | undefined;
    for (let i = 0; i < 200; i++) {
      const len = Math.floor(random() * 3000);
      const comment = Array.from({ length: len }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join("");
      const rating = random() < 0.5 ? "up" : "down";
      const before = onFeedback.mock.calls.length;
      actions.rateReply(id, rating, comment);
      actions.rateReply(id, rating, comment);
      expect(onFeedback.mock.calls.length - before).toBeLessThanOrEqual(1);
      const kept = selectReplyFeedback(store.getState(), id);
      expect((kept?.comment ?? "").length).toBeLessThanOrEqual(2000);
      last = kept?.comment;
    }
    expect(typeof last === "string" || last === undefined).toBe(true);
  });
});

describe("retry a failed turn", () => {
  const error = (retry: string | null) => ({
    type: "session.error",
    id: eventId("1:5"),
    error: {
      type: "model_overloaded_error",
      message: "Overloaded",
      ...(retry ? { retry_status: { type: retry } } : {}),
    },
  });

  it("sends the question again as a new message, once per click, and never by itself", async () => {
    const { store, actions, transport } = await setup([question, running, error("exhausted"), idle("1:6")]);
    expect(selectRetryableTurn(store.getState())).toMatchObject({ errorId: eventId("1:5"), text: "why?" });
    expect(transport.sends).toHaveLength(0);
    expect(actions.retryTurn()).toBe(true);
    expect(actions.retryTurn()).toBe(false);
    await settle();
    expect(transport.sends.map((s) => s.events)).toEqual([
      [{ type: "user.message", content: [{ type: "text", text: "why?" }] }],
    ]);
    expect(selectRetryableTurn(store.getState())).toBeNull();
  });

  it("not while Tracy retries on its own, not after a terminal error, not after a reply", async () => {
    expect(selectRetryableTurn((await setup([question, running, error("retrying")])).store.getState())).toBeNull();
    expect(
      selectRetryableTurn(
        (
          await setup([question, running, error("terminal"), { type: "session.status_terminated", id: eventId("1:7") }])
        ).store.getState(),
      ),
    ).toBeNull();
    expect(selectRetryableTurn((await setup([question, running, reply, idle("1:4")])).store.getState())).toBeNull();
  });
});
