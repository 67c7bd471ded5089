import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { ProtocolError, invalidRequest } from "../errors.js";
import type { EventsRepo } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";

const MAX_PAGE = 1000;

export function sessionResource(row: SessionRow) {
  return {
    id: row.id,
    type: "session",
    tenant_id: row.tenantId,
    trace_id: row.traceId,
    title: row.title,
    created_at: row.createdAt,
  };
}

/** `Last-Event-ID` is a seq this server sent, or (from a panel that kept ids across a reload) an event id. */
export async function resumePoint(events: EventsRepo, sessionId: string, lastEventId: string | null): Promise<number> {
  if (lastEventId === null || lastEventId.trim() === "") return 0;
  const value = lastEventId.trim();
  if (/^\d{1,15}$/.test(value)) return Number(value);
  // Unknown ids replay everything: the panel skips what it already has.
  return (await events.seqOf(sessionId, value.slice(0, 256))) ?? 0;
}

export function parseLimit(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw invalidRequest("limit must be a positive integer.");
  return Math.min(Number(raw), MAX_PAGE);
}

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalidRequest("The body is not valid JSON.");
  }
}

export function tooLarge(): Response {
  return new ProtocolError(413, "The request body is too large.").toResponse();
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  // 62 * 4 = 248: rejecting bytes ≥ 248 keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) return out;
  }
  return out + base62(length - out.length);
}
