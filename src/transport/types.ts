import type { OutgoingEvent } from "../protocol/events";

/** What the panel knows about the host's context, sent with every request. */
export interface TracyRequestContext {
  tenantId: string;
  traceId: string | null;
}

export interface CreatedSession {
  id: string;
}

/** One of the caller's conversations in a tenant, as `GET /sessions` lists it. */
export interface SessionSummary {
  id: string;
  /** The first question, shortened by the backend; null before one was asked. */
  title: string | null;
  /** The trace the conversation began on, or null. */
  traceId: string | null;
  /** When it was created (an ISO 8601 string as sent), or null when the backend sent none. */
  createdAt: string | null;
}

/** One page of `GET /sessions`, newest first. */
export interface SessionPage {
  data: SessionSummary[];
  next_page: string | null;
}

/** One page of `GET /sessions/{id}/events` (the Managed Agents list shape). */
export interface EventPage {
  data: unknown[];
  next_page: string | null;
}

export interface StreamHandlers {
  /** Called each time a connection opens, including reconnects. */
  onOpen?(): void;
  /** Raw parsed JSON of each SSE data message, with its SSE id when it had one. */
  onEvent(event: unknown, sseId: string | undefined): void;
  /** A data message that is not JSON. The stream goes on. */
  onMalformed?(raw: string, error: Error): void;
  /** A connection failed and will be retried after `delayMs`. */
  onReconnecting?(error: Error, attempt: number, delayMs: number): void;
}

export interface StreamOptions extends StreamHandlers {
  lastEventId: string | null;
  signal: AbortSignal;
}

/**
 * The endpoints of protocol v1 (four required, the session list optional). The HTTP implementation is the default;
 * tests and stories inject an in-memory one.
 */
export interface TracyTransport {
  createSession(ctx: TracyRequestContext, signal: AbortSignal): Promise<CreatedSession>;
  listEvents(
    ctx: TracyRequestContext,
    sessionId: string,
    page: { limit?: number; page?: string | null },
    signal: AbortSignal,
  ): Promise<EventPage>;
  sendEvents(
    ctx: TracyRequestContext,
    sessionId: string,
    events: OutgoingEvent[],
    idempotencyKey: string,
    signal: AbortSignal,
  ): Promise<{ data: unknown[] }>;
  /** Resolves when the signal aborts; reconnects on its own with backoff. Rejects on a fatal error. */
  streamEvents(ctx: TracyRequestContext, sessionId: string, options: StreamOptions): Promise<void>;
  /**
   * The caller's conversations in `ctx.tenantId`, newest first (`GET /sessions`, optional in
   * protocol v1). Leave it out, or reject with a 404/405 `TracyHttpError`, when the backend has no
   * list: the panel then offers no conversation list.
   */
  listSessions?(
    ctx: TracyRequestContext,
    page: { limit?: number; page?: string | null },
    signal: AbortSignal,
  ): Promise<SessionPage>;
}
