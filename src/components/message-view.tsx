import { memo, useLayoutEffect, useRef, useState, useTransition } from "react";
import type { MessageItem } from "../protocol/transcript";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import { ReplyActions } from "./reply-actions";
import { displayCut } from "../markdown/display-cut";
import { useFormat, useLabels } from "../labels/labels-context";

/** Where a cut message is cut (at a block boundary for a reply): what is shown until "Show full message". */
export const MESSAGE_DISPLAY_LIMIT = 20_000;
/**
 * Replies up to this long are shown whole, as they stream. Above it a reply is shown cut and not
 * shown whole at all (it can be copied): no one reads it in a side panel.
 */
export const MESSAGE_SHOW_ALL_LIMIT = 1_000_000;
/**
 * One block of a reply (a paragraph, list, table or code block) longer than this cannot be rendered
 * cheaply while it streams (each frame re-parses it): the reply is then shown cut before it.
 */
export const MESSAGE_BLOCK_LIMIT = 100_000;
/** While a cut reply streams, its notice shows the length in steps of this, so it changes rarely. */
const STREAMING_TOTAL_STEP = 10_000;
/** How close to the bottom counts as following the conversation (as in useStickToBottom). */
const FOLLOW_SLACK_PX = 24;

/**
 * A user message as plain text; an agent message as safe markdown, with Copy and feedback once it is
 * the finished end of a turn (`actions`). Memoised: finished messages never re-render.
 */
export const MessageView = memo(function MessageView({
  message,
  actions = false,
}: {
  message: MessageItem;
  actions?: boolean;
}) {
  const [full, setFull] = useState(false);
  const labels = useLabels();
  const format = useFormat();
  const root = useRef<HTMLDivElement>(null);
  /** Whether the reader was following the conversation when they asked for the full message. */
  const follow = useRef(false);
  // A transition renders the rest block by block, yielding between them, so the page stays responsive.
  const [revealing, startReveal] = useTransition();
  const [cutter] = useState(() => displayCut(MESSAGE_DISPLAY_LIMIT, MESSAGE_BLOCK_LIMIT));
  const agent = message.role === "agent";
  const length = message.text.length;
  const showable = length <= MESSAGE_SHOW_ALL_LIMIT;
  let cutAt: number | null = null;
  if (!full || !showable) {
    if (!agent) cutAt = length > MESSAGE_DISPLAY_LIMIT ? MESSAGE_DISPLAY_LIMIT : null;
    else cutAt = cutter(message.text, !showable);
  }
  const text = cutAt === null ? message.text : message.text.slice(0, cutAt);
  // Keep following a streaming reply through the reveal: the rest arrives above the reader's view.
  useLayoutEffect(() => {
    if (!full || !follow.current) return;
    follow.current = false;
    const scroller = root.current?.closest<HTMLElement>(".tracy-transcript");
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [full]);
  const shownTotal =
    message.streaming && length > STREAMING_TOTAL_STEP ? length - (length % STREAMING_TOTAL_STEP) : length;
  const more = cutAt !== null && (
    <p className="tracy-truncated">
      <span className="tracy-muted">
        {labels.messageShowing({ shown: format.compact(cutAt), total: format.compact(shownTotal) })}
        {!showable && ` ${labels.messageTooLong}`}
      </span>{" "}
      {showable ? (
        <button
          type="button"
          className="tracy-button"
          disabled={revealing}
          aria-busy={revealing}
          onClick={() => {
            const scroller = root.current?.closest<HTMLElement>(".tracy-transcript");
            follow.current =
              !!scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= FOLLOW_SLACK_PX;
            startReveal(() => setFull(true));
          }}
        >
          {revealing ? labels.showingFullMessage : labels.showFullMessage}
        </button>
      ) : (
        <CopyButton getText={() => message.text} label={labels.copyFullMessage} />
      )}
    </p>
  );
  if (!agent) {
    return (
      <div className="tracy-message" data-role="user" ref={root}>
        <div className="tracy-message-author">{labels.you}</div>
        <div className="tracy-message-text" dir="auto">
          {text}
        </div>
        {more}
      </div>
    );
  }
  return (
    <div
      className="tracy-message"
      data-role="agent"
      aria-busy={message.streaming}
      data-streaming={message.streaming ? "" : undefined}
      ref={root}
    >
      <div className="tracy-message-author">{labels.agent}</div>
      {text ? (
        <Markdown text={text} streaming={message.streaming && cutAt === null} announce={message.streaming} />
      ) : (
        <span className="tracy-muted">{labels.replyPending}</span>
      )}
      {more}
      {actions && !message.streaming && message.text && <ReplyActions eventId={message.id} text={message.text} />}
    </div>
  );
});
