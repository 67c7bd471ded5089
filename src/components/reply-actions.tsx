import { useId, useRef, useState } from "react";
import { useTracy, useTracyActions } from "../react/use-tracy";
import { FEEDBACK_COMMENT_LIMIT, selectReplyFeedback } from "../store/reply-feedback";
import { useLabels } from "../labels/labels-context";
import { CopyButton } from "./copy-button";

type Rating = "up" | "down";

/**
 * Under a finished reply: Copy (its markdown source) and thumbs up/down. A thumb records the rating
 * at once and opens a small form for an optional comment; Escape or Cancel closes it, keeping the rating.
 */
export function ReplyActions({ eventId, text }: { eventId: string; text: string }) {
  const labels = useLabels();
  const actions = useTracyActions();
  const feedback = useTracy((s) => selectReplyFeedback(s, eventId));
  const [open, setOpen] = useState<Rating | null>(null);
  const [thanked, setThanked] = useState(false);
  const thumbs = { up: useRef<HTMLButtonElement>(null), down: useRef<HTMLButtonElement>(null) };

  const rate = (rating: Rating, comment?: string) => {
    if (actions.rateReply(eventId, rating, comment)) setThanked(true);
  };
  const choose = (rating: Rating) => {
    // The comment belongs to the rating it was written for.
    rate(rating, feedback?.rating === rating ? feedback.comment : undefined);
    setOpen(rating);
  };
  const close = (rating: Rating) => {
    setOpen(null);
    thumbs[rating].current?.focus();
  };

  return (
    <>
      <div className="tracy-reply-actions" role="group" aria-label={labels.replyActions}>
        <CopyButton getText={() => text} label={labels.copyReply} />
        {(["up", "down"] as const).map((rating) => (
          <button
            key={rating}
            ref={thumbs[rating]}
            type="button"
            className="tracy-thumb"
            data-rating={rating}
            aria-pressed={feedback?.rating === rating}
            aria-expanded={open === rating}
            aria-label={rating === "up" ? labels.feedbackUp : labels.feedbackDown}
            title={rating === "up" ? labels.feedbackUp : labels.feedbackDown}
            onClick={() => (open === rating ? close(rating) : choose(rating))}
          >
            <ThumbIcon />
          </button>
        ))}
        <span role="status" className="tracy-visually-hidden">
          {thanked ? labels.feedbackThanks : ""}
        </span>
      </div>
      {open && (
        <FeedbackForm
          key={open}
          initial={feedback?.rating === open ? (feedback.comment ?? "") : ""}
          onSubmit={(comment) => {
            rate(open, comment);
            close(open);
          }}
          onCancel={() => close(open)}
        />
      )}
    </>
  );
}

function FeedbackForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial: string;
  onSubmit: (comment: string) => void;
  onCancel: () => void;
}) {
  const labels = useLabels();
  const id = useId();
  const [comment, setComment] = useState(initial);
  return (
    <form
      className="tracy-feedback-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(comment);
      }}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        // Stops here: Escape in the composer stops a reply, and the host page may close the panel on it.
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }}
    >
      <label htmlFor={id}>{labels.feedbackComment}</label>
      <textarea
        id={id}
        className="tracy-feedback-comment"
        rows={2}
        maxLength={FEEDBACK_COMMENT_LIMIT}
        value={comment}
        // The form opens from the thumb the user just pressed: typing goes straight in.
        autoFocus
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="tracy-actions">
        <button type="submit" className="tracy-button tracy-button-primary">
          {labels.feedbackSubmit}
        </button>
        <button type="button" className="tracy-button tracy-button-quiet" onClick={onCancel}>
          {labels.feedbackCancel}
        </button>
      </div>
    </form>
  );
}

/** A thumb pointing up; CSS turns the down one over. */
function ThumbIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M7 10v12" />
      <path d="M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z" />
    </svg>
  );
}
