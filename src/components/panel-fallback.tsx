import { useTracy, useTracyActions } from "../react/use-tracy";

/**
 * Shown in the panel when one of its views threw outside any transcript item. The conversation
 * itself (the store) is intact: trying again re-renders it, and a new conversation leaves it.
 */
export function PanelFallback({ onRetry }: { onRetry: () => void }) {
  const actions = useTracyActions();
  const hasSession = useTracy((s) => s.sessionId !== null);
  return (
    <div className="tracy-panel-fallback" role="alert">
      <p>Tracy couldn’t display this conversation. Nothing was lost.</p>
      <div className="tracy-actions">
        <button type="button" className="tracy-button" onClick={onRetry}>
          Try again
        </button>
        {hasSession && (
          <button
            type="button"
            className="tracy-button"
            onClick={() => {
              actions.startOver();
              onRetry();
            }}
          >
            New conversation
          </button>
        )}
      </div>
    </div>
  );
}
