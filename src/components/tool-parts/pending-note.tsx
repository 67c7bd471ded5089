import type { ToolItem } from "../../protocol/transcript";

export interface PendingNoteProps {
  tool: ToolItem;
}

/** What a call without a result is waiting for. */
export function PendingNote({ tool }: PendingNoteProps) {
  if (tool.confirmation?.result === "deny") {
    return (
      <p className="tracy-muted">Denied{tool.confirmation.denyMessage ? `: ${tool.confirmation.denyMessage}` : "."}</p>
    );
  }
  if (tool.unfinished) return <p className="tracy-muted">The turn ended before this call finished. It won't run on.</p>;
  if (tool.permission === "ask" && tool.confirmation === null)
    return <p className="tracy-muted">Waiting for your approval…</p>;
  return <p className="tracy-muted tracy-tool-running">Running…</p>;
}
