export type DemoErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

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

export function errorTypeForStatus(status: number): DemoErrorType {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
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
