import { describe, expect, it } from "vitest";
import { describeError } from "../../src/store/describe-error";
import { TracyHttpError } from "../../src/transport/errors";

describe("describeError", () => {
  it("says what to do about a 403, after the backend's reason", () => {
    const detail = (message: string) => describeError(new TracyHttpError(403, message), "send your message").detail;
    expect(detail("Tracy is not enabled for acme-prod.")).toBe(
      "You don't have access to Tracy for this tenant. Tracy is not enabled for acme-prod. Ask an admin for access.",
    );
    expect(detail("Missing scope tracy:read")).toBe(
      "You don't have access to Tracy for this tenant. Missing scope tracy:read. Ask an admin for access.",
    );
    expect(detail("")).toBe("You don't have access to Tracy for this tenant. Ask an admin for access.");
  });
});
