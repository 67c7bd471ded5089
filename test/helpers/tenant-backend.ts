import { TracyHeadersError, TracyHttpError } from "../../src/transport/errors";
import type { EventPage, StreamOptions, TracyRequestContext, TracyTransport } from "../../src/transport/types";
import type { OpaqueIds } from "./opaque-ids";

export type LoggedEvent = Record<string, unknown> & { id: string; type: string };

/**
 * One async step a request waits on, settled by the test: the host's `headers()` (every request,
 * every stream attempt; a failure is a `TracyHeadersError`, as the HTTP transport throws) or the
 * backend's answer to a request it already acted on (lost: the network dropped the response).
 */
export interface Gate {
  kind: "headers" | "response";
  call: "createSession" | "sendEvents" | "listEvents" | "streamEvents";
  tenantId: string;
  open(): void;
  fail(): void;
}

export interface TenantSession {
  id: string;
  tenantId: string;
  log: LoggedEvent[];
  /** What the upstream does next for this session, one step at a time (echoes, the agent's turn). */
  agenda: (() => void)[];
  /** Answers by Idempotency-Key, so a retried POST gets the first one back. */
  answered: Map<string, LoggedEvent[]>;
  /** The create's answer reached a request that was still wanted. */
  known: boolean;
}

/** One stream request; reconnects on its own after a drop, re-resolving headers each attempt. */
export interface Connection {
  tenantId: string;
  sessionId: string;
  options: StreamOptions;
  /** `ready`: headers resolved, the test decides when it opens. */
  state: "headers" | "ready" | "open" | "ended";
}

const at = "2026-11-30T09:00:00Z";
const abortError = () => new DOMException("The operation was aborted.", "AbortError");

/**
 * A multi-tenant Tracy backend behind a host whose headers are slow or failing: sessions kept
 * per tenant and only served to it (as the proxy's owner check does), POSTs deduped by
 * Idempotency-Key and answered with opaque ids and `processed_at: null`, a log listed in pages,
 * and a stream with no replay on which each user message is echoed twice (queued, then
 * processed) before the agent answers. Nothing moves unless the test says so.
 */
export class TenantBackend implements TracyTransport {
  readonly sessions = new Map<string, TenantSession>();
  readonly connections: Connection[] = [];
  readonly gates: Gate[] = [];
  /** Requests that reached the backend with a tenant other than their session's, or a message of another tenant. */
  readonly violations: string[] = [];
  /** Every Idempotency-Key POSTed with a user message. */
  readonly userMessageKeys = new Set<string>();
  /** Session of each logged event id. */
  readonly eventSession = new Map<string, string>();
  private readonly fatal = new WeakMap<Connection, (error: unknown) => void>();

  constructor(
    private readonly ids: OpaqueIds,
    private readonly sessionIds: OpaqueIds,
    /** Which tenant a user message's text belongs to, to catch one sent to another tenant's session. */
    private readonly tenantOfText: (text: string) => string | null,
    /** Chance that an answer is already read when its request is aborted, so the abort doesn't reject it. */
    private readonly lateAbort: () => boolean = () => false,
  ) {}

  async createSession(ctx: TracyRequestContext, signal: AbortSignal): Promise<{ id: string }> {
    await this.wait("headers", "createSession", ctx.tenantId, signal);
    const session: TenantSession = {
      id: this.sessionIds.next(),
      tenantId: ctx.tenantId,
      log: [],
      agenda: [],
      answered: new Map(),
      known: false,
    };
    this.sessions.set(session.id, session);
    await this.wait("response", "createSession", ctx.tenantId, signal);
    // What the panel does with an answer to a request it no longer wants is up to it.
    session.known = !signal.aborted;
    return { id: session.id };
  }

  async listEvents(
    ctx: TracyRequestContext,
    sessionId: string,
    page: { limit?: number; page?: string | null },
    signal: AbortSignal,
  ): Promise<EventPage> {
    await this.wait("headers", "listEvents", ctx.tenantId, signal);
    const session = this.owned(ctx, sessionId, "listEvents");
    const offset = page.page ? Number(page.page) : 0;
    const data = structuredClone(session.log.slice(offset, offset + (page.limit ?? 100)));
    const end = offset + data.length;
    return { data, next_page: end < session.log.length ? String(end) : null };
  }

  async sendEvents(
    ctx: TracyRequestContext,
    sessionId: string,
    events: unknown[],
    key: string,
    signal: AbortSignal,
  ): Promise<{ data: unknown[] }> {
    await this.wait("headers", "sendEvents", ctx.tenantId, signal);
    const session = this.owned(ctx, sessionId, "sendEvents");
    let data = session.answered.get(key);
    if (!data) {
      data = events.map((e) => ({ ...(e as { type: string }), id: this.ids.next(), processed_at: null }));
      session.answered.set(key, data);
      for (const event of data) this.accept(session, event, key);
    }
    await this.wait("response", "sendEvents", ctx.tenantId, signal);
    return { data: structuredClone(data) };
  }

  streamEvents(ctx: TracyRequestContext, sessionId: string, options: StreamOptions): Promise<void> {
    const connection: Connection = { tenantId: ctx.tenantId, sessionId, options, state: "headers" };
    this.connections.push(connection);
    const session = this.sessions.get(sessionId);
    if (session && session.tenantId !== ctx.tenantId) {
      this.violations.push(`streamEvents of ${session.tenantId}'s session as ${ctx.tenantId}`);
    }
    return new Promise((resolve, reject) => {
      const end = () => {
        connection.state = "ended";
        resolve();
      };
      options.signal.addEventListener("abort", end, { once: true });
      this.fatal.set(connection, (error) => {
        options.signal.removeEventListener("abort", end);
        connection.state = "ended";
        reject(error);
      });
      this.attempt(connection);
    });
  }

  /** Opens a connection whose headers resolved. */
  open(connection: Connection): void {
    if (connection.state !== "ready" || connection.options.signal.aborted) return;
    connection.state = "open";
    connection.options.onOpen?.();
  }

  /** Drops an open connection; it reconnects (headers first) and misses what is logged meanwhile. */
  drop(connection: Connection): void {
    if (connection.state !== "open" || connection.options.signal.aborted) return;
    connection.state = "headers";
    connection.options.onReconnecting?.(new TracyHttpError(0, "The event stream was disconnected."), 1, 0);
    this.attempt(connection);
  }

  /** Runs the next thing the upstream does for this session. */
  advance(session: TenantSession): void {
    session.agenda.shift()?.();
  }

  private attempt(connection: Connection): void {
    const { options, tenantId } = connection;
    const gate = this.gate("headers", "streamEvents", tenantId);
    gate.then(
      () => {
        if (!options.signal.aborted && connection.state === "headers") connection.state = "ready";
      },
      (error: unknown) => {
        // The HTTP transport gives up at once when the host's headers fail: the panel shows Retry.
        if (!options.signal.aborted) this.fatal.get(connection)?.(error);
      },
    );
  }

  private accept(session: TenantSession, event: LoggedEvent, key: string): void {
    session.log.push(event);
    this.eventSession.set(event.id, session.id);
    if (event.type !== "user.message") return;
    this.userMessageKeys.add(key);
    const text = (event.content as { text?: string }[] | undefined)?.[0]?.text ?? "";
    const owner = this.tenantOfText(text);
    if (owner !== session.tenantId) this.violations.push(`message of ${owner} logged in ${session.tenantId}'s session`);
    session.agenda.push(
      () => this.deliver(session, event),
      () => this.update(session, { ...event, processed_at: at }),
      () => this.append(session, { type: "session.status_running" }),
      () => this.append(session, { type: "agent.message", content: [{ type: "text", text: `Answer to ${text}` }] }),
      () =>
        this.append(session, { type: "session.status_idle", stop_reason: { type: "end_turn" }, stop_details: null }),
    );
  }

  private append(session: TenantSession, event: Record<string, unknown> & { type: string }): void {
    const logged = { ...event, id: this.ids.next(), processed_at: at } as LoggedEvent;
    session.log.push(logged);
    this.eventSession.set(logged.id, session.id);
    this.deliver(session, logged);
  }

  /** The processed echo replaces the queued event in the log (same id). */
  private update(session: TenantSession, event: LoggedEvent): void {
    session.log[session.log.findIndex((e) => e.id === event.id)] = event;
    this.deliver(session, event);
  }

  private deliver(session: TenantSession, event: LoggedEvent): void {
    for (const c of this.connections) {
      if (c.sessionId === session.id && c.state === "open" && !c.options.signal.aborted) {
        c.options.onEvent(structuredClone(event), event.id);
      }
    }
  }

  private owned(ctx: TracyRequestContext, sessionId: string, call: string): TenantSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new TracyHttpError(404, "Session not found.", "not_found_error");
    if (session.tenantId !== ctx.tenantId) {
      this.violations.push(`${call} of ${session.tenantId}'s session as ${ctx.tenantId}`);
      throw new TracyHttpError(404, "Session not found.", "not_found_error");
    }
    return session;
  }

  /**
   * Headers are awaited before the request exists, so an abort meanwhile only shows once they
   * resolve; a response is a fetch in flight, which an abort rejects at once, unless its body
   * was already read (then the caller gets the answer after all and must drop it itself).
   */
  private async wait(kind: Gate["kind"], call: Gate["call"], tenantId: string, signal: AbortSignal): Promise<void> {
    if (kind === "headers") {
      await this.gate(kind, call, tenantId);
      if (signal.aborted) throw abortError();
    } else await this.gate(kind, call, tenantId, this.lateAbort() ? undefined : signal);
  }

  private gate(kind: Gate["kind"], call: Gate["call"], tenantId: string, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const gate: Gate = {
        kind,
        call,
        tenantId,
        open: () => settle(() => resolve()),
        fail: () =>
          settle(() =>
            reject(
              kind === "headers"
                ? new TracyHeadersError(new Error("The host couldn't refresh its token."))
                : new TracyHttpError(0, "The network connection was lost."),
            ),
          ),
      };
      const onAbort = () => settle(() => reject(abortError()));
      const settle = (how: () => void) => {
        const i = this.gates.indexOf(gate);
        if (i < 0) return;
        this.gates.splice(i, 1);
        signal?.removeEventListener("abort", onAbort);
        how();
      };
      this.gates.push(gate);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
