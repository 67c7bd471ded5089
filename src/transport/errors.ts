/**
 * A failure the transport itself found, as a code and its data: the views word it in the panel's
 * language (the error's `message` stays English, for logs).
 */
export type TransportProblem =
  /** A JSON endpoint answered with something else. */
  | { code: "not-json" }
  /** The event stream endpoint answered with another content type ("" when none). */
  | { code: "not-event-stream"; contentType: string }
  /** The event stream kept ending as soon as it opened, `times` in a row. */
  | { code: "stream-ended"; times: number }
  /** Creating a session answered without the session's id. */
  | { code: "no-session-id" };

/** A failed request to the Tracy backend, with what the UI needs to explain it. */
export class TracyHttpError extends Error {
  override readonly name = "TracyHttpError";
  constructor(
    /** HTTP status; 0 when the request never got an answer (network, CORS, offline). */
    readonly status: number,
    message: string,
    /** Anthropic error type from the body (`rate_limit_error`, …) when there was one. */
    readonly errorType: string | null = null,
    /** Seconds from `Retry-After`, when the server sent it. */
    readonly retryAfter: number | null = null,
    /** What the transport found wrong, when the failure is its own rather than the backend's. */
    readonly problem: TransportProblem | null = null,
  ) {
    super(message);
  }
}

/**
 * The host's `backend.headers()` threw (or rejected), so no request could be made. Retrying on
 * our own would only hide the reason: it is reported at once, with the host's message.
 */
export class TracyHeadersError extends Error {
  override readonly name = "TracyHeadersError";
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** `errorType` of a stream that kept ending as soon as it opened (a 200, then nothing). */
export const STREAM_ENDED = "stream_ended";

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === "AbortError"
    : error instanceof Error && error.name === "AbortError";
}

/** Builds the error for a non-2xx answer, tolerating any body (HTML error pages, empty, plain text). */
export async function errorFromResponse(response: Response): Promise<TracyHttpError> {
  let body = "";
  try {
    body = await response.text();
  } catch {
    // The body is only a nicety: the status alone still explains the failure.
  }
  let message = "";
  let type: string | null = null;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) {
      const err = (parsed as { error: unknown }).error;
      if (typeof err === "object" && err !== null) {
        const e = err as { message?: unknown; type?: unknown };
        if (typeof e.message === "string") message = e.message;
        if (typeof e.type === "string") type = e.type;
      } else if (typeof err === "string") {
        message = err;
      }
    }
  } catch {
    if (!/^\s*</.test(body)) message = body.trim().slice(0, 300);
  }
  return new TracyHttpError(
    response.status,
    message || response.statusText || `HTTP ${response.status}`,
    type,
    parseRetryAfter(response.headers.get("retry-after")),
  );
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}
