import { TracyHttpError, type TracyTransport } from "../src/core";
import { errorFromResponse } from "../src/transport/errors";

/**
 * Faults put between the panel and the in-memory demo backend, so a story can show what a
 * user sees when the network or the backend misbehaves. Each wraps a transport and returns one.
 */

export type TransportRequest = "createSession" | "listEvents" | "sendEvents" | "streamEvents";

/** What a send makes: the session (on the first message), then the message. */
export const SEND_REQUESTS: readonly TransportRequest[] = ["createSession", "sendEvents"];

export interface RequestFailure {
  requests: readonly TransportRequest[];
  /** How many of those requests fail, counted together, before the backend answers again. */
  times: number;
  /** How many of them go through before the failures start. */
  after?: number;
  /** The error each failure rejects with. A failing `streamEvents` is a stream the transport gave up on. */
  error: () => Error | Promise<Error>;
}

export function failRequests(transport: TracyTransport, failure: RequestFailure): TracyTransport {
  let passed = 0;
  let failed = 0;
  const fails = (request: TransportRequest): Promise<never> | null => {
    if (!failure.requests.includes(request)) return null;
    if (passed < (failure.after ?? 0)) {
      passed += 1;
      return null;
    }
    if (failed >= failure.times) return null;
    failed += 1;
    return Promise.resolve(failure.error()).then((error) => Promise.reject(error));
  };
  return {
    ...transport,
    createSession: (ctx, signal) => fails("createSession") ?? transport.createSession(ctx, signal),
    listEvents: (ctx, sessionId, page, signal) =>
      fails("listEvents") ?? transport.listEvents(ctx, sessionId, page, signal),
    sendEvents: (ctx, sessionId, events, key, signal) =>
      fails("sendEvents") ?? transport.sendEvents(ctx, sessionId, events, key, signal),
    streamEvents: (ctx, sessionId, options) => fails("streamEvents") ?? transport.streamEvents(ctx, sessionId, options),
  };
}

/** The error the HTTP transport makes of a backend's error answer (Anthropic error body, headers such as Retry-After). */
export function httpError(status: number, message: string, headers: Record<string, string> = {}): Promise<Error> {
  const body = JSON.stringify({ type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } });
  return errorFromResponse(new Response(body, { status, headers: { "Content-Type": "application/json", ...headers } }));
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  409: "invalid_request_error",
  429: "rate_limit_error",
  503: "overloaded_error",
};

/** What the HTTP transport reports when fetch itself fails: offline, DNS, CORS. */
export function networkError(): Error {
  return new TracyHttpError(0, "Failed to fetch");
}

/** Session creation never answers, so the first message stays "Sending…". */
export function neverCreateSession(transport: TracyTransport): TracyTransport {
  return { ...transport, createSession: (_ctx, signal) => unanswered(signal) };
}

function unanswered(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(new DOMException("The request was aborted.", "AbortError")), {
      once: true,
    });
  });
}

/*
 * Real time, not the backend's speed: the client's stall watchdog is the HTTP transport's
 * `stallTimeoutMs`, shortened so that a story shows it; the reconnect delay keeps
 * "Reconnecting…" on screen long enough to see.
 */
const STALL_MS = 300;
const STALL_RECONNECT_MS = 700;

/**
 * The first stream connection opens and then carries nothing, as behind a proxy that holds the
 * socket: the watchdog gives up on it and the next connection catches up from the history.
 */
export function stallFirstStream(transport: TracyTransport): TracyTransport {
  let stalled = false;
  return {
    ...transport,
    streamEvents(ctx, sessionId, options) {
      if (stalled) return transport.streamEvents(ctx, sessionId, options);
      stalled = true;
      const { signal } = options;
      return new Promise<void>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        signal.addEventListener("abort", onAbort, { once: true });
        queueMicrotask(() => {
          if (signal.aborted) return;
          options.onOpen?.();
          timer = setTimeout(() => {
            const error = new TracyHttpError(0, `No data from the event stream for ${STALL_MS} ms.`);
            options.onReconnecting?.(error, 1, STALL_RECONNECT_MS);
            timer = setTimeout(() => {
              signal.removeEventListener("abort", onAbort);
              transport.streamEvents(ctx, sessionId, options).then(resolve, reject);
            }, STALL_RECONNECT_MS);
          }, STALL_MS);
        });
      });
    },
  };
}

/** The first stream connection starts with a data line that is not JSON (the demo server's `?fault=malformed`). */
export function malformedFirstEvent(transport: TracyTransport): TracyTransport {
  let sent = false;
  return {
    ...transport,
    streamEvents: (ctx, sessionId, options) =>
      transport.streamEvents(ctx, sessionId, {
        ...options,
        onOpen() {
          options.onOpen?.();
          if (sent) return;
          sent = true;
          options.onMalformed?.("{not json", new SyntaxError("Expected property name or '}' in JSON at position 1"));
        },
      }),
  };
}
