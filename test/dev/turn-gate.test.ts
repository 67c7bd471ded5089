// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { DemoBackend } from "../../dev/engine/demo-backend";

const ctx = { tenantId: "acme", traceId: null };

/** A session on a backend without delays, with every event its stream sends. */
function started() {
  const backend = new DemoBackend({ speed: 0 });
  const { id } = backend.createSession(ctx);
  const types: string[] = [];
  backend.subscribe(ctx, id, {
    deltas: true,
    lastEventId: null,
    send: (event) => types.push(event.type),
    cut: () => {},
  });
  const say = (text: string, key: string) =>
    backend.sendEvents(ctx, id, [{ type: "user.message", content: [{ type: "text", text }] }], key);
  return { backend, id, types, say };
}

describe("demo backend turn gate", () => {
  it("holds a turn at the first pause where the condition holds, and lets it finish once opened", async () => {
    const { backend, types, say } = started();
    backend.turnGate.close((turn) => turn.streamingMessage);
    say("Give me a markdown summary", "k1");
    await vi.waitFor(() => expect(backend.turnGate.heldCount).toBe(1));
    expect(types.at(-1)).toBe("event_start");
    expect(types).not.toContain("agent.message");

    backend.turnGate.open();
    await vi.waitFor(() => expect(types.at(-1)).toBe("session.status_idle"));
    expect(backend.turnGate.heldCount).toBe(0);
    expect(backend.pendingTimerCount()).toBe(0);
  });

  it("counts logged events by type for its condition, and lets go of a turn interrupted while held", async () => {
    const { backend, id, types, say } = started();
    backend.turnGate.close((turn) => turn.logged("agent.custom_tool_use") > 0);
    say("Why is checkout slow?", "k2");
    await vi.waitFor(() => expect(backend.turnGate.heldCount).toBe(1));
    expect(types).toContain("agent.custom_tool_use");
    expect(types).not.toContain("user.custom_tool_result");

    backend.sendEvents(ctx, id, [{ type: "user.interrupt" }], "k3");
    await vi.waitFor(() => expect(backend.turnGate.heldCount).toBe(0));
    expect(types.at(-1)).toBe("session.status_idle");
    expect(types).not.toContain("user.custom_tool_result");
    expect(backend.pendingTimerCount()).toBe(0);
  });
});
