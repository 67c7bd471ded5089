import { selectPhase } from "./selectors";
import type { PendingSend, TracyState } from "./tracy-state";

/**
 * Messages sent while Tracy answers wait in the outbox (`status: "queued"`) and go one by one, in
 * order, each once the turn before it has ended. The backend would queue them too, but here they
 * stay visible and removable until they go.
 */

/** Phases in which a new message waits: a turn runs, or one is about to start. */
const TURN_PHASES = new Set(["sending", "thinking", "working", "responding", "retrying", "waiting"]);

/** Whether a turn runs, or is about to start (a message of the user's is on its way). */
export function turnBusy(state: TracyState): boolean {
  return TURN_PHASES.has(selectPhase(state).kind);
}

/** Whether a message sent now waits in the queue (a turn runs, or earlier messages wait). */
export function mustQueue(state: TracyState): boolean {
  return state.pending.some((s) => s.status === "queued") || turnBusy(state);
}

/**
 * The queued message that may go now, or null. It waits while a turn runs or starts, while the
 * stream is not caught up (only the stream tells when the turn ends), and while a message ahead of
 * it failed: a later one never overtakes a failed one unseen.
 */
export function nextQueued(state: TracyState): PendingSend | null {
  const at = state.pending.findIndex((s) => s.status === "queued");
  if (at < 0) return null;
  if (state.pending.slice(0, at).some((s) => s.status === "failed")) return null;
  if (state.pending.some((s) => s.status === "sending" || s.status === "sent")) return null;
  if (state.sessionId !== null && (state.connection !== "open" || state.syncing)) return null;
  if (selectPhase(state).kind !== "idle") return null;
  return state.pending[at] ?? null;
}

/** Whether a queued message waits behind one that failed (the view says so). */
export function blockedByFailure(outbox: readonly PendingSend[], key: string): boolean {
  const at = outbox.findIndex((s) => s.key === key);
  return at > 0 && outbox.slice(0, at).some((s) => s.status === "failed");
}
