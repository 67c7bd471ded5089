// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { FakeTransport, text } from "../helpers/fake-transport";
import { warningText } from "../helpers/labels";

// A fold that throws on one marked event: stands for a fold bug the decoder did not foresee.
vi.mock("../../src/protocol/fold", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/protocol/fold")>();
  const foldEvents: typeof actual.foldEvents = (base, events) => {
    const list = [...events];
    if (list.some((e) => "id" in e && e.id === "sevt_1_bad")) throw new TypeError("fold bug");
    return actual.foldEvents(base, list);
  };
  return { ...actual, foldEvents };
});

const { createTracyStore } = await import("../../src/store/create-tracy-store");

describe("folding a batch", () => {
  it("skips only the event the fold throws on, applies the rest of its batch and says so", async () => {
    const transport = new FakeTransport();
    transport.history["sesn_1"] = [
      { type: "agent.message", id: "sevt_1_1", content: text("before") },
      { type: "agent.message", id: "sevt_1_bad", content: text("bad") },
      { type: "agent.message", id: "sevt_1_3", content: text("after") },
    ];
    const store = createTracyStore({ transport, tenantId: "acme", sessionId: "sesn_1" });
    store.getState().actions.start();
    await vi.waitFor(() => expect(transport.streams).toHaveLength(1));
    transport.lastStream().open();
    await vi.waitFor(() => expect(store.getState().transcript.order).toEqual(["sevt_1_1", "sevt_1_3"]));
    expect(store.getState().warning).toEqual({ kind: "unshown-events", count: 1 });
    expect(warningText(store.getState().warning)).toBe("1 event couldn't be shown and was skipped.");
  });
});
