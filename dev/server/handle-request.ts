import type { IncomingMessage, ServerResponse } from "node:http";
import type { DemoBackend } from "../engine/demo-backend";
import { DemoError, invalidRequest } from "../engine/errors";
import type { DemoRequestContext } from "../engine/types";
import { faultEvents } from "./fault-events";
import { parseStreamFaults, statusFault } from "./faults";
import { answerPreflight, header, readJsonBody, sendError, sendJson } from "./http-io";
import { openSseStream } from "./sse";

type Route = { kind: "sessions" } | { kind: "events"; sessionId: string } | { kind: "stream"; sessionId: string };

function matchRoute(pathname: string): Route | null {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/sessions") return { kind: "sessions" };
  const match = /^\/sessions\/([^/]+)\/events(\/stream)?$/.exec(path);
  if (!match?.[1]) return null;
  const sessionId = decodeURIComponent(match[1]);
  return match[2] ? { kind: "stream", sessionId } : { kind: "events", sessionId };
}

/**
 * Serves protocol v1 for a path relative to the base path. Resolves `false`
 * when the path is not one of ours, so middleware can fall through.
 */
export async function handleDemoRequest(
  backend: DemoBackend,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = matchRoute(url.pathname);
  if (!route) return false;
  try {
    if (req.method === "OPTIONS") {
      answerPreflight(req, res);
      return true;
    }
    const fault = statusFault(header(req, "x-demo-fault"));
    if (fault) throw fault;
    const ctx: DemoRequestContext = { tenantId: header(req, "x-tenant-id") ?? "", traceId: header(req, "x-trace-id") };
    const method = req.method ?? "GET";
    if (route.kind === "sessions" && method === "POST") {
      const body = await readJsonBody(req);
      sendJson(res, 201, backend.createSession(ctx, body));
    } else if (route.kind === "events" && method === "GET") {
      const limit = url.searchParams.get("limit");
      sendJson(
        res,
        200,
        backend.listEvents(ctx, route.sessionId, {
          limit: limit === null ? undefined : parseLimit(limit),
          page: url.searchParams.get("page"),
        }),
      );
    } else if (route.kind === "events" && method === "POST") {
      backend.getSession(ctx, route.sessionId);
      const body = await readJsonBody(req);
      const events = typeof body === "object" && body !== null ? (body as { events?: unknown }).events : undefined;
      sendJson(res, 200, backend.sendEvents(ctx, route.sessionId, events, header(req, "idempotency-key")));
    } else if (route.kind === "stream" && method === "GET") {
      serveStream(backend, ctx, route.sessionId, req, res, url);
    } else {
      throw new DemoError(405, `${method} is not allowed here`, "invalid_request_error");
    }
  } catch (error) {
    sendError(res, error);
  }
  return true;
}

function parseLimit(raw: string): number {
  if (!/^\d+$/.test(raw)) throw invalidRequest("limit must be a positive integer");
  return Number(raw);
}

function serveStream(
  backend: DemoBackend,
  ctx: DemoRequestContext,
  sessionId: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  backend.getSession(ctx, sessionId);
  const faults = parseStreamFaults(url.searchParams);
  if (faults.hold) backend.holdWhileAway(ctx, sessionId);
  const deltas = (url.searchParams.get("event_deltas") ?? "").split(",").includes("agent.message");
  let unsubscribe: (() => void) | null = null;
  const stream = openSseStream(req, res, faults, () => unsubscribe?.());
  let toAdd = faultEvents(faults);
  const dispose = backend.subscribe(ctx, sessionId, {
    lastEventId: header(req, "last-event-id"),
    resume: faults.resume,
    deltas,
    send: (event, id) => {
      stream.send(event, id);
      if (toAdd.length === 0 || event.type !== "agent.message") return;
      const events = toAdd;
      toAdd = [];
      // Once the current broadcast is over, so that every stream gets the agent message first.
      queueMicrotask(() => {
        for (const draft of events) backend.appendEvent(ctx, sessionId, draft);
      });
    },
    cut: () => stream.cut(),
  });
  // The stream may have closed during the replay (fault `cut:N`).
  if (stream.closed || res.writableEnded) dispose();
  else unsubscribe = dispose;
}
