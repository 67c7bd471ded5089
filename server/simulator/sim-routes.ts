import type { IncomingMessage, ServerResponse } from "node:http";
import { pickScenario } from "./scenarios.js";
import { runTurn, type AgentTiming } from "./scripted-agent.js";
import { SimSession, type SimStream } from "./sim-session.js";
import { SimHttpError, type SimCall, type SimEvent } from "./sim-types.js";

export const BETA = "managed-agents-2026-04-01";

/** One queued user message the agent takes up, with the `system.message` context that came with it. */
export interface SimTurn {
  session: SimSession;
  userText: string;
  /** The text of the `system.message` sent with the message, or null. */
  context: string | null;
  /** Aborted by `user.interrupt` (or the simulator stopping). */
  signal: AbortSignal;
}

/**
 * Plays one turn in place of the built-in scripted agent: emits the session's events and ends the turn
 * with an idle or terminated status. The session is already `running` when it is called.
 */
export type SimAgent = (turn: SimTurn) => Promise<void>;

export interface SimContext {
  sessions: Map<string, SimSession>;
  timing: AgentTiming;
  agent: SimAgent | null;
  /** Logs the call, and throws an injected failure if one is due. */
  record(call: SimCall): "hang" | undefined;
  checkpoint(session: SimSession, signal: AbortSignal): Promise<void>;
}

const USER_TYPES = new Set([
  "user.message",
  "user.interrupt",
  "user.tool_confirmation",
  "user.custom_tool_result",
  "system.message",
]);

export async function routeRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sim");
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
  if (!headers["x-api-key"] && !headers["authorization"])
    throw new SimHttpError(401, "x-api-key header is required", "authentication_error");
  if (!(headers["anthropic-beta"] ?? "").split(",").includes(BETA))
    throw new SimHttpError(400, `anthropic-beta must include ${BETA}.`);
  const method = req.method ?? "GET";
  const path = url.pathname;
  const body = method === "POST" ? await readJson(req) : undefined;

  if (path === "/v1/sessions" && method === "POST") {
    ctx.record({ op: "sessions.create", sessionId: null, body, headers });
    const b = asObject(body);
    if (typeof b["agent"] !== "string" || typeof b["environment_id"] !== "string")
      throw new SimHttpError(400, "agent and environment_id are required.");
    const metadata = (b["metadata"] ?? {}) as Record<string, string>;
    const session = new SimSession(
      b["agent"],
      b["environment_id"],
      metadata,
      typeof b["title"] === "string" ? b["title"] : null,
    );
    ctx.sessions.set(session.id, session);
    return json(res, 200, session.resource());
  }
  const match = /^\/v1\/sessions\/([^/]+)(\/events(\/stream)?)?$/.exec(path);
  const session = match ? ctx.sessions.get(decodeURIComponent(match[1]!)) : undefined;
  const sessionId = match ? decodeURIComponent(match[1]!) : null;
  if (match && !match[2] && method === "GET") {
    ctx.record({ op: "sessions.retrieve", sessionId, body, headers });
    return json(res, 200, found(session, sessionId).resource());
  }
  if (match?.[2] && !match[3] && method === "GET") {
    ctx.record({ op: "events.list", sessionId, body, headers });
    return json(res, 200, listPage(found(session, sessionId), url.searchParams));
  }
  if (match?.[2] && !match[3] && method === "POST") {
    const hang = ctx.record({ op: "events.send", sessionId, body, headers });
    const data = send(ctx, found(session, sessionId), body);
    if (hang) return;
    return json(res, 200, { data });
  }
  if (match?.[3] && method === "GET") {
    ctx.record({ op: "events.stream", sessionId, body, headers });
    return openStream(found(session, sessionId), url.searchParams, req, res, ctx.timing.pingMs);
  }
  throw new SimHttpError(404, `No route for ${method} ${path}.`);
}

function found(session: SimSession | undefined, id: string | null): SimSession {
  if (!session) throw new SimHttpError(404, `Session ${id} not found.`);
  return session;
}

/** Oldest first (or `order=desc`), with an opaque `page` cursor. */
function listPage(session: SimSession, params: URLSearchParams): { data: SimEvent[]; next_page: string | null } {
  const limit = Math.min(Math.max(Number(params.get("limit") ?? 20) || 20, 1), 1000);
  const page = params.get("page");
  let start = 0;
  if (page) {
    try {
      const cursor = JSON.parse(Buffer.from(page, "base64url").toString()) as { s: string; i: number };
      if (cursor.s !== session.id || !Number.isInteger(cursor.i)) throw new Error("bad cursor");
      start = cursor.i;
    } catch {
      throw new SimHttpError(400, "Invalid page cursor.");
    }
  }
  const all = params.get("order") === "desc" ? [...session.events].reverse() : session.events;
  const data = all.slice(start, start + limit).map((e) => structuredClone(e));
  const next =
    start + limit < all.length
      ? Buffer.from(JSON.stringify({ s: session.id, i: start + limit })).toString("base64url")
      : null;
  return { data, next_page: next };
}

function send(ctx: SimContext, session: SimSession, body: unknown): SimEvent[] {
  if (session.status === "terminated") throw new SimHttpError(400, "The session is terminated.");
  const events = asObject(body)["events"];
  if (!Array.isArray(events) || events.length === 0) throw new SimHttpError(400, "events must be a non-empty array.");
  // Validate everything before storing anything, as one request is accepted or refused whole.
  events.forEach((raw, i) => {
    const e = asObject(raw);
    if (typeof e["type"] !== "string" || !USER_TYPES.has(e["type"]))
      throw new SimHttpError(400, `events[${i}].type is not accepted.`);
    if ("id" in e || "processed_at" in e)
      throw new SimHttpError(400, `events[${i}] must not carry id or processed_at.`);
    if (e["type"] === "system.message") {
      const prev = asObject(events[i - 1] ?? {})["type"];
      if (i !== events.length - 1 || (prev !== "user.message" && prev !== "user.custom_tool_result")) {
        throw new SimHttpError(
          400,
          "system.message must be the final event and follow a user.message or user.custom_tool_result.",
        );
      }
    }
    if (e["type"] === "user.tool_confirmation") session.blockerFor(e["type"], e["tool_use_id"]);
    if (e["type"] === "user.custom_tool_result") session.blockerFor(e["type"], e["custom_tool_use_id"]);
  });
  const stored = events.map((raw) => session.emit(asObject(raw) as { type: string }, false));
  stored.forEach((event, i) => {
    const next = stored[i + 1];
    const context = next?.type === "system.message" ? next : null;
    switch (event.type) {
      case "user.message":
        session.inbox.push({ message: event, context });
        break;
      case "user.interrupt":
        session.markProcessed(event);
        session.inbox.length = 0;
        session.cancel?.abort();
        break;
      case "user.tool_confirmation":
        session.markProcessed(event);
        session.blockerFor(event.type, event["tool_use_id"]).resolve(event);
        break;
      case "user.custom_tool_result":
        session.markProcessed(event);
        session.blockerFor(event.type, event["custom_tool_use_id"]).resolve(event);
        if (context) session.markProcessed(context);
        break;
    }
  });
  kick(ctx, session);
  return stored.map((e) => structuredClone(e));
}

/** Starts the next queued message when the agent is free. */
function kick(ctx: SimContext, session: SimSession): void {
  if (session.turn || session.inbox.length === 0) return;
  const next = session.inbox.shift()!;
  session.turn = (async () => {
    // Let the send's response go out first, as the real API acknowledges before it works.
    await new Promise((resolve) => setImmediate(resolve));
    session.setStatus("running");
    session.markProcessed(next.message);
    let context: string | null = null;
    if (next.context) {
      session.markProcessed(next.context);
      context = (next.context["content"] as { text: string }[])[0]?.text ?? "";
      session.contexts.push(context);
    }
    const text = (next.message["content"] as { type: string; text?: string }[]).map((b) => b.text ?? "").join("\n");
    if (!ctx.agent) return runTurn(session, pickScenario(text), text, ctx.timing, ctx.checkpoint);
    const abort = new AbortController();
    session.cancel = abort;
    try {
      await ctx.agent({ session, userText: text, context, signal: abort.signal });
    } finally {
      session.cancel = null;
    }
  })()
    .catch(() => undefined)
    .finally(() => {
      session.turn = null;
      kick(ctx, session);
    });
}

/** SSE as the API frames it (`event:` + `data:`), live only: nothing before the connection is replayed. */
function openStream(
  session: SimSession,
  params: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  pingMs: number,
): void {
  // The SDK sends arrays as `event_deltas[]=…`.
  const deltas = [...params.getAll("event_deltas"), ...params.getAll("event_deltas[]")]
    .flatMap((v) => v.split(","))
    .includes("agent.message");
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  const ping = setInterval(() => {
    if (!stream.stalled) res.write(`event: ping\ndata: {"type":"ping"}\n\n`);
  }, pingMs);
  const stream: SimStream = {
    deltas,
    stalled: false,
    send(event) {
      if (!stream.stalled) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    destroy() {
      req.socket.destroy();
    },
  };
  session.streams.add(stream);
  res.on("close", () => {
    clearInterval(ping);
    session.streams.delete(stream);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_sim_${Date.now()}` });
  res.end(JSON.stringify(body));
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new SimHttpError(400, "Expected a JSON object.");
  return value as Record<string, unknown>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SimHttpError(400, "The body is not valid JSON.");
  }
}
