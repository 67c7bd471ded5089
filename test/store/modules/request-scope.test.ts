// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createRequestScope } from "../../../src/store/request-scope";

describe("request scope", () => {
  it("aborts the old scope's signal, hands out a fresh one and forgets per-scope memory", () => {
    const onReset = vi.fn();
    const scope = createRequestScope(onReset);
    const old = scope.signal;
    const fresh = scope.reset();
    expect(old.aborted).toBe(true);
    expect(fresh.aborted).toBe(false);
    expect(scope.signal).toBe(fresh);
    expect(onReset).toHaveBeenCalledTimes(1);
  });
});
