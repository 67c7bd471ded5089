import { memo } from "react";
import { useTracyActions } from "../react/use-tracy";
import { useComposerInputRef } from "./composer-input";
import type { ErrorItem, NoticeItem } from "../protocol/transcript";
import type { TracyFormat } from "../labels/format";
import { useFormat, useLabels } from "../labels/labels-context";
import { NewConversationButton } from "./conversations/new-conversation-button";
import type { TracyLabels } from "../labels/tracy-labels";

const RETRY_WORDS = {
  retrying: "sessionRetrying",
  exhausted: "sessionRetriesExhausted",
  terminal: "sessionTerminal",
} as const satisfies Record<NonNullable<ErrorItem["retry"]>, keyof TracyLabels>;

/** A `session.error`: what went wrong upstream and whether Tracy is still trying. */
export const ErrorView = memo(function ErrorView({ error }: { error: ErrorItem }) {
  const recovering = error.retry === "retrying";
  const labels = useLabels();
  const format = useFormat();
  return (
    <div className="tracy-event-error" role={recovering ? "status" : "alert"} data-retry={error.retry ?? undefined}>
      <strong>{recovering ? labels.sessionHiccup : labels.sessionError} </strong>
      {errorText(error, labels, format)}
      {error.retry && <div className="tracy-muted">{labels[RETRY_WORDS[error.retry]]}</div>}
    </div>
  );
});

/** The session's words for an error, or its type when it sent none. */
export function errorText(error: ErrorItem, labels: Readonly<TracyLabels>, format: TracyFormat): string {
  return clip(error.message, labels, format) || labels.sessionErrorType(error.errorType);
}

/** Notices after which this conversation takes no more questions: they offer a new one. */
const ENDS_CONVERSATION: ReadonlySet<NoticeItem["notice"]> = new Set(["terminated", "budget_reached"]);

export const NoticeView = memo(function NoticeView({ notice }: { notice: NoticeItem }) {
  const labels = useLabels();
  return (
    <div className="tracy-notice" data-notice={notice.notice} role="note">
      {noticeText(labels, notice)}
      {ENDS_CONVERSATION.has(notice.notice) && (
        <>
          {" "}
          <NewConversationButton />
        </>
      )}
    </div>
  );
});

export function noticeText(labels: Readonly<TracyLabels>, { notice, detail }: NoticeItem): string {
  switch (notice) {
    case "interrupted":
      return labels.noticeInterrupted;
    case "terminated":
      return labels.noticeTerminated;
    case "budget_reached":
      return labels.noticeBudgetReached;
    case "retries_exhausted":
      return labels.noticeRetriesExhausted;
    case "refusal":
      return detail ?? labels.noticeRefusal;
    case "thread_created":
      return labels.noticeThreadCreated(detail ?? "");
    case "context_compacted":
      return labels.noticeContextCompacted;
  }
}

/** Error text from upstream is shown whole up to a point; past it, layout of one giant word can freeze the page. */
function clip(message: string, labels: Readonly<TracyLabels>, format: TracyFormat): string {
  return message.length > 4_000
    ? `${message.slice(0, 4_000)}… ${labels.clippedCharacters(format.count(message.length))}`
    : message;
}

/** Under a turn that ended in an error: sends its question again, as a new message (see `retryTurn`). */
export function RetryTurn() {
  const labels = useLabels();
  const actions = useTracyActions();
  const input = useComposerInputRef();
  return (
    <div className="tracy-retry-turn">
      <button
        type="button"
        className="tracy-button"
        // The button goes away once the question is sent again: focus goes where the next question is typed.
        onClick={() => actions.retryTurn() && input?.current?.focus()}
      >
        {labels.retryTurn}
      </button>
    </div>
  );
}
