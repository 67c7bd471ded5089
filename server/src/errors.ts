/** Error `type`s of the protocol's error body: Anthropic's, plus the server's own budget refusal. */
export type ProtocolErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "conflict_error"
  | "budget_exceeded_error"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

export interface ProtocolErrorBody {
  type: "error";
  error: { type: string; message: string };
}

/** A failure answered as protocol v1's error body, with the same status (and `Retry-After` for 429s). */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorTypeForStatus(status),
    /** Passed through verbatim as `Retry-After`. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }

  toBody(): ProtocolErrorBody {
    return { type: "error", error: { type: this.type, message: this.message } };
  }

  toResponse(): Response {
    const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
    if (this.retryAfter !== null) headers["Retry-After"] = this.retryAfter;
    return new Response(JSON.stringify(this.toBody()), { status: this.status, headers });
  }
}

export function errorTypeForStatus(status: number): ProtocolErrorType {
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "budget_exceeded_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 409:
      return "conflict_error";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

export const invalidRequest = (message: string): ProtocolError => new ProtocolError(400, message);

/** The same answer for "absent" and "someone else's", so ids never leak across tenants. */
export const sessionNotFound = (id: string): ProtocolError => new ProtocolError(404, `Session ${id} not found.`);
