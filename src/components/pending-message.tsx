import type { PendingSend } from "../store/tracy-state";
import { useTracyActions } from "../react/use-tracy";
import { useFormat, useLabels } from "../labels/labels-context";
import { panelErrorText } from "../labels/panel-error-text";

/** A message the user sent that the backend hasn't confirmed; failed ones offer Edit, and Retry where it can help. */
export function PendingMessage({ pending }: { pending: PendingSend }) {
  const actions = useTracyActions();
  const failed = pending.status === "failed";
  const labels = useLabels();
  const format = useFormat();
  return (
    <div className="tracy-message" data-role="user" data-pending={pending.status}>
      <div className="tracy-message-author">{labels.you}</div>
      <div className="tracy-message-text">{pending.text}</div>
      {failed ? (
        <div className="tracy-send-failed" role="alert">
          <span>{labels.notSent(pending.error ? panelErrorText(labels, format, pending.error) : null)}</span>
          <span className="tracy-actions">
            {pending.error?.retryable !== false && (
              <button type="button" className="tracy-button" onClick={() => actions.retrySend(pending.key)}>
                {labels.retry}
              </button>
            )}
            <button
              type="button"
              className="tracy-button tracy-button-quiet"
              onClick={() => actions.editSend(pending.key)}
            >
              {labels.edit}
            </button>
          </span>
        </div>
      ) : (
        <div className="tracy-muted tracy-sending">
          {pending.status === "sending" ? labels.phaseSending : labels.sent}
        </div>
      )}
    </div>
  );
}
