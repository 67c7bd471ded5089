import { EventStreamContentType, fetchEventSource } from "@microsoft/fetch-event-source";
import { RECONNECT_DEFAULTS, backoffDelay } from "./backoff";
import { parseJson, stringifyJson } from "../protocol/exact-json";
import { joinUrl, resolveHeaders, type TracyBackendConfig } from "./backend-config";
import { STREAM_ENDED, TracyHeadersError, TracyHttpError, errorFromResponse, isAbortError } from "./errors";
import { sessionSummaries } from "./session-summaries";
import { connectionController, StreamStalled, watchForStall } from "./stall-watch";
import { blobFetchWorkers, createWorkerFetch } from "./worker-fetch";
import type { CreatedSession, EventPage, StreamOptions, TracyRequestContext, TracyTransport } from "./types";

const DEFAULT_STALL_MS = 45_000;

/**
 * A connection that delivered an event, or stayed open this long, worked: its end starts a fresh
 * retry budget. One that ends sooner, silent (a proxy that answers 200 and then loses its upstream),
 * counts as a failed attempt, so it backs off and eventually gives up instead of spinning.
 */
const HEALTHY_CONNECTION_MS = 10_000;

class StreamClosed extends Error {
  override readonly name = "StreamClosed";
}

/** Protocol v1 over HTTP: JSON endpoints with fetch, the event stream over fetch-event-source. */
export function createHttpTransport(config: TracyBackendConfig): TracyTransport {
  const doFetch: typeof fetch = (...args) => (config.fetch ?? globalThis.fetch)(...args);
  const workerFetch = createWorkerFetch(doFetch, blobFetchWorkers());
  // A host's own fetch (credentials, tracing, a test double) is used as given, on the page.
  const streamFetch: typeof fetch = (...args) =>
    (config.fetch || config.streamInWorker === false ? doFetch : workerFetch)(...args);
  const url = (path: string) => joinUrl(config.baseUrl, path);
  const sessionPath = (id: string) => `/sessions/${encodeURIComponent(id)}`;

  async function headersFor(ctx: TracyRequestContext): Promise<Record<string, string>> {
    let host: Record<string, string>;
    try {
      host = await resolveHeaders(config);
    } catch (error) {
      throw new TracyHeadersError(error);
    }
    const headers: Record<string, string> = { ...host, "X-Tenant-Id": ctx.tenantId };
    if (ctx.traceId) headers["X-Trace-Id"] = ctx.traceId;
    return headers;
  }

  /** One attempt, never retried here: a retry is the caller's decision (same Idempotency-Key). */
  async function requestJson<T>(
    ctx: TracyRequestContext,
    path: string,
    init: { method: "GET" | "POST"; body?: unknown; headers?: Record<string, string> },
    signal: AbortSignal,
  ): Promise<T> {
    const headers: Record<string, string> = { ...(await headersFor(ctx)), Accept: "application/json", ...init.headers };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await doFetch(url(path), {
        method: init.method,
        headers,
        signal,
        ...(init.body !== undefined ? { body: stringifyJson(init.body) ?? "null" } : {}),
      });
    } catch (error) {
      if (isAbortError(error) || signal.aborted) throw error;
      throw new TracyHttpError(0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await errorFromResponse(response);
    try {
      // Ids beyond 2^53 in history and echoed events stay exact (JSON.parse would round them).
      return parseJson(await response.text()) as T;
    } catch {
      throw new TracyHttpError(response.status, "The Tracy backend sent a response that is not JSON.", null, null, {
        code: "not-json",
      });
    }
  }

  return {
    async createSession(ctx, signal) {
      const created = await requestJson<Partial<CreatedSession>>(
        ctx,
        "/sessions",
        { method: "POST", body: { tenant_id: ctx.tenantId, trace_id: ctx.traceId } },
        signal,
      );
      if (typeof created.id !== "string" || created.id === "") {
        throw new TracyHttpError(200, "The Tracy backend created a session but returned no id.", null, null, {
          code: "no-session-id",
        });
      }
      return { id: created.id };
    },

    async listSessions(ctx, page, signal) {
      const result = await requestJson<unknown>(ctx, `/sessions${pageQuery(page)}`, { method: "GET" }, signal);
      return sessionSummaries(result);
    },

    async listEvents(ctx, sessionId, page, signal) {
      const qs = pageQuery(page).slice(1);
      const result = await requestJson<Partial<EventPage>>(
        ctx,
        `${sessionPath(sessionId)}/events${qs ? `?${qs}` : ""}`,
        { method: "GET" },
        signal,
      );
      return {
        data: Array.isArray(result.data) ? result.data : [],
        next_page: typeof result.next_page === "string" && result.next_page ? result.next_page : null,
      };
    },

    async sendEvents(ctx, sessionId, events, idempotencyKey, signal) {
      const result = await requestJson<{ data?: unknown }>(
        ctx,
        `${sessionPath(sessionId)}/events`,
        { method: "POST", body: { events }, headers: { "Idempotency-Key": idempotencyKey } },
        signal,
      );
      return { data: Array.isArray(result.data) ? result.data : [] };
    },

    streamEvents(ctx, sessionId, options) {
      return openStream(url(`${sessionPath(sessionId)}/events/stream?event_deltas=agent.message`), options, () =>
        headersFor(ctx),
      );
    },
  };

  function openStream(
    streamUrl: string,
    options: StreamOptions,
    headers: () => Promise<Record<string, string>>,
  ): Promise<void> {
    const { signal } = options;
    let attempt = 0;
    let openStatus = 200;
    /** When the current connection opened; null between connections. */
    let openedAt: number | null = null;
    let delivered = false;
    const initialHeaders: Record<string, string> = {};
    // fetch-event-source keeps this header up to date from each message's `id` on its own retries.
    if (options.lastEventId) initialHeaders["last-event-id"] = options.lastEventId;

    return fetchEventSource(streamUrl, {
      signal,
      headers: initialHeaders,
      // The default (false) aborts and re-opens on tab switches; with POST-free streams that is
      // only churn, and it is the root of duplicate-answer bugs in other clients.
      openWhenHidden: true,
      // Host headers are re-resolved for every attempt so a refreshed token is used on reconnect.
      fetch: async (input, init) => {
        const base = (init?.headers ?? {}) as Record<string, string>;
        const connection = connectionController(init?.signal);
        // Never through the HTTP cache: Firefox held a reconnect behind the dropped stream's cache entry (same URL)
        // for 20 s.
        const response = await streamFetch(input, {
          ...init,
          signal: connection.signal,
          cache: "no-store",
          headers: { ...base, ...(await headers()) },
        });
        return watchForStall(response, config.stallTimeoutMs ?? DEFAULT_STALL_MS, connection);
      },
      async onopen(response) {
        if (!response.ok) throw await errorFromResponse(response);
        const type = response.headers.get("content-type") ?? "";
        if (!type.startsWith(EventStreamContentType)) {
          throw new TracyHttpError(
            response.status,
            `Expected an event stream, got “${type || "no content type"}”.`,
            null,
            null,
            { code: "not-event-stream", contentType: type },
          );
        }
        openStatus = response.status;
        openedAt = Date.now();
        delivered = false;
        options.onOpen?.();
      },
      onmessage(message) {
        if (message.data === "") return;
        let parsed: unknown;
        try {
          parsed = parseJson(message.data);
        } catch (error) {
          options.onMalformed?.(message.data, error instanceof Error ? error : new Error(String(error)));
          return;
        }
        delivered = true;
        options.onEvent(parsed, message.id || undefined);
      },
      onclose() {
        // The server ended the response; the session may still be live, so reconnect.
        throw new StreamClosed("The event stream was closed by the server.");
      },
      onerror(error: unknown) {
        if (signal.aborted) throw error;
        if (error instanceof TracyHeadersError) throw error;
        const worked = openedAt !== null && (delivered || Date.now() - openedAt >= HEALTHY_CONNECTION_MS);
        openedAt = null;
        if (worked) attempt = 0;
        attempt += 1;
        const httpError =
          error instanceof StreamClosed && !worked
            ? new TracyHttpError(
                openStatus,
                `The event stream ended as soon as it opened, ${plural(attempt, "time")} in a row.`,
                STREAM_ENDED,
                null,
                { code: "stream-ended", times: attempt },
              )
            : toHttpError(error);
        const reconnect = config.reconnect ?? {};
        if (isFatal(httpError) || attempt > (reconnect.maxAttempts ?? RECONNECT_DEFAULTS.maxAttempts)) throw httpError;
        const delay =
          httpError.retryAfter !== null
            ? httpError.retryAfter * 1000
            : error instanceof StreamClosed && attempt === 1
              ? 0
              : backoffDelay(attempt, reconnect.baseDelayMs, reconnect.maxDelayMs);
        options.onReconnecting?.(httpError, attempt, delay);
        return delay;
      },
    });
  }
}

/** `?limit=N&page=CURSOR`, or "" when neither is set. */
function pageQuery(page: { limit?: number; page?: string | null }): string {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set("limit", String(page.limit));
  if (page.page) query.set("page", page.page);
  const qs = query.toString();
  return qs ? `?${qs}` : "";
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function toHttpError(error: unknown): TracyHttpError {
  if (error instanceof TracyHttpError) return error;
  if (error instanceof StreamClosed || error instanceof StreamStalled) return new TracyHttpError(0, error.message);
  return new TracyHttpError(0, error instanceof Error ? error.message : String(error));
}

/** Client errors won't fix themselves by retrying; 408 and 429 will. */
function isFatal(error: TracyHttpError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
