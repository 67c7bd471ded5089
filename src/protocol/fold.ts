import type { ContentBlock, SessionEvent, StreamEvent, UnknownEvent } from "./events";
import { isKnownEventType } from "./events";
import { traceIdOfContext } from "./trace-context";
import type { NoticeKind, ToolConfirmation, ToolItem, ToolResult, Transcript, TranscriptItem } from "./transcript";

/**
 * Folds events into a transcript. The one function used for replayed history and for the live
 * tail, so both give the same result:
 * - log order: events are applied in the order given, which must be the session's log order
 *   (history listing, then stream arrival). Event ids are opaque: they identify, never order;
 * - idempotent: a persisted event folded twice changes nothing the second time, except a user
 *   event's second echo (queued, then processed), which updates it in place;
 * - total: unknown types are kept as hidden items, never thrown on.
 *
 * Pure: `base` is never mutated. Containers are copied once per call, so folding a batch
 * costs O(batch + transcript), not O(batch × transcript).
 */
export function foldEvents(base: Transcript, events: Iterable<StreamEvent | UnknownEvent>): Transcript {
  const draft = new Draft(base);
  for (const event of events) apply(draft, event);
  return draft.finish();
}

export function foldEvent(base: Transcript, event: StreamEvent | UnknownEvent): Transcript {
  return foldEvents(base, [event]);
}

/**
 * The stream that carried the open previews is gone. The upstream does not replay, so deltas on
 * a new connection would continue them with a gap: they keep what they have until their final
 * event (or a fresh `event_start`, from a proxy that does replay) arrives.
 */
export function pausePreviews(base: Transcript): Transcript {
  const open = base.streamingIds.filter((id) => !base.pausedIds.includes(id));
  return open.length === 0 ? base : { ...base, pausedIds: [...base.pausedIds, ...open] };
}

/** Copy-on-write view of a transcript while one batch is folded. */
class Draft {
  t: Transcript;
  private copied = new Set<keyof Transcript>();
  constructor(base: Transcript) {
    this.t = { ...base };
  }
  private own<K extends "orphanResults" | "orphanConfirmations" | "modelRequests" | "requestUsage">(
    key: K,
  ): Record<string, Transcript[K][string]> {
    if (!this.copied.has(key)) {
      this.t[key] = { ...this.t[key] } as Transcript[K];
      this.copied.add(key);
    }
    return this.t[key] as Record<string, Transcript[K][string]>;
  }
  get items(): Map<string, TranscriptItem> {
    if (!this.copied.has("items")) {
      this.t.items = new Map(this.t.items);
      this.copied.add("items");
    }
    return this.t.items as Map<string, TranscriptItem>;
  }
  get orphanResults(): Record<string, ToolResult> {
    return this.own("orphanResults");
  }
  get orphanConfirmations(): Record<string, ToolConfirmation> {
    return this.own("orphanConfirmations");
  }
  get modelRequests(): Record<string, "open" | "closed"> {
    return this.own("modelRequests");
  }
  get requestUsage() {
    return this.own("requestUsage");
  }
  private order(): string[] {
    if (!this.copied.has("order")) {
      this.t.order = [...this.t.order];
      this.copied.add("order");
    }
    return this.t.order as string[];
  }
  /** Marks a persisted event as folded, at the next place in the log. */
  record(key: string, realId: boolean): void {
    if (!this.copied.has("log")) {
      this.t.log = new Map(this.t.log);
      this.copied.add("log");
    }
    const log = this.t.log as Map<string, number>;
    log.set(key, log.size);
    if (realId) this.t.lastEventId = key;
  }
  /** Adds an item at the end of the log order, or replaces it where it is. */
  put(item: TranscriptItem): void {
    const exists = this.t.items.has(item.id);
    if (item.kind === "tool") item = { ...item, durationMs: toolDurationMs(item) };
    this.items.set(item.id, item);
    if (!exists) this.order().push(item.id);
  }
  setStreaming(id: string, on: boolean): void {
    const has = this.t.streamingIds.includes(id);
    if (on && !has) this.t.streamingIds = [...this.t.streamingIds, id];
    if (!on && has) this.t.streamingIds = this.t.streamingIds.filter((x) => x !== id);
    if (this.t.pausedIds.includes(id)) this.t.pausedIds = this.t.pausedIds.filter((x) => x !== id);
  }
  finish(): Transcript {
    return this.t;
  }
}

export function textOf(content: readonly ContentBlock[]): string {
  let out = "";
  for (const block of content) {
    if (block.type === "text") out += (out ? "\n\n" : "") + block.text;
  }
  return out;
}

function apply(d: Draft, event: StreamEvent | UnknownEvent): void {
  if (!isKnownEventType(event.type)) {
    const { id } = event as UnknownEvent;
    if (typeof id !== "string" || id === "" || d.t.log.has(id)) return;
    d.record(id, true);
    d.put({ kind: "unknown", id, type: event.type });
    return;
  }
  const e = event as StreamEvent;
  if (e.type === "event_start") return startPreview(d, e.event);
  if (e.type === "event_delta") return extendPreview(d, e.event_id, e.delta.content.text);
  const key = logKey(d.t, e);
  if (key === null) return;
  if (d.t.log.has(key)) {
    updateUserEvent(d, key, e);
    return;
  }
  const previous = d.t.lastEventId;
  d.record(key, key === e.id);
  applySessionEvent(d, e, key, previous);
}

/**
 * The key an event is known by in the log: its id. An interrupt may come without one. Its
 * queued echo says nothing its processed echo won't, so it is skipped; the processed one is
 * keyed by when it was processed, the same in its echo and in the history. One without any
 * timestamp is keyed by the question it interrupts.
 */
function logKey(t: Transcript, e: SessionEvent): string | null {
  if (typeof e.id === "string" && e.id !== "") return e.id;
  if (e.type !== "user.interrupt") return null;
  if (e.processed_at === null) return null;
  if (typeof e.processed_at === "string") return `~user.interrupt@${e.processed_at}`;
  return `~user.interrupt@after:${lastUserMessageId(t) ?? "start"}`;
}

function lastUserMessageId(t: Transcript): string | null {
  for (let i = t.order.length - 1; i >= 0; i--) {
    const item = t.items.get(t.order[i] as string);
    if (item?.kind === "message" && item.role === "user") return item.id;
  }
  return null;
}

function startPreview(d: Draft, event: { id: string; type: "agent.message" | "agent.thinking" }): void {
  if (d.t.log.has(event.id)) return; // the final event already arrived
  // A (re)start resets the preview: a proxy that resumes re-sends every delta so far.
  d.put(
    event.type === "agent.thinking"
      ? { kind: "thinking", id: event.id, streaming: true }
      : { kind: "message", id: event.id, role: "agent", text: "", content: [], streaming: true },
  );
  d.setStreaming(event.id, true);
}

/**
 * Only a preview this connection saw start grows. A delta for one it never saw start means the
 * stream joined mid-message (the upstream does not replay): the message is shown as being
 * written, without the text, which would have a gap; its final event shows it whole.
 */
function extendPreview(d: Draft, id: string, text: string): void {
  const existing = d.t.items.get(id);
  if (existing === undefined && !d.t.log.has(id)) {
    d.put({ kind: "message", id, role: "agent", text: "", content: [], streaming: true });
    d.setStreaming(id, true);
    d.t.pausedIds = [...d.t.pausedIds, id];
    return;
  }
  if (existing?.kind !== "message" || !existing.streaming || d.t.pausedIds.includes(id) || d.t.log.has(id)) return;
  d.put({ ...existing, text: existing.text + text });
}

/**
 * The processed echo of a user event updates what its queued echo showed, in place. A queued
 * copy folded late (held while the history listed) never takes it back.
 */
function updateUserEvent(d: Draft, key: string, e: SessionEvent): void {
  if (e.processed_at === null) return;
  if (e.type === "user.message") {
    const item = d.t.items.get(key);
    if (item?.kind === "message" && item.role === "user" && item.queued) d.put({ ...item, queued: false });
  } else if (e.type === "user.tool_confirmation") {
    // Its processed echo says when the answer took effect: a tool that waited is timed from then.
    const tool = d.t.items.get(e.tool_use_id);
    if (tool?.kind === "tool" && tool.confirmation?.id === key && !tool.confirmation.at && e.processed_at)
      d.put({ ...tool, confirmation: { ...tool.confirmation, at: e.processed_at } });
  } else if (e.type === "user.custom_tool_result") {
    attachResult(d, e.custom_tool_use_id, toolResult(e));
  } else if (e.type === "user.tool_result") {
    attachResult(d, e.tool_use_id, toolResult(e));
  }
}

function applySessionEvent(d: Draft, e: SessionEvent, key: string, previous: string | null): void {
  switch (e.type) {
    case "user.message": {
      const context = d.t.context;
      d.put({
        kind: "message",
        id: key,
        role: "user",
        text: textOf(e.content),
        content: e.content,
        streaming: false,
        queued: e.processed_at === null,
        ...(context ? { traceId: context.traceId } : {}),
      });
      if (context) d.t.context = null;
      return;
    }
    case "system.message": {
      const traceId = traceIdOfContext(e.content);
      if (traceId === undefined) return;
      // Context logged right after its question belongs to it; otherwise to the next one.
      const asked = previous === null ? undefined : d.t.items.get(previous);
      if (asked?.kind === "message" && asked.role === "user" && asked.traceId === undefined) {
        d.put({ ...asked, traceId });
      } else {
        d.t.context = { traceId };
      }
      return;
    }
    case "agent.message":
      d.put({ kind: "message", id: key, role: "agent", text: textOf(e.content), content: e.content, streaming: false });
      d.setStreaming(key, false);
      return;
    case "agent.thinking":
      d.put({ kind: "thinking", id: key, streaming: false });
      d.setStreaming(key, false);
      return;
    case "agent.tool_use":
    case "agent.mcp_tool_use":
    case "agent.custom_tool_use": {
      const item: ToolItem = {
        kind: "tool",
        id: e.id,
        source: e.type === "agent.tool_use" ? "builtin" : e.type === "agent.mcp_tool_use" ? "mcp" : "custom",
        name: e.name,
        serverName: e.type === "agent.mcp_tool_use" ? e.mcp_server_name : null,
        input: e.input ?? {},
        permission: e.evaluated_permission ?? null,
        at: e.processed_at ?? null,
        result: d.t.orphanResults[e.id] ?? null,
        confirmation: d.t.orphanConfirmations[e.id] ?? null,
        unfinished: false,
      };
      if (item.result) delete d.orphanResults[e.id];
      if (item.confirmation) delete d.orphanConfirmations[e.id];
      d.put(item);
      if (!item.result) d.t.openToolIds = [...d.t.openToolIds, item.id];
      return;
    }
    case "agent.tool_result":
    case "user.tool_result":
      return attachResult(d, e.tool_use_id, toolResult(e));
    case "agent.mcp_tool_result":
      return attachResult(d, e.mcp_tool_use_id, toolResult(e));
    case "user.custom_tool_result":
      return attachResult(d, e.custom_tool_use_id, toolResult(e));
    case "user.tool_confirmation": {
      const confirmation: ToolConfirmation = {
        id: e.id,
        result: e.result,
        denyMessage: e.deny_message ?? null,
        at: e.processed_at ?? null,
      };
      const tool = d.t.items.get(e.tool_use_id);
      if (tool?.kind === "tool") d.put({ ...tool, confirmation });
      else d.orphanConfirmations[e.tool_use_id] = confirmation;
      return;
    }
    case "user.interrupt":
      return notice(d, key, "interrupted");
    case "session.error":
      d.put({
        kind: "error",
        id: e.id,
        errorType: e.error.type,
        message: e.error.message,
        retry: e.error.retry_status?.type ?? null,
      });
      return;
    case "session.status_running":
      return setStatus(d, e.id, "running", null);
    case "session.status_rescheduled":
      return setStatus(d, e.id, "rescheduled", null);
    case "session.status_terminated":
    case "session.deleted":
      setStatus(d, e.id, "terminated", null);
      return notice(d, e.id, "terminated");
    case "session.status_idle": {
      setStatus(d, e.id, "idle", e.stop_reason);
      const reason = e.stop_reason?.type;
      if (reason === "budget_reached") notice(d, e.id, "budget_reached");
      if (reason === "retries_exhausted") notice(d, e.id, "retries_exhausted");
      if (reason === "refusal") notice(d, e.id, "refusal", e.stop_details?.explanation ?? null);
      return;
    }
    case "span.model_request_start":
      if (!(e.id in d.t.modelRequests)) d.modelRequests[e.id] = "open";
      return;
    case "span.model_request_end": {
      d.modelRequests[e.model_request_start_id] = "closed";
      if (!(e.id in d.t.requestUsage)) {
        d.requestUsage[e.id] = e.model_usage;
        const u = d.t.usage;
        d.t.usage = {
          inputTokens: u.inputTokens + (e.model_usage.input_tokens ?? 0),
          outputTokens: u.outputTokens + (e.model_usage.output_tokens ?? 0),
          cacheReadTokens: u.cacheReadTokens + (e.model_usage.cache_read_input_tokens ?? 0),
          cacheWriteTokens: u.cacheWriteTokens + (e.model_usage.cache_creation_input_tokens ?? 0),
        };
      }
      closePreviews(d);
      return;
    }
    case "session.usage": {
      const u = e.usage;
      const cw = u.cache_creation;
      d.t.sessionUsage = {
        eventId: e.id,
        totals: {
          inputTokens: u.input_tokens ?? 0,
          outputTokens: u.output_tokens ?? 0,
          cacheReadTokens: u.cache_read_input_tokens ?? 0,
          cacheWriteTokens: (cw?.ephemeral_5m_input_tokens ?? 0) + (cw?.ephemeral_1h_input_tokens ?? 0),
        },
        cost: u.list_cost ?? null,
        budget: e.budget?.max_list_cost ?? null,
      };
      return;
    }
    case "session.thread_created":
      return notice(d, e.id, "thread_created", e.agent_name);
    case "agent.thread_message_sent":
    case "agent.thread_message_received": {
      const sent = e.type === "agent.thread_message_sent";
      d.put({
        kind: "thread_message",
        id: e.id,
        direction: sent ? "sent" : "received",
        threadId: sent ? e.to_session_thread_id : e.from_session_thread_id,
        agentName: (sent ? e.to_agent_name : e.from_agent_name) ?? null,
        text: textOf(e.content),
      });
      return;
    }
    case "agent.thread_context_compacted":
      return notice(d, e.id, "context_compacted");
    default:
      // Known but not shown in the transcript (outcome spans, workflow runs, thread status, …).
      return;
  }
}

/**
 * How long a call ran, from the backend's timestamps (client clock skew does not matter). A call
 * that waited for a person's approval is timed from the answer, not from when it was asked for.
 */
export function toolDurationMs(tool: ToolItem): number | null {
  const end = tool.result?.at;
  const start = tool.confirmation ? tool.confirmation.at : tool.at;
  if (!end || !start) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function toolResult(e: {
  id: string;
  content?: ContentBlock[];
  is_error?: boolean | null;
  processed_at?: string | null;
}): ToolResult {
  return { id: e.id, content: e.content ?? [], isError: e.is_error === true, at: e.processed_at ?? null };
}

function attachResult(d: Draft, toolUseId: string, result: ToolResult): void {
  const tool = d.t.items.get(toolUseId);
  if (tool?.kind === "tool") {
    if (tool.result?.id === result.id && tool.result.at === result.at) return;
    d.put({ ...tool, result, unfinished: false });
    if (d.t.openToolIds.includes(toolUseId)) d.t.openToolIds = d.t.openToolIds.filter((id) => id !== toolUseId);
  } else {
    d.orphanResults[toolUseId] = result;
  }
}

function notice(d: Draft, eventId: string, kind: NoticeKind, detail: string | null = null): void {
  if (d.t.items.has(eventId)) return;
  d.put({ kind: "notice", id: eventId, notice: kind, detail });
}

/**
 * Status follows the log: the latest status event folded is the current one. Only a terminal
 * stop reason (or the session ending) ends the turn; `requires_action` pauses it.
 */
function setStatus(
  d: Draft,
  eventId: string,
  state: Transcript["status"]["state"],
  stopReason: Transcript["status"]["stopReason"],
): void {
  if (d.t.status.state === "terminated") return;
  d.t.status = { state, eventId, stopReason };
  if (state === "idle" || state === "terminated") closePreviews(d);
  if (state === "terminated" || (state === "idle" && stopReason?.type !== "requires_action")) closeTools(d);
}

/**
 * The turn ended before these calls got a result (stopped by the user, or the session ended):
 * they will not run on, so they must not look as if they still might.
 */
function closeTools(d: Draft): void {
  if (d.t.openToolIds.length === 0) return;
  for (const id of d.t.openToolIds) {
    const tool = d.t.items.get(id);
    if (tool?.kind === "tool" && !tool.result) d.put({ ...tool, unfinished: true });
  }
  d.t.openToolIds = [];
}

/**
 * A model request ended (or the session went idle): previews still open will get no final
 * event, so what streamed is kept as final. In log order every open preview began before this.
 */
function closePreviews(d: Draft): void {
  if (d.t.streamingIds.length === 0) return;
  for (const id of d.t.streamingIds) {
    const item = d.t.items.get(id);
    if (item && (item.kind === "message" || item.kind === "thinking")) d.put({ ...item, streaming: false });
  }
  d.t.streamingIds = [];
  d.t.pausedIds = [];
}
