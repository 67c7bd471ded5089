/** A persisted event as the simulator stores and sends it. */
export interface SimEvent {
  id: string;
  type: string;
  processed_at: string | null;
  [key: string]: unknown;
}

/** A preview (`event_start` / `event_delta`): streamed, never stored. */
export interface SimPreview {
  type: "event_start" | "event_delta";
  [key: string]: unknown;
}

export interface ModelUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** A failure to answer instead of the next matching request. */
export interface InjectedFailure {
  /** The error status; ignored with `actThenHang`. */
  status: number;
  /** Act on the request, then never answer (a timeout after which the caller cannot know). */
  actThenHang?: boolean;
  retryAfter?: string;
  type?: string;
  message?: string;
}

export type SimOperation = "sessions.create" | "sessions.retrieve" | "events.send" | "events.list" | "events.stream";

/** One request the simulator served, for tests to count. */
export interface SimCall {
  op: SimOperation;
  sessionId: string | null;
  body: unknown;
  headers: Record<string, string>;
}

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = status === 404 ? "not_found_error" : "invalid_request_error",
  ) {
    super(message);
  }
}
