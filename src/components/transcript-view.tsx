import { Fragment, memo, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode, type RefObject } from "react";
import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import { useTracy } from "../react/use-tracy";
import { selectRequiredActions } from "../store/select-required-actions";
import { selectShownSends } from "../store/select-shown-sends";
import { blockedByFailure } from "../store/queued-sends";
import { selectRetryableTurn } from "../store/retry-turn";
import { ApprovalPrompt, ConfirmationLine } from "./approval-prompt";
import { usePreloadHighlighter } from "./code-block";
import { MessageView } from "./message-view";
import { PendingMessage } from "./pending-message";
import { CypherCard } from "./cypher/cypher-card";
import { ToolCard } from "./tool-card";

import { ThreadMessageView } from "./thread-message-view";
import { ItemFallback } from "./item-fallback";
import { RenderBoundary } from "./render-boundary";
import { ErrorView, NoticeView, RetryTurn } from "./transcript-items";
import { useStickToBottom } from "./use-stick-to-bottom";
import { TRANSCRIPT_STEP, useTranscriptWindow } from "./use-transcript-window";
import { useViewConfig } from "./view-config";
import { useFormat, useLabels } from "../labels/labels-context";

export interface TranscriptViewProps {
  /** Shown when the conversation is empty. */
  empty?: ReactNode;
}

/**
 * The conversation: folded items in event order, then messages still being sent. Long
 * conversations are windowed: only the last items are mounted until the reader scrolls up.
 */
export function TranscriptView({ empty: emptyState }: TranscriptViewProps) {
  const order = useTracy((s) => s.transcript.order);
  const items = useTracy((s) => s.transcript.items);
  const allPending = useTracy((s) => s.pending);
  const traceByEventId = useTracy((s) => s.traceByEventId);
  const transcript = useTracy((s) => s.transcript);
  const pending = useMemo(
    () => selectShownSends(allPending, transcript, traceByEventId),
    [allPending, transcript, traceByEventId],
  );
  const required = useTracy(selectRequiredActions);
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const labels = useLabels();
  const format = useFormat();
  const visible = order.filter((id) => items.get(id)?.kind !== "unknown");
  const empty = visible.length === 0 && pending.length === 0;
  // The window reads whether the view follows (to slide with new items), and following needs to know where the
  // window starts: the window goes first, reading the stick's state through a stable function.
  const isPinnedRef = useRef<() => boolean>(() => true);
  const { start, showEarlier } = useTranscriptWindow(visible.length, scroller, () => isPinnedRef.current());
  const stick = useStickToBottom(scroller, [items, pending], {
    itemCount: visible.length + pending.length,
    empty,
    content: log,
    windowStart: start,
  });
  const { isPinned, follow } = stick;
  useLayoutEffect(() => {
    isPinnedRef.current = isPinned;
  }, [isPinned]);
  // The id, not the object: a selector's result must be stable for useTracy.
  const retryableError = useTracy((s) => selectRetryableTurn(s)?.errorId ?? null);
  const turnOpen = useTracy((s) => {
    const { status } = s.transcript;
    return (
      status.state === "running" || status.state === "rescheduled" || status.stopReason?.type === "requires_action"
    );
  });
  // From the moment there is a conversation (one to restore, or a first message sent), in parallel with the history
  // or the model's answer: its first code block then usually has its colours from its first line.
  const conversation = useTracy((s) => s.sessionId !== null);
  usePreloadHighlighter(conversation || allPending.length > 0);
  const replyEnds = useMemo(() => lastReplies(order, items, turnOpen), [order, items, turnOpen]);

  // A message the user just sent (typed, a suggestion, the host's `send`) is always brought into view.
  const seenSends = useRef(new Set<string>());
  useLayoutEffect(() => {
    let sent = false;
    for (const p of allPending) {
      if (seenSends.current.has(p.key)) continue;
      seenSends.current.add(p.key);
      sent = true;
    }
    if (sent) follow();
  }, [allPending, follow]);

  let lastTrace: string | null | undefined;
  const traceChip = (trace: string | null | undefined, key: string) => {
    if (trace === undefined) return null;
    const changed = trace !== lastTrace && trace !== null;
    lastTrace = trace;
    return changed ? (
      <div key={`trace-${key}`} className="tracy-trace-divider" role="note">
        {labels.askingAboutTrace} <code>{trace}</code>
      </div>
    ) : null;
  };

  return (
    <div className="tracy-transcript" ref={scroller} tabIndex={0} aria-label={labels.conversation}>
      <div className="tracy-log" ref={log} role="log" aria-live="polite" aria-relevant="additions text">
        {empty && emptyState}
        {start > 0 && (
          <ShowEarlier
            hidden={start}
            root={scroller}
            onShow={() => {
              showEarlier();
              // The button goes away with the last step: keep focus in the conversation.
              if (start <= TRANSCRIPT_STEP) scroller.current?.focus();
            }}
          />
        )}
        {visible.slice(start).map((id) => {
          const item = items.get(id) as TranscriptItem;
          return (
            <Fragment key={id}>
              {item.kind === "message" &&
                item.role === "user" &&
                traceChip(id in traceByEventId ? traceByEventId[id] : item.traceId, id)}
              {/* One boundary per item: a view that throws on odd data takes only its own item down. */}
              <RenderBoundary resetKey={item} fallback={() => <ItemFallback item={item} />}>
                <ItemView
                  item={item}
                  needsApproval={required.some((a) => a.kind === "approval" && a.tool.id === id)}
                  replyEnd={replyEnds.has(id)}
                />
              </RenderBoundary>
              {retryableError === id && <RetryTurn />}
            </Fragment>
          );
        })}
        {pending.map((p) => (
          <Fragment key={p.key}>
            {traceChip(p.traceId, p.key)}
            <PendingMessage pending={p} blocked={blockedByFailure(allPending, p.key)} />
          </Fragment>
        ))}
      </div>
      {!stick.pinned && !empty && (
        <div className="tracy-jump">
          <button
            type="button"
            className="tracy-button tracy-jump-button"
            onClick={() => {
              follow();
              // The button goes away: focus stays in the conversation.
              scroller.current?.focus({ preventScroll: true });
            }}
          >
            <span aria-hidden="true">↓ </span>
            {labels.jumpToLatest(format.count(stick.unseen))}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The last reply of each finished turn: the agent message before the next question, and the last one
 * once the turn has ended. Reply actions (Copy, feedback) go under these, not under every step.
 */
function lastReplies(
  order: readonly string[],
  items: ReadonlyMap<string, TranscriptItem>,
  turnOpen: boolean,
): ReadonlySet<string> {
  const ends = new Set<string>();
  let reply: string | null = null;
  for (const id of order) {
    const item = items.get(id);
    if (item?.kind !== "message") continue;
    if (item.role === "agent") reply = id;
    else if (reply !== null) {
      ends.add(reply);
      reply = null;
    }
  }
  if (reply !== null && !turnOpen) ends.add(reply);
  return ends;
}

/** Mounts earlier items when clicked, or by itself when scrolled into view. */
function ShowEarlier({
  hidden,
  root,
  onShow,
}: {
  hidden: number;
  root: RefObject<HTMLElement | null>;
  onShow: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const labels = useLabels();
  const format = useFormat();
  const show = useRef(onShow);
  useLayoutEffect(() => {
    show.current = onShow;
  });
  useEffect(() => {
    const el = button.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show.current(), {
      root: root.current,
      rootMargin: "300px 0px 0px 0px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [root, hidden]);
  return (
    <button ref={button} type="button" className="tracy-button tracy-show-earlier" onClick={onShow}>
      {labels.showEarlier(format.count(hidden))}
    </button>
  );
}

/** Memoised: a finished item whose props did not change never re-renders on new tokens or keystrokes. */
const ItemView = memo(function ItemView({
  item,
  needsApproval,
  replyEnd,
}: {
  item: TranscriptItem;
  needsApproval: boolean;
  replyEnd: boolean;
}) {
  const labels = useLabels();
  switch (item.kind) {
    case "message":
      return <MessageView message={item} actions={replyEnd} />;
    case "tool":
      return <ToolView tool={item} needsApproval={needsApproval} />;
    case "thread_message":
      return <ThreadMessageView item={item} />;
    case "error":
      return <ErrorView error={item} />;
    case "notice":
      return <NoticeView notice={item} />;
    case "thinking":
      return item.streaming ? <div className="tracy-thinking tracy-muted">{labels.phaseThinking}</div> : null;
    default:
      return null;
  }
});

function ToolView({ tool, needsApproval }: { tool: ToolItem; needsApproval: boolean }) {
  const { toolRenderers, isCypherTool } = useViewConfig();
  const Custom = Object.prototype.hasOwnProperty.call(toolRenderers, tool.name) ? toolRenderers[tool.name] : undefined;
  const Card = isCypherTool(tool) ? CypherCard : ToolCard;
  return (
    <>
      {Custom ? (
        // The host's own card keeps the host's styles: the panel's reset stops at this wrapper (display: contents).
        <div className="tracy-host-content">
          <Custom tool={tool} />
        </div>
      ) : (
        <Card tool={tool} />
      )}
      <ConfirmationLine tool={tool} />
      {needsApproval && <ApprovalPrompt tool={tool} />}
    </>
  );
}
