import { Fragment, useRef, type ReactNode } from "react";
import type { TranscriptItem } from "../protocol/transcript";
import { useTracy } from "../react/use-tracy";
import { MessageView } from "./message-view";
import { PendingMessage } from "./pending-message";
import { ToolCard } from "./tool-card";
import { ErrorView, NoticeView } from "./transcript-items";
import { useStickToBottom } from "./use-stick-to-bottom";

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
              <ItemView item={item} />
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

function ItemView({ item }: { item: TranscriptItem }) {
  switch (item.kind) {
    case "message":
      return <MessageView message={item} />;
    case "tool":
      return <ToolCard tool={item} />;
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
