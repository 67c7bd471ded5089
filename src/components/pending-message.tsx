import type { PendingSend } from "../store/tracy-state";
import { useTracyActions } from "../react/use-tracy";
import { useFormat, useLabels } from "../labels/labels-context";
import { panelErrorText } from "../labels/panel-error-text";
import { useComposerInputRef } from "./composer-input";

/**
 * A message the user sent that the backend hasn't confirmed; failed ones offer Edit, and Retry where it
 * can help; queued ones (sent while Tracy answers) say so, and offer Edit and Remove until they go.
 */
export function PendingMessage({ pending, blocked = false }: { pending: PendingSend; blocked?: boolean }) {
  const actions = useTracyActions();
  const input = useComposerInputRef();
  // Edit and Remove take this message away: focus goes to the message box rather than the page.
  const edit = () => {
    actions.editSend(pending.key);
    input?.current?.focus();
  };
  const remove = () => {
    actions.removeSend(pending.key);
    input?.current?.focus();
  };
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
            <button type="button" className="tracy-button tracy-button-quiet" onClick={edit}>
              {labels.edit}
            </button>
          </span>
        </div>
      ) : pending.status === "queued" ? (
        <div className="tracy-queued">
          <span className="tracy-muted">{blocked ? labels.queuedBehindFailure : labels.queued}</span>
          <span className="tracy-actions">
            <button type="button" className="tracy-button tracy-button-quiet" onClick={edit}>
              {labels.edit}
            </button>
            <button type="button" className="tracy-button tracy-button-quiet" onClick={remove}>
              {labels.removeQueued}
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
