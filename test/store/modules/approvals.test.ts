// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createApprovals } from "../../../src/store/approvals";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

function setup(sessionId: string | null = "sesn_1") {
  const state = memoryState({ sessionId });
  const transport = new FakeTransport();
  const scope = new AbortController();
  const approvals = createApprovals({
    state,
    transport,
    ctx: () => ({ tenantId: "acme", traceId: null }),
    scopeSignal: () => scope.signal,
  });
  return { state, transport, scope, approvals };
}

describe("approvals", () => {
  it("answers once per tool use and answer, with a key that says both", async () => {
    const { state, transport, approvals } = setup();
    approvals.confirmTool("tool_1", "deny", "  not now ");
    approvals.confirmTool("tool_1", "deny");
    await settle();
    expect(transport.sends).toEqual([
      expect.objectContaining({
        key: "tool-confirmation:tool_1:deny",
        events: [{ type: "user.tool_confirmation", tool_use_id: "tool_1", result: "deny", deny_message: "not now" }],
      }),
    ]);
    expect(state.get().confirmations).toEqual({ tool_1: { result: "deny", error: null } });
  });

  it("keeps a failed answer with its error so it can be given again", async () => {
    const { state, transport, approvals } = setup();
    transport.sendFailures = [new TypeError("Failed to fetch")];
    approvals.confirmTool("tool_1", "allow");
    await settle();
    expect(state.get().confirmations.tool_1?.error).not.toBeNull();
    approvals.confirmTool("tool_1", "allow");
    await settle();
    expect(transport.sends).toHaveLength(2);
    expect(state.get().confirmations.tool_1).toEqual({ result: "allow", error: null });
  });

  it("needs a session", () => {
    const { state, approvals } = setup(null);
    approvals.confirmTool("tool_1", "allow");
    expect(state.patches).toEqual([]);
  });
});
