import type { PanelError, PanelProblem } from "../store/describe-error";
import type { PanelWarning } from "../store/panel-warning";
import type { TracyFormat } from "./format";
import type { TracyLabels } from "./tracy-labels";

/** A panel error in words: a title and what the user can do. */
export function panelErrorText(
  labels: Readonly<TracyLabels>,
  format: TracyFormat,
  error: PanelError,
): { title: string; detail: string } {
  const message = asSentence(error.message);
  switch (error.kind) {
    case "credentials":
      return { title: labels.errorCredentialsTitle, detail: labels.errorCredentialsDetail(message) };
    case "stream-ended": {
      const times =
        error.problem?.code === "stream-ended" ? labels.problemStreamEnded(format.count(error.problem.times)) : message;
      return { title: labels.errorStreamEndedTitle, detail: labels.errorStreamEndedDetail(times) };
    }
    case "unreachable":
      return { title: labels.errorUnreachableTitle, detail: labels.errorUnreachableDetail };
    case "signed-out":
      return { title: labels.errorSignedOutTitle, detail: labels.errorSignedOutDetail };
    case "forbidden":
      return { title: labels.errorForbiddenTitle, detail: labels.errorForbiddenDetail(message) };
    case "not-found":
      return { title: labels.errorNotFoundTitle, detail: labels.errorNotFoundDetail };
    case "busy":
      return { title: labels.errorBusyTitle, detail: labels.errorBusyDetail };
    case "rate-limited": {
      const seconds = error.retryAfter === null ? null : format.number(Math.ceil(error.retryAfter));
      return { title: labels.errorRateLimitedTitle, detail: labels.errorRateLimitedDetail(seconds) };
    }
    case "unavailable":
      return { title: labels.errorUnavailableTitle, detail: labels.errorUnavailableDetail(error.status ?? 500) };
    case "history-loop":
      return { title: labels.errorFailedTitle(error), detail: labels.errorHistoryLoopDetail };
    case "tool-interrupted":
      return { title: labels.errorToolInterruptedTitle(error.tool ?? ""), detail: labels.errorToolInterruptedDetail };
    case "failed":
      return { title: labels.errorFailedTitle(error), detail: problemText(labels, error.problem) ?? error.message };
  }
}

export function panelWarningText(labels: Readonly<TracyLabels>, format: TracyFormat, warning: PanelWarning): string {
  switch (warning.kind) {
    case "unreadable-event":
      return labels.warningUnreadableEvent(warning.reason && labels.decodeFailure(warning.reason));
    case "unreadable-history":
      return labels.warningUnreadableHistory(format.count(warning.count));
    case "unshown-events":
      return labels.warningUnshownEvents(format.count(warning.count));
  }
}

/** A failure the panel found itself, in words; undefined when the backend's own message explains it. */
function problemText(labels: Readonly<TracyLabels>, problem: PanelProblem | undefined): string | undefined {
  switch (problem?.code) {
    case "not-json":
      return labels.problemNotJson;
    case "not-event-stream":
      return labels.problemNotEventStream(problem.contentType);
    case "no-session-id":
      return labels.problemNoSessionId;
    case "answer-unsent":
      return labels.problemAnswerUnsent;
    case "stream-ended":
    case undefined:
      return undefined;
  }
}

/** The backend's own words, ending like a sentence so more can follow. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
