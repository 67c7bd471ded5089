import { describe, expect, it, vi } from "vitest";
import { EMPTY_TRANSCRIPT, foldEvents, type StreamEvent } from "../../../src/protocol";
import { createClientToolAnswers } from "../../../src/store/client-tool-answers";
import { memoryToolClaims } from "../../../src/store/client-tools";
import { TracyHttpError } from "../../../src/transport/errors";
import { settle, installFakeClock } from "../../helpers/fake-clock";
import { FakeTransport, eventId } from "../../helpers/fake-transport";
import { memoryState } from "../../helpers/state-port";

installFakeClock();

const waitingOnTool = foldEvents(EMPTY_TRANSCRIPT, [
  { type: "agent.custom_tool_use", id: eventId("ct:1"), name: "lookup", input: {} },
  {
    type: "session.status_idle",
    id: eventId("ct:2"),
    stop_reason: { type: "requires_action", event_ids: [eventId("ct:1")] },
    stop_details: null,
  },
] as StreamEvent[]);

function setup(claims = memoryToolClaims()) {
  const state = memoryState({ sessionId: "sesn_1", transcript: waitingOnTool });
  const transport = new FakeTransport();
  const handler = vi.fn(() => "rows");
  const answers = createClientToolAnswers({
    state,
    transport,
    ctx: () => ({ tenantId: "acme", traceId: null }),
    tools: () => ({ lookup: handler }),
    claims,
  });
  return { state, transport, handler, answers, signal: new AbortController().signal };
}

describe("client tool answers", () => {
  it("a failed answer becomes the panel's error with Retry, which sends the same answer", async () => {
    const { state, transport, handler, answers, signal } = setup();
    transport.sendFailures = [new TracyHttpError(503, "down")];
    answers.run(waitingOnTool, signal);
    await settle();
    expect(state.get().error).toMatchObject({ retry: "tool-result", toolUseId: eventId("ct:1") });
    answers.retry(eventId("ct:1"), signal);
    await settle();
    expect(state.get().error).toBeNull();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(transport.sends.map((s) => s.key)).toEqual([
      `custom-tool-result:${eventId("ct:1")}`,
      `custom-tool-result:${eventId("ct:1")}`,
    ]);
  });

  it("says a call claimed by a closed page was interrupted, without running it", async () => {
    const claims = memoryToolClaims();
    claims.claim("sesn_1", eventId("ct:1"));
    const { state, handler, answers, signal } = setup(claims);
    answers.run(waitingOnTool, signal);
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(state.get().error).toMatchObject({ kind: "tool-interrupted", tool: "lookup", retry: "tool-result" });
  });

  it("runs nothing without a session", async () => {
    const { state, handler, answers, signal } = setup();
    state.set({ sessionId: null });
    answers.run(waitingOnTool, signal);
    answers.retry(eventId("ct:1"), signal);
    await settle();
    expect(handler).not.toHaveBeenCalled();
  });
});
