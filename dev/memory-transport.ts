import { TracyHttpError } from "../src/transport/errors";
import type {
  CreatedSession,
  EventPage,
  StreamOptions,
  TracyRequestContext,
  TracyTransport,
} from "../src/transport/types";
import { sessionSummaries } from "../src/transport/session-summaries";
import { DemoBackend } from "./engine/demo-backend";
import { DemoError } from "./engine/errors";

export interface MemoryTransportOptions {
  /** Same knob as the HTTP demo server: 1 ≈ 3–6 s turns, 0 = no delays. */
  speed?: number;
  /** Share a backend between transports (two panels, one "server"). */
  backend?: DemoBackend;
  /** Ask for `agent.message` deltas, like `?event_deltas=agent.message` (default true). */
  deltas?: boolean;
  /**
   * Fault injection, like the server's `X-Demo-Fault`: return an HTTP status to
   * fail that request with it (429 carries `retryAfter: 1`), or null to serve it.
   */
  failWith?: (operation: "createSession" | "listEvents" | "sendEvents") => number | null;
}

export type MemoryTransport = TracyTransport & { readonly backend: DemoBackend };

/** Simulated network latency and reconnect backoff at speed 1. */
const LATENCY_MS = 40;
const RECONNECT_MS = 250;

/**
 * The demo backend without a network, for Storybook and component tests.
 * Fails with the same `TracyHttpError`s as the HTTP transport, and passes
 * payloads through JSON as the wire would.
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const backend = options.backend ?? new DemoBackend({ speed: options.speed ?? 1 });
  const speed = options.speed ?? backend.speed;
  const scaled = (ms: number): number => (speed > 0 ? ms / speed : 0);
  const deltas = options.deltas ?? true;

  async function call<T>(
    signal: AbortSignal,
    operation: "createSession" | "listEvents" | "sendEvents",
    run: () => T,
  ): Promise<T> {
    await delay(scaled(LATENCY_MS), signal);
    const status = options.failWith?.(operation) ?? null;
    try {
      if (status !== null) throw new DemoError(status, `Injected fault: HTTP ${status}`);
      return wire(run());
    } catch (error) {
      throw toHttpError(error);
    }
  }

  return {
    backend,
    createSession: (ctx, signal): Promise<CreatedSession> =>
      call(signal, "createSession", () => ({ id: backend.createSession(ctx).id })),
    listSessions: (ctx, _page, signal) => call(signal, "listEvents", () => sessionSummaries(backend.listSessions(ctx))),
    listEvents: (ctx, sessionId, page, signal): Promise<EventPage> =>
      call(signal, "listEvents", () => backend.listEvents(ctx, sessionId, page)),
    sendEvents: (ctx, sessionId, events, idempotencyKey, signal) =>
      call(signal, "sendEvents", () => backend.sendEvents(ctx, sessionId, wire(events), idempotencyKey)),
    streamEvents: (ctx, sessionId, streamOptions) =>
      streamFromBackend(backend, ctx, sessionId, streamOptions, { deltas, reconnectMs: scaled(RECONNECT_MS) }),
  };
}

function streamFromBackend(
  backend: DemoBackend,
  ctx: TracyRequestContext,
  sessionId: string,
  options: StreamOptions,
  config: { deltas: boolean; reconnectMs: number },
): Promise<void> {
  const { signal } = options;
  if (signal.aborted) return Promise.resolve();
  let lastEventId = options.lastEventId;
  let attempt = 0;
  let unsubscribe: (() => void) | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  return new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      signal.removeEventListener("abort", onAbort);
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      unsubscribe?.();
      unsubscribe = null;
    };
    const onAbort = (): void => {
      stop();
      resolve();
    };
    // Delivery is deferred so handlers never run inside the backend's call stack.
    const deliver = (raw: string, id: string | undefined): void =>
      queueMicrotask(() => {
        if (signal.aborted) return;
        let event: unknown;
        try {
          event = JSON.parse(raw);
        } catch (error) {
          options.onMalformed?.(raw, error instanceof Error ? error : new Error(String(error)));
          return;
        }
        options.onEvent(event, id);
      });

    const connect = (): void => {
      reconnectTimer = null;
      if (signal.aborted) return;
      let open = true;
      try {
        unsubscribe = backend.subscribe(ctx, sessionId, {
          lastEventId,
          deltas: config.deltas,
          send: (event, id) => {
            if (!open) return;
            if (id !== undefined) lastEventId = id;
            deliver(JSON.stringify(event), id);
          },
          cut: () => {
            if (!open) return;
            open = false;
            unsubscribe?.();
            unsubscribe = null;
            attempt += 1;
            options.onReconnecting?.(
              new TracyHttpError(0, "The event stream was disconnected."),
              attempt,
              config.reconnectMs,
            );
            reconnectTimer = setTimeout(connect, config.reconnectMs);
          },
        });
      } catch (error) {
        stop();
        reject(toHttpError(error));
        return;
      }
      attempt = 0;
      options.onOpen?.();
    };

    signal.addEventListener("abort", onAbort, { once: true });
    queueMicrotask(connect);
  });
}

function toHttpError(error: unknown): Error {
  if (!(error instanceof DemoError)) return error instanceof Error ? error : new Error(String(error));
  return new TracyHttpError(error.status, error.message, error.errorType, error.status === 429 ? 1 : null);
}

function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  const aborted = (): unknown => signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
  if (signal.aborted) return Promise.reject(aborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
