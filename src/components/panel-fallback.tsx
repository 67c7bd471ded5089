import { useTracy, useTracyActions } from "../react/use-tracy";
import { useLabels } from "../labels/labels-context";

/**
 * Shown in the panel when one of its views threw outside any transcript item. The conversation
 * itself (the store) is intact: trying again re-renders it, and a new conversation leaves it.
 */
export function PanelFallback({ onRetry }: { onRetry: () => void }) {
  const actions = useTracyActions();
  const hasSession = useTracy((s) => s.sessionId !== null);
  const labels = useLabels();
  return (
    <div className="tracy-panel-fallback" role="alert">
      <p>{labels.panelFailed}</p>
      <div className="tracy-actions">
        <button type="button" className="tracy-button" onClick={onRetry}>
          {labels.tryAgain}
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
            {labels.newConversation}
          </button>
        )}
      </div>
    </div>
  );
}
