import type { TracyHostCallbacks } from "./host-callbacks";
import { callHost } from "./host-callbacks";
import type { StatePort } from "./store-port";
import type { TracyState } from "./tracy-state";

/** The user's rating of one of Tracy's replies. */
export interface ReplyFeedback {
  /** Thumbs up or thumbs down. */
  rating: "up" | "down";
  /** What the user added in words, if anything (trimmed; never empty). */
  comment?: string;
}

/** A rating the user gave a reply, as `onFeedback` reports it. */
export interface TracyFeedback extends ReplyFeedback {
  /** The id of the rated reply's `agent.message` event. */
  eventId: string;
  /** The conversation the reply belongs to. */
  sessionId: string;
  /** The tenant the conversation belongs to. */
  tenant: string;
}

/** Longest comment kept: what a feedback form is for, and no more. */
export const FEEDBACK_COMMENT_LIMIT = 2_000;

/** Feedback is remembered per tenant and session, so switching back shows it again, and never across tenants. */
export function feedbackScope(tenantId: string, sessionId: string | null): string {
  return JSON.stringify([tenantId, sessionId]);
}

/** The rating the user gave this reply in the conversation shown, if any. */
export function selectReplyFeedback(state: TracyState, eventId: string): ReplyFeedback | undefined {
  const mine = state.feedback[feedbackScope(state.tenantId, state.sessionId)];
  return mine && Object.prototype.hasOwnProperty.call(mine, eventId) ? mine[eventId] : undefined;
}

export interface ReplyFeedbackDeps {
  state: StatePort;
  callbacks: () => TracyHostCallbacks | undefined;
}

/** Rating replies: kept in the store, and told to the host once per change. */
export function createReplyFeedback({ state, callbacks }: ReplyFeedbackDeps) {
  return function rateReply(eventId: string, rating: "up" | "down", comment?: string): boolean {
    const s = state.get();
    const reply = s.transcript.items.get(eventId);
    // Only a finished reply of Tracy's in this session can be rated.
    if (!s.sessionId || reply?.kind !== "message" || reply.role !== "agent" || reply.streaming) return false;
    if (rating !== "up" && rating !== "down") return false;
    const words = typeof comment === "string" ? comment.trim().slice(0, FEEDBACK_COMMENT_LIMIT) : "";
    const next: ReplyFeedback = words ? { rating, comment: words } : { rating };
    const before = selectReplyFeedback(s, eventId);
    if (before && before.rating === next.rating && before.comment === next.comment) return false;
    const scope = feedbackScope(s.tenantId, s.sessionId);
    state.set({ feedback: { ...s.feedback, [scope]: { ...s.feedback[scope], [eventId]: next } } });
    callHost("onFeedback", callbacks()?.onFeedback, { eventId, sessionId: s.sessionId, tenant: s.tenantId, ...next });
    return true;
  };
}
