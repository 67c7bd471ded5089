import type { TracyState } from "./tracy-state";

/** A turn that ended in an error, and the question that started it (what Retry sends again). */
export interface RetryableTurn {
  /** The `session.error` the turn ended with. */
  errorId: string;
  /** The user message that started the turn. */
  questionId: string;
  text: string;
}

/**
 * The last turn, when it ended in an error the user may retry: the session is idle (not
 * terminated, not retrying on its own, not waiting for an action), nothing was asked since, and
 * nothing waits in the outbox. Null otherwise, so Retry goes away as soon as it was used.
 */
export function selectRetryableTurn(state: TracyState): RetryableTurn | null {
  const { transcript, pending } = state;
  if (pending.length > 0 || transcript.status.state !== "idle") return null;
  if (transcript.status.stopReason?.type === "requires_action") return null;
  let errorId: string | null = null;
  for (let i = transcript.order.length - 1; i >= 0; i--) {
    const id = transcript.order[i] as string;
    const item = transcript.items.get(id);
    if (item?.kind === "error") {
      if (errorId === null) {
        if (item.retry === "retrying" || item.retry === "terminal") return null;
        errorId = id;
      }
    } else if (item?.kind === "message") {
      if (item.role === "agent" && errorId === null) return null;
      if (item.role === "user")
        return errorId === null || item.queued ? null : { errorId, questionId: id, text: item.text };
    }
  }
  return null;
}
