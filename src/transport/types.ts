import type { OutgoingEvent } from "../protocol/events";

/** What the panel knows about the host's context, sent with every request. */
export interface TracyRequestContext {
  tenantId: string;
  traceId: string | null;
}

export interface CreatedSession {
  id: string;
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
 * The four endpoints of protocol v1. The HTTP implementation is the default;
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
}
