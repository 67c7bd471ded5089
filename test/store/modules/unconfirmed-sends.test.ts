// @vitest-environment node
import { describe, expect, it } from "vitest";
import { EMPTY_TRANSCRIPT, foldEvents, type StreamEvent } from "../../../src/protocol";
import type { PendingSend } from "../../../src/store/tracy-state";
import { cutOffSends, settleUnconfirmed, withoutDelivered } from "../../../src/store/unconfirmed-sends";
import { PROCESSED_AT, eventId, text } from "../../helpers/fake-transport";

const send = (key: string, patch: Partial<PendingSend> = {}): PendingSend => ({
  key,
  text: key,
  traceId: null,
  status: "sending",
  eventIds: [],
  error: null,
  ...patch,
});
const asked = (id: string, question: string): StreamEvent => ({
  type: "user.message",
  id: eventId(id),
  processed_at: PROCESSED_AT,
  content: text(question),
});

describe("unconfirmed sends", () => {
  it("drops the sends the transcript shows, and keeps the same array when none", () => {
    const transcript = foldEvents(EMPTY_TRANSCRIPT, [asked("u:1", "a")]);
    const outbox = [send("a", { status: "sent", eventIds: [eventId("u:1")] }), send("b")];
    expect(withoutDelivered(outbox, transcript)).toEqual([outbox[1]]);
    const none = [send("b")];
    expect(withoutDelivered(none, transcript)).toBe(none);
  });

  it("gives an unclaimed question in the log to the unconfirmed send with its text, with its trace", () => {
    const transcript = foldEvents(EMPTY_TRANSCRIPT, [asked("u:1", "why?")]);
    const patch = settleUnconfirmed(
      { pending: [send("why?", { unconfirmed: true, traceId: "t1" })], transcript, traceByEventId: {} },
      false,
    );
    expect(patch).toEqual({ pending: [], traceByEventId: { [eventId("u:1")]: "t1" } });
  });

  it("marks an unconfirmed send Not sent only once a whole listing lacks it", () => {
    const state = { pending: [send("lost", { unconfirmed: true })], transcript: EMPTY_TRANSCRIPT, traceByEventId: {} };
    expect(settleUnconfirmed(state, false)?.pending).toEqual(state.pending);
    expect(settleUnconfirmed(state, true)?.pending).toMatchObject([{ status: "failed", unconfirmed: false }]);
    expect(settleUnconfirmed({ ...state, pending: [send("x")] }, true)).toBeNull();
  });

  it("after a stop, a send in flight waits for the log with a session and has failed without one", () => {
    const outbox = [send("a"), send("b", { status: "sent" })];
    expect(cutOffSends(outbox, true)).toMatchObject([{ status: "sending", unconfirmed: true }, { status: "sent" }]);
    expect(cutOffSends(outbox, false)).toMatchObject([{ status: "failed", error: null }, { status: "sent" }]);
  });
});
