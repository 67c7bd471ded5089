import { useTracy } from "../react/use-tracy";
import { selectPhase, type Phase } from "../store/selectors";
import type { ConnectionState } from "../store/tracy-state";
import { useLabels } from "../labels/labels-context";
import type { TracyLabels } from "../labels/tracy-labels";

const CONNECTION_WORDS = {
  idle: null,
  connecting: "connectionConnecting",
  open: null,
  reconnecting: "connectionReconnecting",
  failed: "connectionFailed",
} as const satisfies Record<ConnectionState, keyof TracyLabels | null>;

function phaseText(labels: Readonly<TracyLabels>, phase: Phase): string {
  switch (phase.step) {
    case "loading":
      return labels.phaseLoading;
    case "ended":
      return labels.phaseEnded;
    case "retrying":
      return labels.phaseRetrying;
    case "writing":
      return labels.phaseWriting;
    case "thinking":
      return labels.phaseThinking;
    case "running-tool":
      return labels.phaseRunningTool(phase.tool ?? "");
    case "running-here":
      return labels.phaseRunningHere(phase.tool);
    case "waiting-approval":
      return labels.phaseWaitingApproval;
    case "continuing":
      return labels.phaseContinuing;
    case "sending":
      return labels.phaseSending;
    case "awaiting-reply":
      return labels.phaseAwaitingReply;
    case "ready":
      return labels.phaseReady;
  }
}

/** What Tracy is doing, in one line; screen readers hear changes politely. */
export function StatusBar() {
  const phase = useTracy(selectPhase);
  const connection = useTracy((s) => CONNECTION_WORDS[s.connection]);
  const traceId = useTracy((s) => s.traceId);
  const labels = useLabels();
  return (
    <div className="tracy-status" data-phase={phase.kind}>
      <span className="tracy-status-dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {phaseText(labels, phase)}
        {connection && <span className="tracy-status-connection"> · {labels[connection]}</span>}
      </span>
      {traceId && (
        <span className="tracy-context-chip" title={labels.traceChipTitle}>
          {labels.traceChip}{" "}
          {/* An id reads left to right in any panel, isolated from the label, and is cut at its own end. */}
          <bdi className="tracy-context-id" dir="ltr">
            <code>{traceId}</code>
          </bdi>
        </span>
      )}
    </div>
  );
}
