import { createHash } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Authorize } from "../auth/authorizer.js";
import type { Database } from "../db/database.js";
import { ProtocolError, invalidRequest, sessionNotFound } from "../errors.js";
import type { LiveSessions } from "../live/live-sessions.js";
import type { Logger } from "../logger.js";
import type { EventsRepo } from "../store/events-repo.js";
import type { IdempotencyRepo } from "../store/idempotency-repo.js";
import type { SessionRow, SessionsRepo } from "../store/sessions-repo.js";
import type { UpstreamClient } from "../upstream/upstream-client.js";
import { UpstreamUnreachable } from "../upstream/upstream-client.js";
import { SSE_HEADERS, openBrowserStream } from "./browser-stream.js";
import { base62, parseLimit, readJson, resumePoint, sessionResource, tooLarge } from "./route-helpers.js";
import type { BudgetGuard } from "./budget-guard.js";
import { contextMessage } from "./context-message.js";
import { parseBrowserEvents, titleFrom } from "./parse-events.js";
import { checkId, resolveCaller, type Caller } from "./request-context.js";

export interface RouteDeps {
  db: Database;
  authorize: Authorize;
  sessions: SessionsRepo;
  events: EventsRepo;
  idempotency: IdempotencyRepo;
  budget: BudgetGuard;
  live: LiveSessions;
  upstream: UpstreamClient;
  log: Logger;
  pingIntervalMs: number;
  /** Custom tools this server answers itself: a browser's answer to one of them is refused. */
  serverTools: ReadonlySet<string>;
}

export type AppEnv = { Variables: { tenant?: string; user?: string; session?: string } };

const DEFAULT_PAGE = 100;
/** Twice the longest an upstream send may take (its timeout), and then some. */
const STALE_CLAIM_MS = 5 * 60_000;

function ambiguousSend(cause: string): ProtocolError {
  return new ProtocolError(
    502,
    `${cause} The message may or may not have been sent: reload the conversation before sending it again.`,
    "api_error",
  );
}

/** Protocol v1, relative to the base path. */
export function createRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { sessions, events, idempotency, live, upstream, log } = deps;

  const caller = async (c: Context<AppEnv>): Promise<Caller> => {
    const who = await resolveCaller(deps.authorize, c.req.raw);
    c.set("tenant", who.tenantId);
    c.set("user", who.principal.userId);
    return who;
  };

  /** The session, when it is this caller's in this tenant: a local check, no upstream call. */
  const ownedSession = async (c: Context<AppEnv>, who: Caller): Promise<SessionRow> => {
    const id = c.req.param("id") ?? "";
    c.set("session", id);
    // Our ids are `tsn_` + base62; anything else (NUL bytes included, which Postgres refuses) cannot exist.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw sessionNotFound(id.slice(0, 64).replace(/[^\x20-\x7e]/g, "?"));
    const session = await sessions.findOwned(id, { tenantId: who.tenantId, userId: who.principal.userId });
    if (!session) throw sessionNotFound(id);
    return session;
  };

  app.get("/health", async (c) => {
    try {
      await deps.db.query("SELECT 1");
      return c.json({ status: "ok", database: deps.db.kind });
    } catch {
      return c.json({ status: "unavailable", database: deps.db.kind }, 503);
    }
  });

  app.post("/sessions", bodyLimit({ maxSize: 64 * 1024, onError: tooLarge }), async (c) => {
    const who = await caller(c);
    const body = await readJson(c);
    if (typeof body !== "object" || body === null) throw invalidRequest("Expected a JSON object body.");
    const { tenant_id: bodyTenant, trace_id: bodyTrace } = body as Record<string, unknown>;
    if (bodyTenant !== undefined && bodyTenant !== who.tenantId)
      throw invalidRequest("tenant_id must match the X-Tenant-Id header.");
    if (bodyTrace !== undefined && bodyTrace !== null && typeof bodyTrace !== "string")
      throw invalidRequest("trace_id must be a string or null.");
    const traceId = typeof bodyTrace === "string" && bodyTrace !== "" ? checkId(bodyTrace, "trace_id") : who.traceId;
    const id = `tsn_${base62(24)}`;
    c.set("session", id);
    const metadata: Record<string, string> = {
      tenant_id: who.tenantId,
      user_id: who.principal.userId,
      tracy_session_id: id,
    };
    if (traceId !== null) metadata["trace_id"] = traceId;
    const created = await upstream.createSession({ metadata }, { tenant: who.tenantId, session: id });
    const row = await sessions.insert({
      id,
      upstreamId: created.id,
      tenantId: who.tenantId,
      userId: who.principal.userId,
      traceId,
    });
    return c.json(sessionResource(row), 201);
  });

  app.get("/sessions", async (c) => {
    const who = await caller(c);
    const limit = parseLimit(c.req.query("limit"), 20);
    const page = c.req.query("page") || null;
    if (page !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(page))
      throw invalidRequest("page must be a cursor from next_page.");
    const { rows, more } = await sessions.listOwned(
      { tenantId: who.tenantId, userId: who.principal.userId },
      limit,
      page,
    );
    return c.json({ data: rows.map(sessionResource), next_page: more ? (rows[rows.length - 1]?.id ?? null) : null });
  });

  app.get("/sessions/:id/events", async (c) => {
    const who = await caller(c);
    const session = await ownedSession(c, who);
    const limit = parseLimit(c.req.query("limit"), DEFAULT_PAGE);
    const page = c.req.query("page");
    if (page !== undefined && page !== "" && !/^\d{1,15}$/.test(page))
      throw invalidRequest("page must be a cursor from next_page.");
    const rows = await events.after(session.id, page ? Number(page) : 0, limit + 1);
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return c.json({ data: data.map((r) => r.event), next_page: rows.length > limit && last ? String(last.seq) : null });
  });

  app.get("/sessions/:id/events/stream", async (c) => {
    const who = await caller(c);
    const session = await ownedSession(c, who);
    const deltas =
      c.req
        .queries("event_deltas")
        ?.flatMap((v) => v.split(","))
        .includes("agent.message") ?? false;
    const afterSeq = await resumePoint(events, session.id, c.req.header("last-event-id") ?? null);
    const body = openBrowserStream({
      session,
      afterSeq,
      deltas,
      live,
      events,
      pingIntervalMs: deps.pingIntervalMs,
      log,
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  });

  app.post("/sessions/:id/events", bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge }), async (c) => {
    const who = await caller(c);
    const session = await ownedSession(c, who);
    const key = c.req.header("idempotency-key")?.trim();
    if (!key) throw invalidRequest("The Idempotency-Key header is required.");
    if (key.length > 255) throw invalidRequest("The Idempotency-Key header is longer than 255 characters.");
    const browserEvents = parseBrowserEvents(await readJson(c));
    const message = browserEvents.find((e) => e.type === "user.message");
    for (const e of browserEvents) {
      if (e.type !== "user.custom_tool_result" || deps.serverTools.size === 0) continue;
      const use = await events.find(session.id, e.custom_tool_use_id);
      const name = use?.type === "agent.custom_tool_use" ? use["name"] : undefined;
      if (typeof name === "string" && deps.serverTools.has(name))
        throw new ProtocolError(409, `${name} is run by the Tracy server; its answer cannot come from the browser.`);
    }

    const hash = createHash("sha256").update(JSON.stringify(browserEvents)).digest("hex");
    const claim = await idempotency.claim(session.id, key, hash);
    if (claim.kind === "replay") return c.json(claim.response as object, claim.status as 200);
    if (claim.kind === "in_flight") {
      // Far longer than any send may take: the server that claimed it stopped mid-send, and whether
      // upstream got the events is unknown. Say so once and for all, rather than "in progress" for ever.
      if (claim.ageMs > STALE_CLAIM_MS) {
        const unknown = ambiguousSend("The server stopped while sending this request.");
        await idempotency.complete(session.id, key, 502, unknown.toBody());
        throw unknown;
      }
      throw new ProtocolError(409, "A request with this Idempotency-Key is still in progress.");
    }
    if (claim.kind === "mismatch")
      throw new ProtocolError(422, "This Idempotency-Key was used for a different request.", "invalid_request_error");
    if (message) {
      try {
        await deps.budget.assertCanStartTurn(who.tenantId);
      } catch (error) {
        await idempotency.release(session.id, key);
        throw error;
      }
    }

    const outgoing = message ? [...browserEvents, contextMessage(who.tenantId, who.traceId)] : browserEvents;
    const startsTurn = browserEvents.some((e) => e.type !== "user.interrupt");
    let sent: Awaited<ReturnType<typeof upstream.send>>;
    try {
      sent = await live.send(session, startsTurn, () =>
        upstream.send(session.upstreamId, outgoing, { tenant: who.tenantId, session: session.id }),
      );
    } catch (error) {
      if (error instanceof UpstreamUnreachable) {
        // Upstream may have acted: the key stays used, so a retry cannot send the message twice.
        const ambiguous = ambiguousSend(error.message);
        await idempotency.complete(session.id, key, 502, ambiguous.toBody());
        throw ambiguous;
      }
      // Upstream answered with an error, so it did not act: a retry with this key may try again.
      await idempotency.release(session.id, key);
      throw error;
    }
    // From here on upstream has the events: whatever fails, the key stays claimed.
    const response = { data: sent.filter((e) => e.type !== "system.message") };
    await idempotency.complete(session.id, key, 200, response);
    if (message) await sessions.setTitleIfEmpty(session.id, titleFrom(message));
    return c.json(response, 200);
  });

  app.notFound(() => new ProtocolError(404, "No such endpoint.").toResponse());
  return app;
}
