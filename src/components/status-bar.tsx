import { useTracy } from "../react/use-tracy";
import { selectPhase } from "../store/selectors";

const CONNECTION_WORDS = {
  idle: null,
  connecting: "Connecting…",
  open: null,
  reconnecting: "Reconnecting…",
  failed: "Disconnected",
} as const;

/** What Tracy is doing, in one line; screen readers hear changes politely. */
export function StatusBar() {
  const phase = useTracy(selectPhase);
  const connection = useTracy((s) => CONNECTION_WORDS[s.connection]);
  const traceId = useTracy((s) => s.traceId);
  return (
    <div className="tracy-status" data-phase={phase.kind}>
      <span className="tracy-status-dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {phase.label}
        {connection && <span className="tracy-status-connection"> · {connection}</span>}
      </span>
      {traceId && (
        <span className="tracy-context-chip" title="Trace sent with your next message">
          trace <code>{traceId}</code>
        </span>
      )}
    </div>
  );
}
