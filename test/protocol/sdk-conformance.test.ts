// @vitest-environment node
import type {
  BetaManagedAgentsSessionEvent,
  BetaManagedAgentsStreamSessionEvents,
} from "@anthropic-ai/sdk/resources/beta/sessions/events";
import { describe, expect, it } from "vitest";
import { decodeEvent, type SessionEvent, type StreamEvent } from "../../src/protocol";
import { isKnownEventType } from "../../src/protocol/events";

type SdkStream = BetaManagedAgentsStreamSessionEvents;
type SdkType = SdkStream["type"];

// Compile-time proofs: `npm test` type-checks this file, so any drift from the SDK fails the build.
type MissingFromOurs = Exclude<SdkType, StreamEvent["type"]>;
type ExtraInOurs = Exclude<StreamEvent["type"], SdkType>;
const _everyTypeKnown: [MissingFromOurs] extends [never] ? true : MissingFromOurs = true;
const _noInventedTypes: [ExtraInOurs] extends [never] ? true : ExtraInOurs = true;
/** Every SDK stream event (and history event) is accepted by our unions, field by field. */
function acceptStream(e: SdkStream): StreamEvent {
  return e;
}
function acceptHistory(e: BetaManagedAgentsSessionEvent): SessionEvent {
  return e;
}
void [_everyTypeKnown, _noInventedTypes, acceptStream, acceptHistory];

describe("SDK conformance", () => {
  it("knows every SDK event type at run time", () => {
    const sdkTypes: Record<SdkType, true> = {
      "user.message": true,
      "user.interrupt": true,
      "user.tool_confirmation": true,
      "user.custom_tool_result": true,
      "agent.custom_tool_use": true,
      "agent.message": true,
      "agent.thinking": true,
      "agent.mcp_tool_use": true,
      "agent.mcp_tool_result": true,
      "agent.tool_use": true,
      "agent.tool_result": true,
      "agent.thread_message_received": true,
      "agent.thread_message_sent": true,
      "agent.thread_context_compacted": true,
      "session.error": true,
      "session.status_rescheduled": true,
      "session.status_running": true,
      "session.status_idle": true,
      "session.status_terminated": true,
      "session.thread_created": true,
      "span.outcome_evaluation_start": true,
      "span.outcome_evaluation_end": true,
      "span.model_request_start": true,
      "span.model_request_end": true,
      "span.outcome_evaluation_ongoing": true,
      "user.define_outcome": true,
      "session.deleted": true,
      "session.thread_status_running": true,
      "session.thread_status_idle": true,
      "session.thread_status_terminated": true,
      "user.tool_result": true,
      "session.thread_status_rescheduled": true,
      "session.updated": true,
      event_start: true,
      event_delta: true,
      "system.message": true,
      "session.usage": true,
      "workflow_run.created": true,
      "workflow_run.status_ended": true,
      "workflow_run.phase_started": true,
      "workflow_run.phase_ended": true,
      "workflow_run.status_running": true,
      "workflow_run.status_idle": true,
      "workflow_run.error": true,
    };
    // A Record over SdkType must list every SDK name, so this loop covers the whole SDK union.
    for (const name of Object.keys(sdkTypes)) expect(isKnownEventType(name), name).toBe(true);
    expect(isKnownEventType("agent.hologram")).toBe(false);
  });

  it("keeps an unknown future type as an unknown event instead of failing", () => {
    const id = "sevt_011CZkZQ7vTnW3pJbX9hLmReA";
    const decoded = decodeEvent({ type: "agent.hologram", id, payload: { x: 1 } });
    expect(decoded).toEqual({
      ok: true,
      known: false,
      event: { type: "agent.hologram", id, payload: { x: 1 } },
    });
  });
});
