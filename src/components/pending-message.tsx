import type { PendingSend } from "../store/tracy-state";
import { useTracyActions } from "../react/use-tracy";

/** A message the user sent that the backend hasn't confirmed; failed ones offer Edit, and Retry where it can help. */
export function PendingMessage({ pending }: { pending: PendingSend }) {
  const actions = useTracyActions();
  const failed = pending.status === "failed";
  return (
    <div className="tracy-message" data-role="user" data-pending={pending.status}>
      <div className="tracy-message-author">You</div>
      <div className="tracy-message-text">{pending.text}</div>
      {failed ? (
        <div className="tracy-send-failed" role="alert">
          <span>Not sent{pending.error ? `: ${pending.error.title}. ${pending.error.detail}` : "."}</span>
          <span className="tracy-actions">
            {pending.error?.retryable !== false && (
              <button type="button" className="tracy-button" onClick={() => actions.retrySend(pending.key)}>
                Retry
              </button>
            )}
            <button
              type="button"
              className="tracy-button tracy-button-quiet"
              onClick={() => actions.editSend(pending.key)}
            >
              Edit
            </button>
          </span>
        </div>
      ) : (
        <div className="tracy-muted tracy-sending">{pending.status === "sending" ? "Sending…" : "Sent"}</div>
      )}
    </div>
  );
}
