import type { ContentBlock, EvaluatedPermission, ModelUsage, MonetaryAmount, StopReason } from "./events";

/** A user or agent message. Agent text streams in as a preview, then the final event replaces it. */
export interface MessageItem {
  kind: "message";
  id: string;
  role: "user" | "agent";
  text: string;
  content: ContentBlock[];
  /** True while only deltas have arrived; false once final (or closed by the model request's end). */
  streaming: boolean;
  /** A user message the session has queued but not processed yet (`processed_at: null`). */
  queued?: boolean;
  /** The trace a user message was asked about, from the context the backend logged with it. */
  traceId?: string | null;
}

export interface ToolResult {
  id: string;
  content: ContentBlock[];
  isError: boolean;
  /** `processed_at` of the result event, when the backend sent one. */
  at: string | null;
}

export interface ToolConfirmation {
  id: string;
  result: "allow" | "deny";
  denyMessage: string | null;
  /** `processed_at` of the confirmation event, when the backend sent one. */
  at?: string | null;
}

export interface ToolItem {
  kind: "tool";
  id: string;
  /** `builtin`: agent.tool_use, `mcp`: agent.mcp_tool_use, `custom`: agent.custom_tool_use (answered by the client). */
  source: "builtin" | "mcp" | "custom";
  name: string;
  serverName: string | null;
  input: Record<string, unknown>;
  permission: EvaluatedPermission | null;
  /** `processed_at` of the tool use event, when the backend sent one. */
  at: string | null;
  result: ToolResult | null;
  confirmation: ToolConfirmation | null;
  /** True when the turn ended (stopped, finished or terminated) before this call got a result. */
  unfinished?: boolean;
  /**
   * How long the call ran, in ms, from the backend's timestamps: from the approval (or denial) to
   * the result when the call waited for one, so the time a person took to decide is not counted;
   * else from the tool use to the result. Null (or absent) while it runs or when a timestamp is missing.
   */
  durationMs?: number | null;
}

export interface ErrorItem {
  kind: "error";
  id: string;
  errorType: string;
  message: string;
  retry: "retrying" | "exhausted" | "terminal" | null;
}

export type NoticeKind =
  | "interrupted"
  | "terminated"
  | "thread_created"
  | "context_compacted"
  | "budget_reached"
  | "retries_exhausted"
  | "refusal";

export interface NoticeItem {
  kind: "notice";
  id: string;
  notice: NoticeKind;
  /** The backend's words for it: the sub-agent's name (`thread_created`), the model's explanation (`refusal`); else null. */
  detail: string | null;
}

/** A message between the primary agent and a sub-agent thread. */
export interface ThreadMessageItem {
  kind: "thread_message";
  id: string;
  direction: "sent" | "received";
  threadId: string;
  agentName: string | null;
  text: string;
}

export interface ThinkingItem {
  kind: "thinking";
  id: string;
  streaming: boolean;
}

/** An event type this version does not know. Kept so nothing is silently lost; not rendered. */
export interface UnknownItem {
  kind: "unknown";
  id: string;
  type: string;
}

export type TranscriptItem =
  MessageItem | ToolItem | ErrorItem | NoticeItem | ThreadMessageItem | ThinkingItem | UnknownItem;

export type SessionState = "new" | "running" | "idle" | "rescheduled" | "terminated";

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface SessionUsage {
  eventId: string;
  totals: UsageTotals;
  cost: MonetaryAmount | null;
  budget: MonetaryAmount | null;
}

/**
 * The whole folded state of one session. Only `fold` creates new ones.
 *
 * Hosts read `order`, `items`, `status`, `usage` and `sessionUsage`. The other fields are the
 * fold's bookkeeping: they are `@internal`, left out of the published declarations, and may change
 * in any release.
 */
export interface Transcript {
  /**
   * Item ids in the session's log order: the order of the history listing and of stream
   * arrival. Event ids are opaque and never compared to decide order.
   */
  order: readonly string[];
  /** Items by id. A Map, because a batch copies it: copying a large object is ~8× slower. */
  items: ReadonlyMap<string, TranscriptItem>;
  /** The session's state, from the latest status event in log order. */
  status: {
    state: SessionState;
    eventId: string | null;
    stopReason: StopReason | null;
  };
  /** Token usage summed over every model request folded so far. */
  usage: UsageTotals;
  /** The backend's cumulative `session.usage`, when it sends one. */
  sessionUsage: SessionUsage | null;
  /**
   * Results that arrived before their tool use.
   * @internal
   */
  orphanResults: Readonly<Record<string, ToolResult>>;
  /**
   * Confirmations that arrived before their tool use.
   * @internal
   */
  orphanConfirmations: Readonly<Record<string, ToolConfirmation>>;
  /**
   * Every persisted event folded so far, by id, with its place in the log (0, 1, 2, … in the
   * order folded). Dedupe and "which came later" both read it; ids themselves are never sorted.
   * Events that carry no id (an interrupt may not) are keyed by where they fall in the log.
   * @internal
   */
  log: ReadonlyMap<string, number>;
  /**
   * Id of the last persisted event folded (log order): sent as `Last-Event-ID`.
   * @internal
   */
  lastEventId: string | null;
  /**
   * Model requests by their start id: open until their end arrives.
   * @internal
   */
  modelRequests: Readonly<Record<string, "open" | "closed">>;
  /**
   * Token usage per `span.model_request_end` id (`usage` is their running sum).
   * @internal
   */
  requestUsage: Readonly<Record<string, ModelUsage>>;
  /**
   * Ids of agent messages or thinking still streaming.
   * @internal
   */
  streamingIds: readonly string[];
  /**
   * Previews begun on a stream connection that is gone: the upstream does not replay, so deltas
   * after a reconnect would leave a gap. They keep their text until the final event replaces it.
   * @internal
   */
  pausedIds: readonly string[];
  /**
   * Trace context from the latest `system.message`, waiting for the user message it goes with.
   * @internal
   */
  context: { traceId: string | null } | null;
  /**
   * Ids of tool calls still waiting for a result.
   * @internal
   */
  openToolIds: readonly string[];
}

/** No usage yet. Frozen: it is shared. */
export const ZERO_USAGE: Readonly<UsageTotals> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

/**
 * An empty map that throws on every write. `ReadonlyMap` already rules writes out by type; this
 * keeps a cast or plain JavaScript from changing the one empty transcript every store starts from.
 */
function frozenEmptyMap<K, V>(): ReadonlyMap<K, V> {
  const map = new Map<K, V>();
  const refuse = () => {
    throw new TypeError("EMPTY_TRANSCRIPT is frozen");
  };
  return Object.freeze(Object.assign(map, { set: refuse, delete: refuse, clear: refuse }));
}

/** The transcript of a session before any event: the base every fold starts from. Deeply frozen. */
export const EMPTY_TRANSCRIPT: Transcript = Object.freeze({
  order: Object.freeze([]),
  items: frozenEmptyMap<string, TranscriptItem>(),
  status: Object.freeze({ state: "new", eventId: null, stopReason: null }),
  usage: ZERO_USAGE,
  sessionUsage: null,
  orphanResults: Object.freeze({}),
  orphanConfirmations: Object.freeze({}),
  log: frozenEmptyMap<string, number>(),
  lastEventId: null,
  modelRequests: Object.freeze({}),
  requestUsage: Object.freeze({}),
  streamingIds: Object.freeze([]),
  pausedIds: Object.freeze([]),
  context: null,
  openToolIds: Object.freeze([]),
});
