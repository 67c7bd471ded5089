import { pickScenario } from "../scenarios/index";
import { assertAdmissible, applyEvent } from "./apply-events";
import { DemoSession } from "./demo-session";
import { opaqueId } from "./opaque-id";
import { DemoError, invalidRequest } from "./errors";
import { parseIncomingEvents } from "./parse-events";
import { ScriptedTurn } from "./scripted-turn";
import { TurnGate } from "./turn-gate";
import type { DemoRequestContext, PersistedEvent, Scenario, SessionResource, SubscribeOptions } from "./types";

export interface DemoBackendOptions {
  /** Delay multiplier: 1 ≈ a 3–6 s turn, 2 = twice as fast, 0 = no delays at all. */
  speed?: number;
  /** Overrides keyword-based scenario selection. */
  pickScenario?: (userText: string) => Scenario;
}

/**
 * The isomorphic core of the demo backend: protocol v1 semantics without any
 * transport. The HTTP server and the in-memory transport both wrap it.
 */
export class DemoBackend {
  /** Read when a turn starts, so it can be changed between turns. */
  speed: number;
  /** A test knob: holds running turns at a pause (`turnGate.close(when)`) until `turnGate.open()`. */
  readonly turnGate = new TurnGate();
  readonly #pickScenario: (userText: string) => Scenario;
  readonly #sessions = new Map<string, DemoSession>();

  constructor(options: DemoBackendOptions = {}) {
    this.speed = Math.max(0, options.speed ?? 1);
    this.#pickScenario = options.pickScenario ?? pickScenario;
  }

  createSession(
    ctx: DemoRequestContext,
    body: unknown = { tenant_id: ctx.tenantId, trace_id: ctx.traceId },
  ): SessionResource {
    const tenantId = requireTenant(ctx);
    if (typeof body !== "object" || body === null) throw invalidRequest("Expected a JSON object body");
    const { tenant_id: bodyTenant, trace_id: bodyTrace } = body as Record<string, unknown>;
    if (bodyTenant !== tenantId) throw invalidRequest("tenant_id must match the X-Tenant-Id header");
    if (bodyTrace !== undefined && bodyTrace !== null && typeof bodyTrace !== "string") {
      throw invalidRequest("trace_id must be a string or null");
    }
    const resource: SessionResource = {
      id: opaqueId("sesn"),
      type: "session",
      tenant_id: tenantId,
      trace_id: bodyTrace ?? ctx.traceId ?? null,
      created_at: new Date().toISOString(),
    };
    this.#sessions.set(resource.id, new DemoSession(resource));
    return resource;
  }

  /**
   * `GET /sessions`: this tenant's sessions, newest first, titled by their first question (the
   * memory transport serves it; the scripted HTTP server does not, like a backend without the list).
   */
  listSessions(ctx: DemoRequestContext): { data: (SessionResource & { title: string | null })[]; next_page: null } {
    const tenantId = requireTenant(ctx);
    const data = [...this.#sessions.values()]
      .filter((s) => s.resource.tenant_id === tenantId)
      .reverse()
      .map((s) => {
        const first = s.log.page(1_000, null).data.find((e) => e.type === "user.message") as
          { content?: { type: string; text?: string }[] } | undefined;
        const text = first?.content?.find((b) => b.type === "text")?.text ?? null;
        return { ...s.resource, title: text && text.length > 80 ? `${text.slice(0, 79)}…` : text };
      });
    return { data, next_page: null };
  }

  /** The session resource, or a 404 DemoError (also for another tenant's session). */
  getSession(ctx: DemoRequestContext, sessionId: string): SessionResource {
    return this.#session(ctx, sessionId).resource;
  }

  listEvents(
    ctx: DemoRequestContext,
    sessionId: string,
    page: { limit?: number | undefined; page?: string | null | undefined } = {},
  ): { data: PersistedEvent[]; next_page: string | null } {
    return this.#session(ctx, sessionId).log.page(page.limit, page.page);
  }

  sendEvents(
    ctx: DemoRequestContext,
    sessionId: string,
    events: unknown,
    idempotencyKey: string | null,
  ): { data: PersistedEvent[] } {
    const session = this.#session(ctx, sessionId);
    if (!idempotencyKey) throw invalidRequest("The Idempotency-Key header is required");
    const cached = session.idempotency.get(idempotencyKey);
    if (cached) return { data: cached };
    const parsed = parseIncomingEvents(events);
    assertAdmissible(session, parsed);
    const traceId = ctx.traceId ?? session.resource.trace_id ?? null;
    const data = parsed.flatMap((event) =>
      applyEvent(session, event, (s, text) => this.#startTurn(s, text, ctx), traceId),
    );
    session.idempotency.set(idempotencyKey, data);
    return { data };
  }

  /** Delivers live events until unsubscribed (with `resume`, first what came after `lastEventId`). */
  subscribe(ctx: DemoRequestContext, sessionId: string, options: SubscribeOptions): () => void {
    return this.#session(ctx, sessionId).subscribe(options);
  }

  /** Appends an event as the agent would: to the log and every live stream (the server's stream faults use it). */
  appendEvent(ctx: DemoRequestContext, sessionId: string, draft: { type: string; [key: string]: unknown }): void {
    this.#session(ctx, sessionId).persistUnknown(draft);
  }

  /** From now on the session's scripted agent waits at its pauses while no stream is open (a test knob). */
  holdWhileAway(ctx: DemoRequestContext, sessionId: string): void {
    this.#session(ctx, sessionId).holdWhileAway = true;
  }

  /** Open stream subscriptions across all sessions (0 once every client is gone). */
  listenerCount(): number {
    let count = 0;
    for (const session of this.#sessions.values()) count += session.subscriberCount;
    return count;
  }

  /** Scheduled timers and waits of running turns (0 when every session is idle). */
  pendingTimerCount(): number {
    let count = 0;
    for (const session of this.#sessions.values()) count += session.turn?.pendingCount ?? 0;
    return count;
  }

  /** Drops every open stream as a network failure would. */
  cutAllStreams(): void {
    for (const session of this.#sessions.values()) session.cutStreams();
  }

  /** Cancels every running turn and its timers (server shutdown). */
  dispose(): void {
    for (const session of this.#sessions.values()) {
      session.turn?.cancel();
      session.turn = null;
    }
  }

  #startTurn(session: DemoSession, userText: string, ctx: DemoRequestContext): void {
    const turn = new ScriptedTurn(session, {
      tenantId: session.tenantId,
      traceId: ctx.traceId ?? session.resource.trace_id ?? "latest",
      userText,
      speed: this.speed,
      gate: this.turnGate,
    });
    session.turn = turn;
    void turn.run(this.#pickScenario(userText));
  }

  #session(ctx: DemoRequestContext, sessionId: string): DemoSession {
    const tenantId = requireTenant(ctx);
    const session = this.#sessions.get(sessionId);
    // Same answer for "absent" and "another tenant's", so ids never leak.
    if (!session || session.tenantId !== tenantId) throw new DemoError(404, `Session ${sessionId} not found`);
    return session;
  }
}

function requireTenant(ctx: DemoRequestContext): string {
  if (!ctx.tenantId) throw invalidRequest("The X-Tenant-Id header is required");
  return ctx.tenantId;
}
