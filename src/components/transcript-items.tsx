import { memo } from "react";
import type { ErrorItem, NoticeItem } from "../protocol/transcript";

const RETRY_WORDS: Record<NonNullable<ErrorItem["retry"]>, string> = {
  retrying: "Tracy is retrying on its own.",
  exhausted: "Tracy gave up after several retries. Ask again to continue.",
  terminal: "This error can't be retried. Ask again, or start a new conversation.",
};

/** A `session.error`: what went wrong upstream and whether Tracy is still trying. */
export const ErrorView = memo(function ErrorView({ error }: { error: ErrorItem }) {
  const recovering = error.retry === "retrying";
  return (
    <div className="tracy-event-error" role={recovering ? "status" : "alert"} data-retry={error.retry ?? undefined}>
      <strong>{recovering ? "Hiccup: " : "Error: "}</strong>
      {clip(error.message) || humanize(error.errorType)}
      {error.retry && <div className="tracy-muted">{RETRY_WORDS[error.retry]}</div>}
    </div>
  );
});

export const NoticeView = memo(function NoticeView({ notice }: { notice: NoticeItem }) {
  return (
    <div className="tracy-notice" data-notice={notice.notice} role="note">
      {notice.text}
    </div>
  );
});

/** Error text from upstream is shown whole up to a point; past it, layout of one giant word can freeze the page. */
function clip(message: string): string {
  return message.length > 4_000
    ? `${message.slice(0, 4_000)}… (${message.length.toLocaleString()} characters)`
    : message;
}

function humanize(type: string): string {
  const words = type.replace(/_error$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1) + ".";
}
