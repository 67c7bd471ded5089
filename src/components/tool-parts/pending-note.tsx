import type { ToolItem } from "../../protocol/transcript";
import { useLabels } from "../../labels/labels-context";

export interface PendingNoteProps {
  tool: ToolItem;
}

/** What a call without a result is waiting for. */
export function PendingNote({ tool }: PendingNoteProps) {
  const labels = useLabels();
  if (tool.confirmation?.result === "deny") {
    return <p className="tracy-muted">{labels.pendingDenied(tool.confirmation.denyMessage || null)}</p>;
  }
  if (tool.unfinished) return <p className="tracy-muted">{labels.pendingUnfinished}</p>;
  if (tool.permission === "ask" && tool.confirmation === null)
    return <p className="tracy-muted">{labels.pendingApproval}</p>;
  return <p className="tracy-muted tracy-tool-running">{labels.pendingRunning}</p>;
}
