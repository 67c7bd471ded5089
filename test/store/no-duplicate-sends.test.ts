import { describe, expect, it } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { FakeTransport, eventId, text } from "../helpers/fake-transport";
import { runTurn } from "../helpers/turns";
import { settle, installFakeClock } from "../helpers/fake-clock";

installFakeClock();

function setup() {
  const transport = new FakeTransport();
  const store = createTracyStore({ transport, tenantId: "acme", traceId: "trace-1" });
  return { transport, store, actions: store.getState().actions };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}

const userMessages = (transport: FakeTransport) =>
  transport.sends.filter((s) => (s.events[0] as { type: string }).type === "user.message");

describe("no duplicate sends (store)", () => {
  it("sending the same draft twice in a row (double Enter) posts it once", async () => {
    const { transport, store, actions } = setup();
    actions.setDraft("Why is checkout slow?");
    expect(actions.send()).toBe(true);
    expect(actions.send()).toBe(false);
    await settle();
    expect(transport.sessions).toHaveLength(1);
    expect(userMessages(transport)).toHaveLength(1);
    expect(store.getState().pending).toHaveLength(1);
  });

  it("two messages sent before the session exists create one session and post each once, in order", async () => {
    const { transport, store, actions } = setup();
    actions.send("first");
    actions.send("second");
    await settle();
    expect(transport.sessions).toHaveLength(1);
    expect(transport.streams).toHaveLength(1);
    // The second waits for the first one's turn to end.
    expect(userMessages(transport)).toHaveLength(1);
    transport.lastStream().open();
    await settle();
    runTurn(store, transport.lastStream());
    await settle();
    expect(userMessages(transport).map((s) => s.events[0])).toEqual([
      { type: "user.message", content: text("first") },
      { type: "user.message", content: text("second") },
    ]);
    expect(new Set(transport.sends.map((s) => s.key)).size).toBe(2);
  });

  it("hiding and showing the tab mid-answer sends nothing and opens no stream", async () => {
    const { transport, store, actions } = setup();
    actions.send("Why is checkout slow?");
    await settle();
    const stream = transport.lastStream();
    stream.open();
    stream.emit({ type: "session.status_running", id: eventId("1:102") });
    stream.emit({ type: "event_start", event: { id: eventId("1:103"), type: "agent.message" } });
    await settle();
    try {
      setVisibility("hidden");
      await settle();
      setVisibility("visible");
      await settle();
    } finally {
      setVisibility("visible");
    }
    expect(transport.streams).toEqual([stream]);
    expect(stream.closed).toBe(false);
    expect(transport.sends).toHaveLength(1);
    expect(transport.sessions).toHaveLength(1);
    expect(store.getState().connection).toBe("open");
  });
});
