import type { TracyStore } from "../../src/store/tracy-state";
import { PROCESSED_AT, eventId, text, type FakeStream } from "./fake-transport";

let n = 9_000;

/**
 * The turn the backend runs for the message the store posted last, as its stream would show it: the
 * echo (with the id the POST answered), running, a reply, and (unless `end` is false) idle.
 */
export function runTurn(store: TracyStore, stream: FakeStream, { end = true, reply = "an answer" } = {}): void {
  const sent = store.getState().pending.find((s) => s.status === "sent");
  if (!sent) throw new Error("nothing was sent");
  stream.emit({ type: "user.message", id: sent.eventIds[0], processed_at: PROCESSED_AT, content: text(sent.text) });
  stream.emit({ type: "session.status_running", id: eventId(`turn:${++n}`) });
  stream.emit({ type: "agent.message", id: eventId(`turn:${++n}`), content: text(reply) });
  if (end) endTurn(stream);
}

/** The running turn ends (`session.status_idle`, `end_turn`). */
export function endTurn(stream: FakeStream): void {
  stream.emit({
    type: "session.status_idle",
    id: eventId(`turn:${++n}`),
    stop_reason: { type: "end_turn" },
    stop_details: null,
  });
}
