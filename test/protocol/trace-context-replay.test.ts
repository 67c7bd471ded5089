import { describe, expect, it } from "vitest";
import { foldEvents } from "../../src/protocol/fold";
import { EMPTY_TRANSCRIPT, type MessageItem, type Transcript } from "../../src/protocol/transcript";
import type { StreamEvent } from "../../src/protocol/events";
import { mulberry32 } from "../helpers/rng";

/** tracy-server's context message (server/src/http/context-message.ts), word for word. */
const context = (id: string, trace: string | null): StreamEvent =>
  ({
    type: "system.message",
    id,
    content: [
      {
        type: "text",
        text: `Context from the ClawTrace host for this turn. tenant_id: acme. trace_id: ${
          trace ?? "none (the user is not looking at a particular trace)"
        }. Scope every query to this tenant.`,
      },
    ],
  }) as StreamEvent;

const question = (id: string, processed: boolean): StreamEvent =>
  ({
    type: "user.message",
    id,
    content: [{ type: "text", text: `question ${id}` }],
    processed_at: processed ? "2026-03-02T14:00:00Z" : null,
  }) as StreamEvent;

const turn = (n: number): StreamEvent[] => [
  { type: "session.status_running", id: `run${n}` } as StreamEvent,
  { type: "agent.message", id: `a${n}`, content: [{ type: "text", text: `answer ${n}` }] } as StreamEvent,
  { type: "session.status_idle", id: `idle${n}`, stop_reason: { type: "end_turn" } } as StreamEvent,
];

function tracesOf(t: Transcript): (string | null | undefined)[] {
  return t.order
    .map((id) => t.items.get(id))
    .filter((i): i is MessageItem => i?.kind === "message" && i.role === "user")
    .map((m) => m.traceId);
}

describe("the trace each question was asked about, rebuilt from the log", () => {
  const traces = ["4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736", null, "a3ce929d0e0e4736"];

  /** The log as GET /events lists it: each question, its context right after, then the turn. */
  const history = traces.flatMap((trace, n) => [question(`q${n}`, true), context(`ctx${n}`, trace), ...turn(n)]);

  /**
   * The same turns as the stream delivers them: the question's queued echo, its context, and the
   * processed echo later in the turn; events arrive in batches of any size.
   */
  const liveTail = traces.flatMap((trace, n) => [
    question(`q${n}`, false),
    context(`ctx${n}`, trace),
    ...turn(n).slice(0, 1),
    question(`q${n}`, true),
    ...turn(n).slice(1),
  ]);

  it("a reload shows the markers the live conversation showed", () => {
    const reloaded = foldEvents(EMPTY_TRANSCRIPT, history);
    expect(tracesOf(reloaded)).toEqual(traces);
  });

  it.each([1, 2, 3, 4, 5])(
    "one fold: the live tail in random batches gives what the history gives (seed %i)",
    (seed) => {
      const random = mulberry32(seed);
      let live = EMPTY_TRANSCRIPT;
      for (let i = 0; i < liveTail.length;) {
        const size = 1 + Math.floor(random() * 4);
        live = foldEvents(live, liveTail.slice(i, i + size));
        i += size;
      }
      expect(tracesOf(live)).toEqual(tracesOf(foldEvents(EMPTY_TRANSCRIPT, history)));
      // Reconnects re-list the history over what was live: nothing changes.
      expect(tracesOf(foldEvents(live, history))).toEqual(traces);
    },
  );

  it("a reload midway, then the live tail: the markers of both halves are kept", () => {
    const half = history.length / 2;
    const reloaded = foldEvents(EMPTY_TRANSCRIPT, history.slice(0, half));
    expect(tracesOf(foldEvents(reloaded, history.slice(half)))).toEqual(traces);
  });
});
