import { memo } from "react";
import type { MessageItem } from "../protocol/transcript";
import { Markdown } from "./markdown";

/** A user message as plain text; an agent message as safe markdown. Memoised: finished messages never re-render. */
export const MessageView = memo(function MessageView({ message }: { message: MessageItem }) {
  if (message.role === "user") {
    return (
      <div className="tracy-message" data-role="user">
        <div className="tracy-message-author">You</div>
        <div className="tracy-message-text">{message.text}</div>
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
      <div className="tracy-message-author">Tracy</div>
      {message.text ? (
        <Markdown text={message.text} streaming={message.streaming} />
      ) : (
        <span className="tracy-muted">…</span>
      )}
    </div>
  );
});
