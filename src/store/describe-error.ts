import { STREAM_ENDED, TracyHeadersError, TracyHttpError } from "../transport/errors";

/** An error as the panel shows it: what happened, and what the user can do. */
export interface PanelError {
  title: string;
  detail: string;
  /** HTTP status, 0 for network failures, null for non-HTTP problems. */
  status: number | null;
  /** Whether trying the same thing again can help. */
  retryable: boolean;
}

export function describeError(error: unknown, action: string): PanelError {
  if (error instanceof TracyHeadersError) {
    return {
      title: "Couldn't get credentials for Tracy",
      detail: [
        `The panel's backend.headers() failed: ${asSentence(error.message) || "no reason given."}`,
        "Sign in again if needed, then try again.",
      ].join(" "),
      status: null,
      retryable: true,
    };
  }
  if (!(error instanceof TracyHttpError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { title: `Couldn't ${action}`, detail, status: null, retryable: true };
  }
  const { status, message } = error;
  const base = { status, detail: message };
  if (error.errorType === STREAM_ENDED) {
    return {
      ...base,
      title: "Tracy's event stream keeps ending",
      detail: `${asSentence(message)} The backend, or a proxy in front of it, answers but cannot stream. Try again in a moment.`,
      retryable: true,
    };
  }
  if (status === 0) {
    return { ...base, title: "Can't reach Tracy", detail: "Check your connection, then try again.", retryable: true };
  }
  if (status === 401) {
    return { ...base, title: "Your sign-in has expired", detail: "Sign in again, then try again.", retryable: true };
  }
  if (status === 403) {
    return {
      ...base,
      title: "No access",
      detail: ["You don't have access to Tracy for this tenant.", asSentence(message), "Ask an admin for access."]
        .filter(Boolean)
        .join(" "),
      retryable: false,
    };
  }
  if (status === 404) {
    return {
      ...base,
      title: "Conversation not found",
      detail: "It may have been deleted, or it belongs to another tenant. Start a new one.",
      retryable: false,
    };
  }
  if (status === 409) {
    return {
      ...base,
      title: "Tracy is still answering",
      detail: "Wait for the current answer, or press Stop, then try again.",
      retryable: true,
    };
  }
  if (status === 429) {
    const wait = error.retryAfter !== null ? ` in ${Math.ceil(error.retryAfter)} s` : " in a moment";
    return { ...base, title: "Too many requests", detail: `Tracy is rate limited. Try again${wait}.`, retryable: true };
  }
  if (status >= 500) {
    return {
      ...base,
      title: "Tracy is unavailable",
      detail: `The backend had a problem (HTTP ${status}). Try again in a moment.`,
      retryable: true,
    };
  }
  return { ...base, title: `Couldn't ${action}`, detail: message, retryable: status < 400 || status >= 500 };
}

/** The backend's own words, ending like a sentence so more can follow. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
