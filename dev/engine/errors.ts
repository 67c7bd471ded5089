import { errorTypeForStatus, type ProtocolErrorType } from "../../server/src/errors";

/** The demo backend answers with tracy-server's error types, so the panel sees the same bodies from both. */
export type DemoErrorType = ProtocolErrorType;

/** An HTTP-like failure; the server maps it to a status + Anthropic error body. */
export class DemoError extends Error {
  override readonly name = "DemoError";
  readonly status: number;
  readonly errorType: DemoErrorType;
  /** Seconds for the `Retry-After` header; a 429 always carries one. */
  retryAfterSeconds: number | null;

  constructor(status: number, message: string, errorType: DemoErrorType = errorTypeForStatus(status)) {
    super(message);
    this.status = status;
    this.errorType = errorType;
    this.retryAfterSeconds = status === 429 ? 1 : null;
  }

  toBody(): { type: "error"; error: { type: DemoErrorType; message: string } } {
    return { type: "error", error: { type: this.errorType, message: this.message } };
  }
}

export const invalidRequest = (message: string): DemoError => new DemoError(400, message);

/** Rejection used to unwind a scripted turn after `user.interrupt`. */
export class TurnCancelled extends Error {
  override readonly name = "TurnCancelled";
  constructor() {
    super("Turn cancelled");
  }
}
