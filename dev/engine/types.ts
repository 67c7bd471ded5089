import type {
  DeltaEvent,
  SessionEvent,
  StartEvent,
  StopReason,
  UnknownEvent,
  UserCustomToolResultEvent,
  UserToolConfirmationEvent,
} from "../../src/protocol/events";

/** A persisted event: a known v1 event, or a future type clients must tolerate. */
export type PersistedEvent = SessionEvent | (UnknownEvent & { id: string; processed_at: string | null });

/** Anything the stream endpoint writes as one `data:` message. */
export type WireEvent = PersistedEvent | StartEvent | DeltaEvent;

type Draft<E> = E extends unknown ? Omit<E, "id" | "processed_at"> : never;
/** An event before the engine assigns its id and timestamp. */
export type EventDraft = Draft<SessionEvent>;
export type Persisted<E extends EventDraft> = E & { id: string; processed_at: string | null };

export interface DemoRequestContext {
  tenantId: string;
  traceId: string | null;
}

export interface SessionResource {
  id: string;
  type: "session";
  tenant_id: string;
  trace_id: string | null;
  created_at: string;
}

/** One open stream. `send` gets ids only for persisted events. */
export interface StreamSubscriber {
  readonly deltas: boolean;
  send(event: WireEvent, id: string | undefined): void;
  /** Forcibly drop the connection (simulated network failure). */
  cut(): void;
}

export interface SubscribeOptions extends StreamSubscriber {
  lastEventId: string | null;
  /** Replay what came after `lastEventId`, as a resuming proxy would. The upstream never does. @default false */
  resume?: boolean;
}

export interface ModelRequestOptions {
  /** The request fails (overload etc.): `is_error: true`, no output. */
  fails?: boolean;
}

/** The API scenarios script against; every call is cancelled by `user.interrupt`. */
export interface TurnContext {
  readonly tenantId: string;
  /** X-Trace-Id at the time of the message, else the session's trace, else "latest". */
  readonly traceId: string;
  readonly userText: string;
  /** Waits `ms` at speed 1 (scaled by the backend's speed; 0 = no wait). */
  pause(ms: number): Promise<void>;
  emit<E extends EventDraft>(draft: E): Persisted<E>;
  emitUnknown(draft: { type: string; [key: string]: unknown }): void;
  /** Wraps one model call in span events, then reports cumulative session usage. */
  modelRequest(body: () => Promise<void>, options?: ModelRequestOptions): Promise<void>;
  think(): void;
  /** Streams `text` as deltas, then persists the complete `agent.message`. */
  say(text: string): Promise<void>;
  /** Idles with `requires_action`, waits for the user's answer, then runs again. */
  awaitConfirmation(toolUseId: string): Promise<UserToolConfirmationEvent>;
  awaitCustomToolResult(toolUseId: string): Promise<UserCustomToolResultEvent>;
  /**
   * Idles with `requires_action` until the backend answers a tool it runs itself (`run_cypher`): on the real stack
   * tracy-server posts the `user.custom_tool_result`; the scripted backend posts `canned` in its place.
   */
  awaitServerToolResult(toolUseId: string, canned: CannedToolAnswer): Promise<UserCustomToolResultEvent>;
  /** Ends the turn early with this stop reason (the default end is `end_turn`). */
  finish(stopReason: StopReason): void;
  terminate(): void;
}

/** What the scripted backend answers for a tool the real stack's server runs. */
export interface CannedToolAnswer {
  text: string;
  isError: boolean;
}

export interface Scenario {
  name: string;
  run(ctx: TurnContext): Promise<void>;
}
