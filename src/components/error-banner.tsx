import { useTracy, useTracyActions } from "../react/use-tracy";
import { useFormat, useLabels } from "../labels/labels-context";
import { panelErrorText, panelWarningText } from "../labels/panel-error-text";
import { useComposerInputRef } from "./composer-input";

/** Panel-level problems (stream, history, stop) with the one action that can fix them. */
export function ErrorBanner() {
  const error = useTracy((s) => s.error);
  const warning = useTracy((s) => s.warning);
  const actions = useTracyActions();
  const labels = useLabels();
  const format = useFormat();
  const composerInput = useComposerInputRef();
  if (!error && !warning) return null;
  const text = error ? panelErrorText(labels, format, error) : null;
  return (
    <div className="tracy-banner" role="alert" data-kind={error ? "error" : "warning"}>
      <div className="tracy-banner-text">
        {text ? (
          <>
            <strong>{text.title}.</strong> {text.detail}
          </>
        ) : (
          warning && panelWarningText(labels, format, warning)
        )}
      </div>
      <div className="tracy-actions">
        {/* A connection can be tried again by hand even where retrying on its own can't help (403: access may
            be granted meanwhile); a conversation that is gone can only be left. */}
        {error?.retry === "tool-result" && error.toolUseId !== undefined && (
          <button
            type="button"
            className="tracy-button"
            onClick={() => actions.retryToolResult(error.toolUseId as string)}
          >
            {labels.retry}
          </button>
        )}
        {(error?.retry === "reconnect" || error?.retry === "history") && error.status !== 404 && (
          <button type="button" className="tracy-button" onClick={() => actions.reconnect()}>
            {error.retry === "history" ? labels.reload : labels.reconnect}
          </button>
        )}
        {(error?.retry === "reconnect" || error?.retry === "history") && error.status === 404 && (
          <button
            type="button"
            className="tracy-button"
            onClick={(e) => {
              // The banner goes away with the button: focus moves on to where the next question is typed.
              const input =
                composerInput?.current ??
                e.currentTarget.closest(".tracy-panel")?.querySelector<HTMLElement>(".tracy-input");
              actions.startOver();
              input?.focus();
            }}
          >
            {labels.newConversation}
          </button>
        )}
        <button
          type="button"
          className="tracy-button tracy-button-quiet"
          onClick={() => actions.dismissError()}
          aria-label={labels.dismiss}
        >
          {labels.dismiss}
        </button>
      </div>
    </div>
  );
}
