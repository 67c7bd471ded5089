import { Fragment, useRef, type ReactNode } from "react";
import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import { useTracy } from "../react/use-tracy";
import { selectRequiredActions } from "../store/select-required-actions";
import { ApprovalPrompt, ConfirmationLine } from "./approval-prompt";
import { MessageView } from "./message-view";
import { PendingMessage } from "./pending-message";
import { CypherCard } from "./cypher/cypher-card";
import { ToolCard } from "./tool-card";

import { ThreadMessageView } from "./thread-message-view";
import { ErrorView, NoticeView } from "./transcript-items";
import { useStickToBottom } from "./use-stick-to-bottom";
import { useViewConfig } from "./view-config";

export interface TranscriptViewProps {
  /** Shown when the conversation is empty. */
  empty?: ReactNode;
}

/** The conversation: folded items in event order, then messages still being sent. */
export function TranscriptView({ empty }: TranscriptViewProps) {
  const order = useTracy((s) => s.transcript.order);
  const items = useTracy((s) => s.transcript.items);
  const pending = useTracy((s) => s.pending);
  const traceByEventId = useTracy((s) => s.traceByEventId);
  const required = useTracy((s) => selectRequiredActions(s.transcript));
  const scroller = useRef<HTMLDivElement>(null);
  const { onScroll } = useStickToBottom(scroller, [items, pending]);

  let lastTrace: string | null | undefined;
  const traceChip = (trace: string | null | undefined, key: string) => {
    if (trace === undefined) return null;
    const changed = trace !== lastTrace && trace !== null;
    lastTrace = trace;
    return changed ? (
      <div key={`trace-${key}`} className="tracy-trace-divider" role="note">
        Asking about trace <code>{trace}</code>
      </div>
    ) : null;
  };

  const visible = order.filter((id) => items[id]?.kind !== "unknown");
  return (
    <div className="tracy-transcript" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Conversation">
      <div className="tracy-log" role="log" aria-live="polite" aria-relevant="additions text">
        {visible.length === 0 && pending.length === 0 && empty}
        {visible.map((id) => {
          const item = items[id] as TranscriptItem;
          return (
            <Fragment key={id}>
              {item.kind === "message" && item.role === "user" && traceChip(traceByEventId[id], id)}
              <ItemView item={item} needsApproval={required.some((a) => a.kind === "approval" && a.tool.id === id)} />
            </Fragment>
          );
        })}
        {pending.map((p) => (
          <Fragment key={p.key}>
            {traceChip(p.traceId, p.key)}
            <PendingMessage pending={p} />
          </Fragment>
        ))}
      </div>
    </div>
  );
}

function ItemView({ item, needsApproval }: { item: TranscriptItem; needsApproval: boolean }) {
  switch (item.kind) {
    case "message":
      return <MessageView message={item} />;
    case "tool":
      return <ToolView tool={item} needsApproval={needsApproval} />;
    case "thread_message":
      return <ThreadMessageView item={item} />;
    case "error":
      return <ErrorView error={item} />;
    case "notice":
      return <NoticeView notice={item} />;
    case "thinking":
      return item.streaming ? <div className="tracy-thinking tracy-muted">Thinking…</div> : null;
    default:
      return null;
  }
}

function ToolView({ tool, needsApproval }: { tool: ToolItem; needsApproval: boolean }) {
  const { toolRenderers, isCypherTool } = useViewConfig();
  const Custom = Object.prototype.hasOwnProperty.call(toolRenderers, tool.name) ? toolRenderers[tool.name] : undefined;
  const Card = Custom ?? (isCypherTool(tool) ? CypherCard : ToolCard);
  return (
    <>
      <Card tool={tool} />
      <ConfirmationLine tool={tool} />
      {needsApproval && <ApprovalPrompt tool={tool} />}
    </>
  );
}
