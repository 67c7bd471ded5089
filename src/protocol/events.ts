/**
 * Wire events of protocol v1: the Claude Managed Agents session event schema
 * (beta `managed-agents-2026-04-01`), as the Tracy backend forwards it verbatim.
 *
 * These are structural subsets of the official SDK types: every SDK event is
 * assignable to the member with the same `type` (proved in
 * `test/protocol/sdk-conformance.test-d.ts`). Fields the panel does not read are
 * left out so that additive upstream changes never break hosts.
 */

export interface TextBlock {
  type: "text";
  text: string;
}

/** Where an image or document comes from: inline base64, a URL, a Files API id, or plain text. */
export interface MediaSource {
  type: string;
  media_type?: string;
  data?: string;
  url?: string;
  file_id?: string;
}

export interface ImageBlock {
  type: "image";
  source: MediaSource;
}

export interface DocumentBlock {
  type: "document";
  source: MediaSource;
  title?: string | null;
}

export interface SearchResultBlock {
  type: "search_result";
  title: string;
  source: string;
  content: TextBlock[];
}

export interface RedactedBlock {
  type: "redacted";
}

export type ContentBlock = TextBlock | ImageBlock | DocumentBlock | SearchResultBlock | RedactedBlock;

/** Fields every persisted session event carries. */
export interface EventBase<T extends string> {
  type: T;
  id: string;
  processed_at?: string | null;
  session_thread_id?: string | null;
}

export type EvaluatedPermission = "allow" | "ask" | "deny";

export interface UserMessageEvent extends EventBase<"user.message"> {
  content: ContentBlock[];
}
export type UserInterruptEvent = EventBase<"user.interrupt">;
export interface UserToolConfirmationEvent extends EventBase<"user.tool_confirmation"> {
  result: "allow" | "deny";
  tool_use_id: string;
  deny_message?: string | null;
}
export interface UserCustomToolResultEvent extends EventBase<"user.custom_tool_result"> {
  custom_tool_use_id: string;
  content?: ContentBlock[];
  is_error?: boolean | null;
}
export interface UserToolResultEvent extends EventBase<"user.tool_result"> {
  tool_use_id: string;
  content?: ContentBlock[];
  is_error?: boolean | null;
}
export type UserDefineOutcomeEvent = EventBase<"user.define_outcome">;
export interface SystemMessageEvent extends EventBase<"system.message"> {
  content: TextBlock[];
}

export interface AgentMessageEvent extends EventBase<"agent.message"> {
  content: ContentBlock[];
}
export type AgentThinkingEvent = EventBase<"agent.thinking">;

/** Fields every tool use event carries. */
export interface ToolUseBase<T extends string> extends EventBase<T> {
  name: string;
  input: Record<string, unknown>;
  evaluated_permission?: EvaluatedPermission;
}
export type AgentToolUseEvent = ToolUseBase<"agent.tool_use">;
export interface AgentMcpToolUseEvent extends ToolUseBase<"agent.mcp_tool_use"> {
  mcp_server_name: string;
}
export type AgentCustomToolUseEvent = ToolUseBase<"agent.custom_tool_use">;

export interface AgentToolResultEvent extends EventBase<"agent.tool_result"> {
  tool_use_id: string;
  content?: ContentBlock[];
  is_error?: boolean | null;
}
export interface AgentMcpToolResultEvent extends EventBase<"agent.mcp_tool_result"> {
  mcp_tool_use_id: string;
  content?: ContentBlock[];
  is_error?: boolean | null;
}

export interface AgentThreadMessageSentEvent extends EventBase<"agent.thread_message_sent"> {
  content: ContentBlock[];
  to_session_thread_id: string;
  to_agent_name?: string | null;
}
export interface AgentThreadMessageReceivedEvent extends EventBase<"agent.thread_message_received"> {
  content: ContentBlock[];
  from_session_thread_id: string;
  from_agent_name?: string | null;
}
export type AgentThreadContextCompactedEvent = EventBase<"agent.thread_context_compacted">;

export type RetryStatus = { type: "retrying" } | { type: "exhausted" } | { type: "terminal" };

export interface SessionErrorEvent extends EventBase<"session.error"> {
  error: { type: string; message: string; retry_status?: RetryStatus };
}

export type StopReason =
  | { type: "end_turn" }
  | { type: "requires_action"; event_ids: string[] }
  | { type: "retries_exhausted" }
  | { type: "budget_reached" }
  | { type: "refusal" };

export interface SessionStatusIdleEvent extends EventBase<"session.status_idle"> {
  stop_reason: StopReason;
  stop_details?: { type: "refusal"; explanation: string | null } | null;
}
export type SessionStatusRunningEvent = EventBase<"session.status_running">;
export type SessionStatusRescheduledEvent = EventBase<"session.status_rescheduled">;
export type SessionStatusTerminatedEvent = EventBase<"session.status_terminated">;
export type SessionDeletedEvent = EventBase<"session.deleted">;
export type SessionUpdatedEvent = EventBase<"session.updated">;

/** Fields every sub-agent thread event carries. */
export interface ThreadEventBase<T extends string> extends EventBase<T> {
  session_thread_id: string;
  agent_name: string;
}
export type SessionThreadCreatedEvent = ThreadEventBase<"session.thread_created">;
export type SessionThreadStatusRunningEvent = ThreadEventBase<"session.thread_status_running">;
export type SessionThreadStatusIdleEvent = ThreadEventBase<"session.thread_status_idle">;
export type SessionThreadStatusRescheduledEvent = ThreadEventBase<"session.thread_status_rescheduled">;
export type SessionThreadStatusTerminatedEvent = ThreadEventBase<"session.thread_status_terminated">;

export interface ModelUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}
export interface MonetaryAmount {
  amount: string;
  currency: string;
}
export type SpanModelRequestStartEvent = EventBase<"span.model_request_start">;
export interface SpanModelRequestEndEvent extends EventBase<"span.model_request_end"> {
  model_request_start_id: string;
  model_usage: ModelUsage;
  is_error: boolean | null;
}
export type SpanOutcomeEvaluationStartEvent = EventBase<"span.outcome_evaluation_start">;
export type SpanOutcomeEvaluationOngoingEvent = EventBase<"span.outcome_evaluation_ongoing">;
export type SpanOutcomeEvaluationEndEvent = EventBase<"span.outcome_evaluation_end">;

export interface SessionUsageEvent extends EventBase<"session.usage"> {
  usage: {
    input_tokens?: number;
    output_tokens?: number;
    cache_read_input_tokens?: number;
    cache_creation?: { ephemeral_1h_input_tokens?: number; ephemeral_5m_input_tokens?: number };
    list_cost?: MonetaryAmount;
  };
  budget?: { type: "limit"; max_list_cost: MonetaryAmount } | null;
}

export type WorkflowRunCreatedEvent = EventBase<"workflow_run.created">;
export type WorkflowRunStatusRunningEvent = EventBase<"workflow_run.status_running">;
export type WorkflowRunStatusIdleEvent = EventBase<"workflow_run.status_idle">;
export type WorkflowRunStatusEndedEvent = EventBase<"workflow_run.status_ended">;
export type WorkflowRunErrorEvent = EventBase<"workflow_run.error">;
export type WorkflowRunPhaseStartedEvent = EventBase<"workflow_run.phase_started">;
export type WorkflowRunPhaseEndedEvent = EventBase<"workflow_run.phase_ended">;

/** Every persisted session event type (`GET /events` and the stream). */
export type SessionEvent =
  | UserMessageEvent
  | UserInterruptEvent
  | UserToolConfirmationEvent
  | UserCustomToolResultEvent
  | UserToolResultEvent
  | UserDefineOutcomeEvent
  | SystemMessageEvent
  | AgentMessageEvent
  | AgentThinkingEvent
  | AgentToolUseEvent
  | AgentMcpToolUseEvent
  | AgentCustomToolUseEvent
  | AgentToolResultEvent
  | AgentMcpToolResultEvent
  | AgentThreadMessageSentEvent
  | AgentThreadMessageReceivedEvent
  | AgentThreadContextCompactedEvent
  | SessionErrorEvent
  | SessionStatusIdleEvent
  | SessionStatusRunningEvent
  | SessionStatusRescheduledEvent
  | SessionStatusTerminatedEvent
  | SessionDeletedEvent
  | SessionUpdatedEvent
  | SessionThreadCreatedEvent
  | SessionThreadStatusRunningEvent
  | SessionThreadStatusIdleEvent
  | SessionThreadStatusRescheduledEvent
  | SessionThreadStatusTerminatedEvent
  | SpanModelRequestStartEvent
  | SpanModelRequestEndEvent
  | SpanOutcomeEvaluationStartEvent
  | SpanOutcomeEvaluationOngoingEvent
  | SpanOutcomeEvaluationEndEvent
  | SessionUsageEvent
  | WorkflowRunCreatedEvent
  | WorkflowRunStatusRunningEvent
  | WorkflowRunStatusIdleEvent
  | WorkflowRunStatusEndedEvent
  | WorkflowRunErrorEvent
  | WorkflowRunPhaseStartedEvent
  | WorkflowRunPhaseEndedEvent;

/** Preview of an event still being generated (`event_deltas`). */
export interface StartEvent {
  type: "event_start";
  event: { id: string; type: "agent.message" | "agent.thinking" };
}

export interface DeltaEvent {
  type: "event_delta";
  event_id: string;
  delta: { type: "content_delta"; content: TextBlock; index?: number };
}

/** Everything the stream endpoint can send that the panel understands. */
export type StreamEvent = SessionEvent | StartEvent | DeltaEvent;

/** An event whose `type` this version does not know: kept, never fatal. */
export interface UnknownEvent {
  type: string;
  id?: string;
  [key: string]: unknown;
}

export type SessionEventType = SessionEvent["type"];
export type StreamEventType = StreamEvent["type"];

const STREAM_EVENT_TYPES: Record<StreamEventType, true> = {
  "user.message": true,
  "user.interrupt": true,
  "user.tool_confirmation": true,
  "user.custom_tool_result": true,
  "user.tool_result": true,
  "user.define_outcome": true,
  "system.message": true,
  "agent.message": true,
  "agent.thinking": true,
  "agent.tool_use": true,
  "agent.mcp_tool_use": true,
  "agent.custom_tool_use": true,
  "agent.tool_result": true,
  "agent.mcp_tool_result": true,
  "agent.thread_message_sent": true,
  "agent.thread_message_received": true,
  "agent.thread_context_compacted": true,
  "session.error": true,
  "session.status_idle": true,
  "session.status_running": true,
  "session.status_rescheduled": true,
  "session.status_terminated": true,
  "session.deleted": true,
  "session.updated": true,
  "session.thread_created": true,
  "session.thread_status_running": true,
  "session.thread_status_idle": true,
  "session.thread_status_rescheduled": true,
  "session.thread_status_terminated": true,
  "span.model_request_start": true,
  "span.model_request_end": true,
  "span.outcome_evaluation_start": true,
  "span.outcome_evaluation_ongoing": true,
  "span.outcome_evaluation_end": true,
  "session.usage": true,
  "workflow_run.created": true,
  "workflow_run.status_running": true,
  "workflow_run.status_idle": true,
  "workflow_run.status_ended": true,
  "workflow_run.error": true,
  "workflow_run.phase_started": true,
  "workflow_run.phase_ended": true,
  event_start: true,
  event_delta: true,
};

export function isKnownEventType(type: string): type is StreamEventType {
  return Object.prototype.hasOwnProperty.call(STREAM_EVENT_TYPES, type);
}

/** Event types a client may POST to `/sessions/{id}/events`. */
export type OutgoingEvent =
  | { type: "user.message"; content: TextBlock[] }
  | { type: "user.interrupt" }
  | { type: "user.tool_confirmation"; tool_use_id: string; result: "allow" | "deny"; deny_message?: string }
  | { type: "user.custom_tool_result"; custom_tool_use_id: string; content: ContentBlock[]; is_error?: boolean };
