// @vitest-environment node
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/store/describe-error";
import { TracyHttpError } from "../../src/transport/errors";
import { errorText } from "../helpers/labels";

describe("describeError", () => {
  it("says what to do about a 403, after the backend's reason", () => {
    const detail = (message: string) => errorText(describeError(new TracyHttpError(403, message), "send")).detail;
    expect(detail("Tracy is not enabled for acme-prod.")).toBe(
      "You don't have access to Tracy for this tenant. Tracy is not enabled for acme-prod. Ask an admin for access.",
    );
    expect(detail("Missing scope tracy:read")).toBe(
      "You don't have access to Tracy for this tenant. Missing scope tracy:read. Ask an admin for access.",
    );
    expect(detail("")).toBe("You don't have access to Tracy for this tenant. Ask an admin for access.");
  });

  it("gives codes and data, not words: the views word them in the panel's language", () => {
    expect(describeError(new TracyHttpError(429, "slow down", "rate_limit_error", 2.2), "connect")).toEqual({
      kind: "rate-limited",
      action: "connect",
      message: "slow down",
      status: 429,
      retryable: true,
      retryAfter: 2.2,
      tool: null,
    });
    expect(errorText(describeError(new TracyHttpError(429, "slow down", null, 2.2), "connect")).detail).toBe(
      "Tracy is rate limited. Try again in 3 s.",
    );
    expect(errorText(describeError(new Error("boom"), "tool-result", "get_trace"))).toEqual({
      title: "Couldn't send the result of get_trace",
      detail: "boom",
    });
  });
});
