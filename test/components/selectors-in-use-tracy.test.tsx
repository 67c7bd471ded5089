import { act, render } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it } from "vitest";
import * as root from "../../src";
import * as core from "../../src/core";
import type { StreamEvent } from "../../src/core";
import { EMPTY_TRANSCRIPT, foldEvents } from "../../src/core";
import { eventId, FakeTransport, PROCESSED_AT, text } from "../helpers/fake-transport";

/**
 * Every exported selector can be handed to `useTracy` as it is (the README shows `useTracy(selectPhase)`): for
 * the same state it returns the same value, so React's external-store snapshot is stable. A selector that builds a
 * new object per call makes React re-render until it gives up ("Maximum update depth exceeded").
 */
type Selector = (state: root.TracyState) => unknown;

const selectorsOf = (entry: Record<string, unknown>) =>
  Object.entries(entry).filter(([name, value]) => name.startsWith("select") && typeof value === "function") as [
    string,
    Selector,
  ][];
const rootSelectors = selectorsOf(root);
const coreSelectors = selectorsOf(core);

const askTool: StreamEvent = {
  type: "agent.tool_use",
  id: eventId("1:3"),
  name: "run_cypher",
  input: { query: "MATCH (n) RETURN n" },
  evaluated_permission: "ask",
};
const clientTool: StreamEvent = {
  type: "agent.custom_tool_use",
  id: eventId("1:5"),
  name: "get_current_trace",
  input: {},
};
const history: StreamEvent[][] = [
  [{ type: "user.message", id: eventId("1:1"), content: text("why slow?"), processed_at: PROCESSED_AT }],
  [{ type: "session.status_running", id: eventId("1:2") }],
  [askTool],
  [
    {
      type: "session.status_idle",
      id: eventId("1:4"),
      stop_reason: { type: "requires_action", event_ids: [eventId("1:3")] },
      stop_details: null,
    },
  ],
  [
    { type: "user.tool_confirmation", id: eventId("1:6"), tool_use_id: eventId("1:3"), result: "allow" },
    { type: "session.status_running", id: eventId("1:7") },
    clientTool,
    {
      type: "session.status_idle",
      id: eventId("1:8"),
      stop_reason: { type: "requires_action", event_ids: [eventId("1:5")] },
      stop_details: null,
    },
  ],
  [
    { type: "span.model_request_start", id: eventId("1:9") },
    {
      type: "span.model_request_end",
      id: eventId("1:10"),
      model_request_start_id: eventId("1:9"),
      model_usage: { input_tokens: 10, output_tokens: 5 },
    } as StreamEvent,
    { type: "session.status_idle", id: eventId("1:11"), stop_reason: { type: "end_turn" }, stop_details: null },
  ],
];

function newStore() {
  return core.createTracyStore({ transport: new FakeTransport(), tenantId: "acme", sessionId: "sesn_1" });
}

describe("exported selectors used directly with useTracy", () => {
  it("finds the selectors of both entries (root exports the same ones as core)", () => {
    expect(rootSelectors.map(([name]) => name).sort()).toEqual([
      "selectPhase",
      "selectReplyFeedback",
      "selectRequiredActions",
      "selectUsage",
    ]);
    expect(coreSelectors.map(([name]) => name).sort()).toEqual(rootSelectors.map(([name]) => name).sort());
  });

  it.each(rootSelectors)("%s returns the same value for the same state", (_name, selector) => {
    const store = newStore();
    let transcript = EMPTY_TRANSCRIPT;
    for (const batch of [[], ...history]) {
      transcript = foldEvents(transcript, batch);
      store.setState({ transcript, historyLoaded: true });
      const state = store.getState();
      expect(selector(state)).toBe(selector(state));
      // A state with nothing relevant changed (the draft) reads the same value too.
      store.getState().actions.setDraft(`draft ${transcript.order.length}`);
      expect(selector(store.getState())).toBe(selector(state));
    }
  });

  it.each(rootSelectors)("%s renders through useTracy without looping, as the session goes on", (name, selector) => {
    const store = newStore();
    const seen: unknown[] = [];
    let renders = 0;
    function Probe() {
      const value = root.useTracy(selector);
      renders += 1;
      seen.push(value);
      return <output>{name}</output>;
    }
    const view = render(
      <StrictMode>
        <root.TracyStoreContext.Provider value={store}>
          <Probe />
        </root.TracyStoreContext.Provider>
      </StrictMode>,
    );
    let transcript = EMPTY_TRANSCRIPT;
    for (const batch of history) {
      transcript = foldEvents(transcript, batch);
      act(() => store.setState({ transcript, historyLoaded: true }));
    }
    expect(view.getByText(name)).toBeTruthy();
    // StrictMode renders twice: at most two renders for the mount and for each state change.
    expect(renders).toBeLessThanOrEqual(2 * (history.length + 1));
    expect(seen.at(-1)).toBe(selector(store.getState()));
    view.unmount();
  });
});
