import { decodeBlocks, decodeResultContent } from "./decode-blocks";
import {
  count,
  defined,
  Invalid,
  isRecord,
  isSafeId,
  requireId,
  requireString,
  stringOrNull,
  text,
  type Raw,
} from "./decode-values";
import {
  isKnownEventType,
  type EvaluatedPermission,
  type MonetaryAmount,
  type RetryStatus,
  type SessionEvent,
  type StopReason,
  type StreamEvent,
  type StreamEventType,
  type UnknownEvent,
} from "./events";

/**
 * Why an event was skipped, as a code the views word through labels: not a JSON object, no `type`, or a
 * known type whose `field` is missing (absent or unusable) or invalid (of a shape the panel can't use).
 * `type` and `field` are protocol names, shown as they are in every language.
 */
export type DecodeFailure =
  | { code: "not-object" }
  | { code: "no-type" }
  | { code: "missing-field" | "invalid-field"; type: string; field: string }
  | { code: "malformed"; type: string };

export type DecodedEvent =
  | { ok: true; known: true; event: StreamEvent }
  | { ok: true; known: false; event: UnknownEvent }
  | { ok: false; reason: DecodeFailure };

/**
 * Validates an event deeply enough that the fold and every view can trust it. Anything with a
 * string `type` is accepted; a known type is returned as a normalised copy: every field the
 * panel reads has the promised type. Harmless gaps are filled (a missing error message is empty,
 * a string tool result is one text block, unreadable content blocks are dropped); an event is
 * rejected only when what identifies it (its id, the call it answers, a tool's name) is unusable.
 * Never throws.
 */
export function decodeEvent(value: unknown): DecodedEvent {
  if (!isRecord(value)) return { ok: false, reason: { code: "not-object" } };
  const { type } = value;
  if (typeof type !== "string" || type === "") return { ok: false, reason: { code: "no-type" } };
  if (!isKnownEventType(type)) return { ok: true, known: false, event: value as UnknownEvent };
  try {
    return { ok: true, known: true, event: decodeKnown(type, value) };
  } catch (error) {
    // The readers only throw `Invalid`; anything else would be a bug, still reported as a skipped event.
    const reason: DecodeFailure =
      error instanceof Invalid ? { code: error.code, type, field: error.field } : { code: "malformed", type };
    return { ok: false, reason };
  }
}

function decodeKnown(type: StreamEventType, v: Raw): StreamEvent {
  if (type === "event_start") {
    const e = v.event;
    if (!isRecord(e) || !isSafeId(e.id)) throw new Invalid("missing-field", "event.id");
    const kind = e.type === "agent.thinking" ? "agent.thinking" : "agent.message";
    return { ...v, type, event: { ...e, id: e.id, type: kind } };
  }
  if (type === "event_delta") {
    const id = requireId(v, "event_id");
    const d = v.delta;
    if (!isRecord(d) || !isRecord(d.content) || typeof d.content.text !== "string") {
      throw new Invalid("missing-field", "delta.content.text");
    }
    const content = { type: "text" as const, text: d.content.text };
    const delta =
      typeof d.index === "number"
        ? { type: "content_delta" as const, content, index: d.index }
        : { type: "content_delta" as const, content };
    return { ...v, type, event_id: id, delta };
  }
  return decodeSessionEvent(type, v);
}

function decodeSessionEvent(type: SessionEvent["type"], v: Raw): SessionEvent {
  // Upstream may send an interrupt without an id: it is still an interrupt (its id made "", a string).
  const id = type === "user.interrupt" ? (isSafeId(v.id) ? v.id : "") : requireId(v, "id");
  const base: Raw & { id: string; processed_at?: string | null; session_thread_id?: string | null } = { ...v, id };
  if (v.processed_at !== undefined) base.processed_at = stringOrNull(v.processed_at);
  if (v.session_thread_id !== undefined) base.session_thread_id = stringOrNull(v.session_thread_id);
  switch (type) {
    case "user.message":
    case "agent.message": {
      // Final text replaces what streamed: an event without a content list is not a message.
      if (!Array.isArray(v.content)) throw new Invalid("missing-field", "content");
      const content = decodeBlocks(v.content);
      return type === "user.message" ? { ...base, type, content } : { ...base, type, content };
    }
    case "system.message":
      return { ...base, type, content: decodeBlocks(v.content).filter((b) => b.type === "text") };
    case "agent.thread_message_sent":
      return defined({
        ...base,
        type,
        content: decodeBlocks(v.content),
        to_session_thread_id: text(v.to_session_thread_id),
        to_agent_name: stringOrNull(v.to_agent_name),
      });
    case "agent.thread_message_received":
      return defined({
        ...base,
        type,
        content: decodeBlocks(v.content),
        from_session_thread_id: text(v.from_session_thread_id),
        from_agent_name: stringOrNull(v.from_agent_name),
      });
    case "agent.tool_use":
    case "agent.custom_tool_use":
      return defined({ ...base, ...toolUse(v), type });
    case "agent.mcp_tool_use":
      return defined({ ...base, ...toolUse(v), type, mcp_server_name: text(v.mcp_server_name) });
    case "agent.tool_result":
    case "user.tool_result":
      return defined({ ...base, ...toolResult(v), type, tool_use_id: requireId(v, "tool_use_id") });
    case "agent.mcp_tool_result":
      return defined({ ...base, ...toolResult(v), type, mcp_tool_use_id: requireId(v, "mcp_tool_use_id") });
    case "user.custom_tool_result":
      return defined({ ...base, ...toolResult(v), type, custom_tool_use_id: requireId(v, "custom_tool_use_id") });
    case "user.tool_confirmation": {
      const result = v.result;
      if (result !== "allow" && result !== "deny") throw new Invalid("invalid-field", "result");
      return {
        ...base,
        type,
        tool_use_id: requireId(v, "tool_use_id"),
        result,
        deny_message: stringOrNull(v.deny_message),
      };
    }
    case "session.error": {
      const e = isRecord(v.error) ? v.error : {};
      return {
        ...base,
        type,
        error: defined({
          type: text(e.type) || "unknown_error",
          message: text(e.message),
          retry_status: retryStatus(e.retry_status),
        }),
      };
    }
    case "session.status_idle":
      return { ...base, type, stop_reason: stopReason(v.stop_reason), stop_details: stopDetails(v.stop_details) };
    case "session.thread_created":
    case "session.thread_status_running":
    case "session.thread_status_idle":
    case "session.thread_status_rescheduled":
    case "session.thread_status_terminated":
      return { ...base, type, session_thread_id: text(v.session_thread_id), agent_name: text(v.agent_name) };
    case "span.model_request_end": {
      const u = isRecord(v.model_usage) ? v.model_usage : {};
      return {
        ...base,
        type,
        // Only closes its start: without a usable one it still closes the previews, which is its job.
        model_request_start_id: isSafeId(v.model_request_start_id) ? v.model_request_start_id : "",
        model_usage: {
          input_tokens: count(u.input_tokens),
          output_tokens: count(u.output_tokens),
          cache_read_input_tokens: count(u.cache_read_input_tokens),
          cache_creation_input_tokens: count(u.cache_creation_input_tokens),
        },
        is_error: typeof v.is_error === "boolean" ? v.is_error : null,
      };
    }
    case "session.usage":
      return { ...base, type, ...sessionUsage(v) };
    default:
      // Only the id (and the base fields) are read of the rest.
      return { ...base, type } as SessionEvent;
  }
}

const PERMISSIONS: readonly unknown[] = ["allow", "ask", "deny"] satisfies EvaluatedPermission[];

function toolUse(v: Raw) {
  const name = requireString(v, "name");
  // A call's input is passed to client tools as is: rather not shown than guessed.
  if (v.input !== undefined && v.input !== null && !isRecord(v.input)) throw new Invalid("invalid-field", "input");
  return {
    name,
    input: isRecord(v.input) ? v.input : {},
    evaluated_permission: PERMISSIONS.includes(v.evaluated_permission)
      ? (v.evaluated_permission as EvaluatedPermission)
      : undefined,
  };
}

function toolResult(v: Raw) {
  return {
    content: decodeResultContent(v.content),
    is_error: typeof v.is_error === "boolean" ? v.is_error : null,
  };
}

const RETRY_STATUSES: readonly unknown[] = ["retrying", "exhausted", "terminal"] satisfies RetryStatus["type"][];

function retryStatus(v: unknown): RetryStatus | undefined {
  return isRecord(v) && RETRY_STATUSES.includes(v.type) ? { type: v.type as RetryStatus["type"] } : undefined;
}

/** An idle status without a readable reason is read as the end of a turn; a requires_action always has ids. */
function stopReason(v: unknown): StopReason {
  if (!isRecord(v) || typeof v.type !== "string") return { type: "end_turn" };
  if (v.type === "requires_action") {
    const ids = Array.isArray(v.event_ids) ? v.event_ids.filter(isSafeId) : [];
    return { ...v, type: "requires_action", event_ids: ids };
  }
  return { ...v, type: v.type } as StopReason;
}

function stopDetails(v: unknown): { type: "refusal"; explanation: string | null } | null {
  return isRecord(v) && v.type === "refusal" ? { type: "refusal", explanation: stringOrNull(v.explanation) } : null;
}

function money(v: unknown): MonetaryAmount | undefined {
  return isRecord(v) && (typeof v.amount === "string" || typeof v.amount === "number") && typeof v.currency === "string"
    ? { amount: String(v.amount), currency: v.currency }
    : undefined;
}

function sessionUsage(v: Raw) {
  // Latest wins: a usage event without usage would wipe the totals shown, so it is not read at all.
  if (!isRecord(v.usage)) throw new Invalid("missing-field", "usage");
  const u = v.usage;
  const cw = isRecord(u.cache_creation) ? u.cache_creation : null;
  const budget = isRecord(v.budget) ? money(v.budget.max_list_cost) : undefined;
  return {
    usage: defined({
      input_tokens: count(u.input_tokens),
      output_tokens: count(u.output_tokens),
      cache_read_input_tokens: count(u.cache_read_input_tokens),
      cache_creation: cw
        ? {
            ephemeral_1h_input_tokens: count(cw.ephemeral_1h_input_tokens),
            ephemeral_5m_input_tokens: count(cw.ephemeral_5m_input_tokens),
          }
        : undefined,
      list_cost: money(u.list_cost),
    }),
    budget: budget ? { type: "limit" as const, max_list_cost: budget } : null,
  };
}
