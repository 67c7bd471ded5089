import type { IncomingMessage, ServerResponse } from "node:http";
import { DemoError, invalidRequest } from "../engine/errors";

const MAX_BODY_BYTES = 1_000_000;

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Max-Age": "600",
};

const DEFAULT_ALLOWED_HEADERS = "Content-Type, X-Tenant-Id, X-Trace-Id, Idempotency-Key, Last-Event-ID, X-Demo-Fault";

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    ...CORS_HEADERS,
    // Echoing the request beats `*`, which browsers do not apply to every header.
    "Access-Control-Allow-Headers":
      typeof requested === "string" && requested !== "" ? requested : DEFAULT_ALLOWED_HEADERS,
    "Content-Length": "0",
  });
  res.end();
}

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? null : first;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(payload)),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const demoError = error instanceof DemoError ? error : new DemoError(500, "Internal error in the demo backend");
  if (!(error instanceof DemoError)) console.error("[tracy demo]", error);
  const retryAfter = demoError.retryAfterSeconds;
  sendJson(res, demoError.status, demoError.toBody(), retryAfter === null ? {} : { "Retry-After": String(retryAfter) });
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new DemoError(413, "Request body too large", "invalid_request_error");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw invalidRequest("Expected a JSON body");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("The request body is not valid JSON");
  }
}
