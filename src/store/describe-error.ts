import { STREAM_ENDED, TracyHeadersError, TracyHttpError, type TransportProblem } from "../transport/errors";

/** What went wrong, as a code: the views word it (see `TracyLabels`). */
export type PanelErrorKind =
  | "credentials"
  | "stream-ended"
  | "unreachable"
  | "signed-out"
  | "forbidden"
  | "not-found"
  | "busy"
  | "rate-limited"
  | "unavailable"
  | "history-loop"
  | "tool-interrupted"
  | "failed";

/**
 * A failure the panel itself found, as a code and its data for the views to word: the transport's, or a
 * client tool's answer the page closed before sending.
 */
export type PanelProblem = TransportProblem | { code: "answer-unsent" };

/** What the panel was doing when it failed. */
export type PanelAction = "send" | "connect" | "load" | "stop" | "confirm" | "tool-result";

/** An error as the panel shows it: a code and its data; the views turn it into words. */
export interface PanelError {
  kind: PanelErrorKind;
  action: PanelAction;
  /** The backend's or the error's own words ("" when none): data shown as it came, never UI text. */
  message: string;
  /** HTTP status, 0 for network failures, null for non-HTTP problems. */
  status: number | null;
  /** Whether trying the same thing again can help. */
  retryable: boolean;
  /** Seconds the backend asked to wait (429 `Retry-After`), when it said. */
  retryAfter: number | null;
  /** The client tool concerned, for `tool-result` actions. */
  tool: string | null;
  /** Set when the panel found the failure itself: the views word it instead of `message`. */
  problem?: PanelProblem;
}

export function describeError(error: unknown, action: PanelAction, tool: string | null = null): PanelError {
  const base = { action, tool, retryAfter: null, status: null, retryable: true };
  if (error instanceof TracyHeadersError) return { ...base, kind: "credentials", message: error.message };
  if (!(error instanceof TracyHttpError)) {
    const message = error instanceof Error ? error.message : String(error);
    // Matched by name: the error classes live with the stores that throw them.
    const name = error instanceof Error ? error.name : "";
    if (name === "AnswerUnsentError") return { ...base, kind: "failed", message, problem: { code: "answer-unsent" } };
    return { ...base, kind: name === "HistoryLoopError" ? "history-loop" : "failed", message };
  }
  const { status, message } = error;
  const http = { ...base, status, message, ...(error.problem ? { problem: error.problem } : {}) };
  if (error.errorType === STREAM_ENDED) return { ...http, kind: "stream-ended" };
  if (status === 0) return { ...http, kind: "unreachable" };
  if (status === 401) return { ...http, kind: "signed-out" };
  if (status === 403) return { ...http, kind: "forbidden", retryable: false };
  if (status === 404) return { ...http, kind: "not-found", retryable: false };
  if (status === 409) return { ...http, kind: "busy" };
  if (status === 429) return { ...http, kind: "rate-limited", retryAfter: error.retryAfter };
  if (status >= 500) return { ...http, kind: "unavailable" };
  return { ...http, kind: "failed", retryable: status < 400 || status >= 500 };
}

/** A client tool whose run the page closed on: it has no result to send yet. */
export function toolInterrupted(tool: string): PanelError {
  return {
    kind: "tool-interrupted",
    action: "tool-result",
    tool,
    message: "",
    status: null,
    retryable: true,
    retryAfter: null,
  };
}
