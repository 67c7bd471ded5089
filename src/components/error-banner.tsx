import { useTracy, useTracyActions } from "../react/use-tracy";

/** Panel-level problems (stream, history, stop) with the one action that can fix them. */
export function ErrorBanner() {
  const error = useTracy((s) => s.error);
  const warning = useTracy((s) => s.warning);
  const actions = useTracyActions();
  if (!error && !warning) return null;
  return (
    <div className="tracy-banner" role="alert" data-kind={error ? "error" : "warning"}>
      <div className="tracy-banner-text">
        {error ? (
          <>
            <strong>{error.title}.</strong> {error.detail}
          </>
        ) : (
          warning
        )}
      </div>
      <div className="tracy-actions">
        {error?.retry && error.retryable && (
          <button type="button" className="tracy-button" onClick={() => actions.reconnect()}>
            {error.retry === "history" ? "Reload" : "Reconnect"}
          </button>
        )}
        <button type="button" className="tracy-button tracy-button-quiet" onClick={() => actions.dismissError()} aria-label="Dismiss">
          Dismiss
        </button>
      </div>
    </div>
  );
}
