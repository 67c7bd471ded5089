import { compareEventIds, maxEventId } from "./event-id";
import type { ContentBlock, SessionEvent, StreamEvent, UnknownEvent } from "./events";
import { isKnownEventType } from "./events";
import type {
  MessageItem,
  NoticeKind,
  ToolConfirmation,
  ToolItem,
  ToolResult,
  Transcript,
  TranscriptItem,
} from "./transcript";

/**
 * Folds events into a transcript. The one function used for replayed history
 * and for the live tail, so both give the same result:
 * - idempotent: an event folded twice changes nothing the second time;
 * - order-independent for persisted events: items sit in event-id order, and
 *   "latest wins" state (status, session usage) compares ids;
 * - total: unknown types are kept as hidden items, never thrown on.
 *
 * Pure: `base` is never mutated. Containers are copied once per call, so
 * folding a batch costs O(batch + transcript), not O(batch × transcript).
 */
export function foldEvents(base: Transcript, events: Iterable<StreamEvent | UnknownEvent>): Transcript {
  const draft = new Draft(base);
  for (const event of events) apply(draft, event);
  return draft.finish();
}

export function foldEvent(base: Transcript, event: StreamEvent | UnknownEvent): Transcript {
  return foldEvents(base, [event]);
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
  order(): string[] {
    if (!this.copied.has("order")) {
      this.t.order = [...this.t.order];
      this.copied.add("order");
    }
    return this.t.order as string[];
  }
  /** Adds or replaces an item, keeping `order` sorted by event id. */
  put(item: TranscriptItem): void {
    const exists = this.t.items.has(item.id);
    this.items.set(item.id, item);
    if (!exists) insertSorted(this.order(), item.id);
  }
  setStreaming(id: string, on: boolean): void {
    const has = this.t.streamingIds.includes(id);
    if (on && !has) this.t.streamingIds = [...this.t.streamingIds, id];
    if (!on && has) this.t.streamingIds = this.t.streamingIds.filter((x) => x !== id);
  }
  finish(): Transcript {
    return this.t;
  }
}

function insertSorted(order: string[], id: string): void {
  const last = order[order.length - 1];
  if (last === undefined || compareEventIds(last, id) < 0) {
    order.push(id);
    return;
  }
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEventIds(order[mid] as string, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, id);
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
    if (typeof id === "string" && id !== "" && !d.t.items.has(id)) {
      d.put({ kind: "unknown", id, type: event.type });
      d.t.lastEventId = maxEventId(d.t.lastEventId, id);
    }
    return;
  }
  const e = event as StreamEvent;
  switch (e.type) {
    case "event_start": {
      const existing = d.t.items.get(e.event.id);
      if (existing && !isStreaming(existing)) return; // the final event already arrived
      // A (re)start resets the preview: a resumed stream re-sends every delta so far.
      d.put(
        e.event.type === "agent.thinking"
          ? { kind: "thinking", id: e.event.id, streaming: true }
          : { kind: "message", id: e.event.id, role: "agent", text: "", content: [], streaming: true },
      );
      d.setStreaming(e.event.id, true);
      return;
    }
    case "event_delta": {
      const existing = d.t.items.get(e.event_id);
      if (existing && !isStreaming(existing)) return;
      if (existing?.kind === "thinking") return;
      const prev: MessageItem =
        existing?.kind === "message"
          ? existing
          : { kind: "message", id: e.event_id, role: "agent", text: "", content: [], streaming: true };
      d.put({ ...prev, text: prev.text + e.delta.content.text });
      d.setStreaming(e.event_id, true);
      return;
    }
    default:
      applySessionEvent(d, e);
      d.t.lastEventId = maxEventId(d.t.lastEventId, e.id);
  }
}

function isStreaming(item: TranscriptItem): boolean {
  return (item.kind === "message" || item.kind === "thinking") && item.streaming;
}

function applySessionEvent(d: Draft, e: SessionEvent): void {
  switch (e.type) {
    case "user.message":
    case "agent.message": {
      const existing = d.t.items.get(e.id);
      if (existing && !isStreaming(existing)) return;
      d.put({
        kind: "message",
        id: e.id,
        role: e.type === "user.message" ? "user" : "agent",
        text: textOf(e.content),
        content: e.content,
        streaming: false,
      });
      d.setStreaming(e.id, false);
      return;
    }
    case "agent.thinking":
      d.put({ kind: "thinking", id: e.id, streaming: false });
      d.setStreaming(e.id, false);
      return;
    case "agent.tool_use":
    case "agent.mcp_tool_use":
    case "agent.custom_tool_use": {
      if (d.t.items.has(e.id)) return;
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
      const confirmation: ToolConfirmation = { id: e.id, result: e.result, denyMessage: e.deny_message ?? null };
      const tool = d.t.items.get(e.tool_use_id);
      if (tool?.kind === "tool") d.put({ ...tool, confirmation });
      else d.orphanConfirmations[e.tool_use_id] = confirmation;
      return;
    }
    case "user.interrupt":
      return notice(d, e.id, "interrupted", "Stopped by user.");
    case "session.error":
      if (d.t.items.has(e.id)) return;
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
      return notice(d, e.id, "terminated", "This session has ended.");
    case "session.status_idle": {
      setStatus(d, e.id, "idle", e.stop_reason);
      const reason = e.stop_reason?.type;
      if (reason === "budget_reached") notice(d, e.id, "budget_reached", "Stopped: the session's budget is used up.");
      if (reason === "retries_exhausted") notice(d, e.id, "retries_exhausted", "Stopped after repeated errors.");
      if (reason === "refusal")
        notice(d, e.id, "refusal", e.stop_details?.explanation ?? "The model declined to answer this request.");
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
      closePreviews(d, e.id);
      return;
    }
    case "session.usage": {
      if (d.t.sessionUsage && compareEventIds(e.id, d.t.sessionUsage.eventId) <= 0) return;
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
      return notice(d, e.id, "thread_created", `Started sub-agent “${e.agent_name}”.`);
    case "agent.thread_message_sent":
    case "agent.thread_message_received": {
      if (d.t.items.has(e.id)) return;
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
      return notice(d, e.id, "context_compacted", "Earlier context was summarised to save tokens.");
    default:
      // Known but not shown in the transcript (outcome spans, workflow runs, thread status, …).
      return;
  }
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
    if (tool.result?.id === result.id) return;
    d.put({ ...tool, result, unfinished: false });
    if (d.t.openToolIds.includes(toolUseId)) d.t.openToolIds = d.t.openToolIds.filter((id) => id !== toolUseId);
  } else {
    d.orphanResults[toolUseId] = result;
  }
}

function notice(d: Draft, eventId: string, kind: NoticeKind, text: string): void {
  if (d.t.items.has(eventId)) return;
  d.put({ kind: "notice", id: eventId, notice: kind, text });
}

function setStatus(
  d: Draft,
  eventId: string,
  state: Transcript["status"]["state"],
  stopReason: Transcript["status"]["stopReason"],
): void {
  const current = d.t.status.eventId;
  if (current !== null && compareEventIds(eventId, current) <= 0) return;
  if (d.t.status.state === "terminated") return;
  d.t.status = { state, eventId, stopReason };
  if (state === "idle" || state === "terminated") {
    closePreviews(d, eventId);
    closeTools(d, eventId, stopReason?.type === "requires_action" ? stopReason.event_ids : []);
  }
}

/**
 * The turn ended before these calls got a result (stopped by the user, or the session ended):
 * they will not run on, so they must not look as if they still might. Calls the agent is
 * waiting on (`requires_action`) and calls newer than `eventId` stay open.
 */
function closeTools(d: Draft, eventId: string, waitingOn: readonly string[]): void {
  const open: string[] = [];
  for (const id of d.t.openToolIds) {
    const tool = d.t.items.get(id);
    if (compareEventIds(id, eventId) > 0 || waitingOn.includes(id)) open.push(id);
    else if (tool?.kind === "tool" && !tool.result) d.put({ ...tool, unfinished: true });
  }
  if (open.length !== d.t.openToolIds.length) d.t.openToolIds = open;
}

/**
 * The model request ended without a final event: keep what streamed, as final. Only previews
 * started before `eventId`: an older event folded late (history reloaded after a reconnect)
 * must not freeze the message streaming now, or its final event would be ignored.
 */
function closePreviews(d: Draft, eventId: string): void {
  const open: string[] = [];
  for (const id of d.t.streamingIds) {
    const item = d.t.items.get(id);
    if (compareEventIds(id, eventId) > 0) open.push(id);
    else if (item && (item.kind === "message" || item.kind === "thinking")) d.put({ ...item, streaming: false });
  }
  if (open.length !== d.t.streamingIds.length) d.t.streamingIds = open;
}
