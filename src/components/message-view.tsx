import { memo, useState, useTransition } from "react";
import type { MessageItem } from "../protocol/transcript";
import { CopyButton } from "./copy-button";
import { displayCut } from "../markdown/display-cut";
import { Markdown } from "./markdown";
import { useFormat, useLabels } from "../labels/labels-context";

/** Above this, a reply is shown cut, with a button: parsing megabytes of markdown would freeze the host page. */
export const MESSAGE_DISPLAY_LIMIT = 20_000;
/** Above this, a reply is not shown whole at all (it can be copied): no one reads it in a side panel. */
export const MESSAGE_SHOW_ALL_LIMIT = 1_000_000;

/** A user message as plain text; an agent message as safe markdown. Memoised: finished messages never re-render. */
export const MessageView = memo(function MessageView({ message }: { message: MessageItem }) {
  const [full, setFull] = useState(false);
  const labels = useLabels();
  const format = useFormat();
  // A transition renders the rest block by block, yielding between them, so the page stays responsive.
  const [revealing, startReveal] = useTransition();
  // Never inside a table: its "Show all N rows" must count and show every row.
  const cutAt = displayCut(message.text, MESSAGE_DISPLAY_LIMIT);
  const cut = !full && cutAt < message.text.length;
  const showable = message.text.length <= MESSAGE_SHOW_ALL_LIMIT;
  const text = cut ? message.text.slice(0, cutAt) : message.text;
  const more = cut && (
    <p className="tracy-truncated">
      <span className="tracy-muted">
        {labels.messageShowing({ shown: format.compact(cutAt), total: format.compact(message.text.length) })}
        {!showable && ` ${labels.messageTooLong}`}
      </span>{" "}
      {showable ? (
        <button
          type="button"
          className="tracy-button"
          disabled={revealing}
          aria-busy={revealing}
          onClick={() => startReveal(() => setFull(true))}
        >
          {revealing ? labels.showingFullMessage : labels.showFullMessage}
        </button>
      ) : (
        <CopyButton getText={() => message.text} label={labels.copyFullMessage} />
      )}
    </p>
  );
  if (message.role === "user") {
    return (
      <div className="tracy-message" data-role="user">
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
    >
      <div className="tracy-message-author">{labels.agent}</div>
      {text ? <Markdown text={text} streaming={message.streaming} /> : <span className="tracy-muted">{labels.replyPending}</span>}
      {more}
    </div>
  );
});
