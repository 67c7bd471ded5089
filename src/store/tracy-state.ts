import type { StoreApi } from "zustand/vanilla";
import type { Transcript } from "../protocol/transcript";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import type { ClientTools, ToolClaims } from "./client-tools";
import type { ConversationList } from "./conversations";
import type { PanelError } from "./describe-error";
import type { TracyHostCallbacks } from "./host-callbacks";
import type { PanelWarning } from "./panel-warning";
import type { ReplyFeedback } from "./reply-feedback";

/** A message the user sent that the transcript does not show yet. */
export interface PendingSend {
  /** Idempotency-Key of this send: reused by Retry so the backend can dedupe. */
  key: string;
  text: string;
  traceId: string | null;
  /**
   * `queued`: sent while Tracy answers; it waits here, in order, and goes when the turn before it
   * has ended (never while a message ahead of it failed). The others: on its way, posted, not sent.
   */
  status: "queued" | "sending" | "sent" | "failed";
  /** Ids the backend gave the persisted event(s), once the POST answered. */
  eventIds: string[];
  error: PanelError | null;
  /**
   * It may have reached the backend without the panel hearing so (the panel stopped while it was
   * sending, or its answer was lost): the log tells, and it goes once the log shows it.
   */
  unconfirmed?: boolean;
}

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "failed";

export interface TracyState {
  tenantId: string;
  traceId: string | null;
  sessionId: string | null;
  transcript: Transcript;
  /** The outbox: messages the user sent that the transcript does not show yet (not tool answers or history). */
  pending: PendingSend[];
  /** Trace each sent user message was asked about, by event id (local knowledge only). */
  traceByEventId: Readonly<Record<string, string | null>>;
  /** True once the session's history has been listed in full since it was opened. */
  historyLoaded: boolean;
  /**
   * True from each (re)connect until its history listing is folded: live events wait meanwhile.
   * Open and not syncing means the transcript holds everything the session has logged so far.
   */
  syncing: boolean;
  connection: ConnectionState;
  /** A panel-level problem (stream, history, stop), shown above the composer. */
  error: (PanelError & { retry: "reconnect" | "history" | "tool-result" | null; toolUseId?: string }) | null;
  /** Something was skipped but the panel carries on (malformed event data). */
  warning: PanelWarning | null;
  draft: string;
  stopping: boolean;
  /** Approvals sent or failing, by tool use id, until the log shows the confirmation. */
  confirmations: Readonly<Record<string, { result: "allow" | "deny"; error: PanelError | null }>>;
  /**
   * The user's ratings of replies, by conversation (tenant and session), then by the reply's event id.
   * Kept across conversation and tenant switches; read it with `selectReplyFeedback`.
   */
  feedback: Readonly<Record<string, Readonly<Record<string, ReplyFeedback>>>>;
  /**
   * The caller's earlier conversations, listed on demand (`refreshConversations`). Only meaningful
   * while `conversations.tenantId` is `tenantId`: a tenant change starts an empty list.
   */
  conversations: ConversationList;
  actions: TracyActions;
}

export interface TracyActions {
  setDraft(text: string): void;
  /**
   * Sends the draft (or `text`). Returns false, keeping the draft, when there is nothing to send,
   * the session has ended, or the agent is waiting for an approval. While Tracy answers, the
   * message waits in the outbox as `queued` and goes when the turn has ended.
   */
  send(text?: string): boolean;
  /** Sends a failed message again, with the same Idempotency-Key (queued while Tracy answers). */
  retrySend(key: string): void;
  /** Puts a failed or queued message back into the composer and removes it from the transcript. */
  editSend(key: string): void;
  /** Removes a queued message before it goes. */
  removeSend(key: string): void;
  /**
   * Asks again after a turn that ended in an error: sends the question that started it as a new
   * message, when `selectRetryableTurn` finds one. Returns whether it was sent.
   */
  retryTurn(): boolean;
  /**
   * Rates one of Tracy's finished replies (`eventId` of its `agent.message`), with an optional comment.
   * Remembered for the conversation and reported through `onFeedback`; returns false, and reports
   * nothing, when nothing changed or the reply can't be rated.
   */
  rateReply(eventId: string, rating: "up" | "down", comment?: string): boolean;
  interrupt(): void;
  /** Answers an approval the agent is waiting for (`user.tool_confirmation`). */
  confirmTool(toolUseId: string, result: "allow" | "deny", denyMessage?: string): void;
  /** Host context changed. A tenant change drops everything of the previous tenant. */
  setContext(ctx: TracyRequestContext): void;
  /** Host switched session (controlled `sessionId`). `null` starts a new conversation on the next send. */
  setSessionId(id: string | null): void;
  /** Leaves the current conversation (it is gone, say) and tells the host; the next send starts a new one. */
  startOver(): void;
  /** Shows the session `id` (the host opened it) and tells the host through `onSessionChange`. */
  openSession(id: string): void;
  /** Lists the tenant's conversations again, from the newest (`GET /sessions`); a no-op without that endpoint. */
  refreshConversations(): void;
  /** Lists the next page of conversations, if there is one. */
  loadMoreConversations(): void;
  /**
   * The current session's whole event log, every history page, exactly as the backend sent it
   * (integers beyond 2^53 as `ExactInteger`): for an export. Rejects when there is no session, the
   * listing fails, or the tenant or session changes meanwhile (with an `AbortError`).
   */
  exportEventLog(): Promise<unknown[]>;
  reconnect(): void;
  /** Sends a client tool's answer again, as first computed (only the user retries it). */
  retryToolResult(toolUseId: string): void;
  dismissError(): void;
  /** Opens the stream of the current session, if any. Called by the panel on mount. */
  start(): void;
  /** Aborts every request and the stream. `start()` may be called again (StrictMode remounts). */
  stop(): void;
}

export interface TracyStoreOptions {
  transport: TracyTransport;
  tenantId: string;
  traceId?: string | null;
  sessionId?: string | null;
  /** Called when the panel creates a session. Read on each call, so it may change. */
  onSessionChange?: () => ((sessionId: string | null) => void) | undefined;
  /** What the host hears about (events, sends, tool calls and results). Read on each call, so it may change. */
  callbacks?: () => TracyHostCallbacks | undefined;
  /** Page size for history requests. @default 100 */
  historyPageSize?: number;
  /** Handlers for `agent.custom_tool_use`, by tool name. Read each time a tool runs. */
  tools?: () => ClientTools | undefined;
  /**
   * Schedules the fold of live events that arrived together; returns a cancel function. Text deltas
   * arriving within 50–100 ms of the last fold wait for `scheduleTimeout` instead (see `streamPaceFor`).
   * @default the next animation frame (a 16 ms timer where there is none)
   */
  scheduleFrame?: (callback: () => void) => () => void;
  /**
   * Where client tool calls are claimed, so each handler runs at most once per call.
   * @default in memory, for the life of the store
   */
  toolClaims?: ToolClaims;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
  /**
   * Runs a callback after a delay; returns a cancel function. Timers the store sets go through it.
   * @default setTimeout
   */
  scheduleTimeout?: (callback: () => void, ms: number) => () => void;
}

export type TracyStore = StoreApi<TracyState>;
