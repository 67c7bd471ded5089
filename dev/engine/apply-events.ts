import type { OutgoingEvent } from "../../src/protocol/events";
import type { DemoSession, SessionState } from "./demo-session";
import { DemoError, invalidRequest } from "./errors";
import { textOfBlocks } from "./parse-events";
import type { PersistedEvent } from "./types";

/** Starts the scripted agent turn for a freshly persisted user message. */
export type StartTurn = (session: DemoSession, userText: string) => void;

/** Rejects the whole batch before anything is persisted, replaying its effect on the state. */
export function assertAdmissible(session: DemoSession, events: readonly OutgoingEvent[]): void {
  let state: SessionState = session.state;
  let pending = session.pending;
  for (const event of events) {
    switch (event.type) {
      case "user.interrupt":
        if (state !== "terminated") state = "idle";
        pending = null;
        break;
      case "user.message":
        if (state === "terminated") throw invalidRequest("The session is terminated; start a new session");
        if (state === "running") throw new DemoError(409, "The agent is still answering", "invalid_request_error");
        if (state === "waiting")
          throw new DemoError(409, "The agent is waiting for a tool confirmation or result", "invalid_request_error");
        state = "running";
        break;
      case "user.tool_confirmation":
      case "user.custom_tool_result": {
        const toolUseId = event.type === "user.tool_confirmation" ? event.tool_use_id : event.custom_tool_use_id;
        if (state !== "waiting" || pending?.kind !== event.type || pending.toolUseId !== toolUseId) {
          throw invalidRequest(`No tool use ${toolUseId} is waiting for ${event.type}`);
        }
        state = "running";
        pending = null;
        break;
      }
    }
  }
}

export function applyEvent(
  session: DemoSession,
  event: OutgoingEvent,
  startTurn: StartTurn,
  traceId: string | null,
): PersistedEvent[] {
  switch (event.type) {
    case "user.message": {
      // The backend logs the host's context with each question, never by editing its text.
      const context = session.persist({
        type: "system.message",
        content: [{ type: "text", text: `tenant_id: ${session.tenantId}\ntrace_id: ${traceId ?? "none"}` }],
      });
      const persisted = session.persistUserEvent({ type: "user.message", content: event.content });
      session.state = "running";
      startTurn(session, textOfBlocks(event.content));
      return [context, persisted];
    }
    case "user.interrupt": {
      const turn = session.turn;
      session.turn = null;
      turn?.cancel();
      const persisted = session.persistUserEvent({ type: "user.interrupt" });
      if (turn && session.state !== "terminated") {
        session.persist({ type: "session.status_idle", stop_reason: { type: "end_turn" }, stop_details: null });
        session.state = "idle";
      }
      return [persisted];
    }
    case "user.tool_confirmation":
    case "user.custom_tool_result": {
      const persisted = session.persistUserEvent(event);
      const pending = session.pending;
      session.pending = null;
      session.state = "running";
      pending?.resolve(persisted);
      return [persisted];
    }
  }
}
