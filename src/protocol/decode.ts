import { isKnownEventType, type StreamEvent, type UnknownEvent } from "./events";

export type DecodedEvent =
  | { ok: true; known: true; event: StreamEvent }
  | { ok: true; known: false; event: UnknownEvent }
  | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Validates the little the fold relies on. Anything with a string `type` is
 * accepted; a known type must also carry the fields the fold reads, so a
 * truncated or hand-made event can never crash a view.
 */
export function decodeEvent(value: unknown): DecodedEvent {
  if (!isRecord(value)) return { ok: false, reason: "event is not a JSON object" };
  const { type } = value;
  if (typeof type !== "string" || type === "") return { ok: false, reason: "event has no type" };
  if (!isKnownEventType(type)) return { ok: true, known: false, event: value as UnknownEvent };
  const missing = missingField(type, value);
  if (missing) return { ok: false, reason: `${type} event is missing ${missing}` };
  return { ok: true, known: true, event: value as unknown as StreamEvent };
}

/** Parses one SSE `data` payload. */
export function decodeEventData(data: string): DecodedEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, reason: "event data is not valid JSON" };
  }
  return decodeEvent(parsed);
}

function missingField(type: string, v: Record<string, unknown>): string | null {
  if (type === "event_start") {
    const e = v.event;
    return isRecord(e) && typeof e.id === "string" && typeof e.type === "string" ? null : "event.id";
  }
  if (type === "event_delta") {
    if (typeof v.event_id !== "string") return "event_id";
    const d = v.delta;
    return isRecord(d) && isRecord(d.content) && typeof d.content.text === "string" ? null : "delta.content.text";
  }
  // An interrupt may come without an id (the fold keys it by the question it interrupts).
  if (type === "user.interrupt") return v.id === undefined || typeof v.id === "string" ? null : "id";
  if (typeof v.id !== "string" || v.id === "") return "id";
  switch (type) {
    case "user.message":
    case "agent.message":
      return Array.isArray(v.content) ? null : "content";
    case "agent.tool_use":
    case "agent.mcp_tool_use":
    case "agent.custom_tool_use":
      return typeof v.name === "string" ? null : "name";
    case "agent.tool_result":
    case "user.tool_result":
      return typeof v.tool_use_id === "string" ? null : "tool_use_id";
    case "agent.mcp_tool_result":
      return typeof v.mcp_tool_use_id === "string" ? null : "mcp_tool_use_id";
    case "user.custom_tool_result":
      return typeof v.custom_tool_use_id === "string" ? null : "custom_tool_use_id";
    case "user.tool_confirmation":
      return typeof v.tool_use_id === "string" ? null : "tool_use_id";
    case "session.error":
      return isRecord(v.error) ? null : "error";
    case "span.model_request_end":
      return isRecord(v.model_usage) ? null : "model_usage";
    case "session.usage":
      return isRecord(v.usage) ? null : "usage";
    default:
      return null;
  }
}
