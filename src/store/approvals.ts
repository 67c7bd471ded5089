import { isAbortError } from "../transport/errors";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { describeError } from "./describe-error";
import { within, type StatePort } from "./store-port";
import type { TracyState } from "./tracy-state";

export interface ApprovalsDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  scopeSignal: () => AbortSignal;
}

type ToolConfirmation = TracyState["confirmations"][string];

/** Answers to the approvals the agent waits for (`user.tool_confirmation`), kept in `confirmations`. */
export function createApprovals({ state, transport, ctx, scopeSignal }: ApprovalsDeps) {
  return {
    confirmTool(toolUseId: string, result: "allow" | "deny", denyMessage?: string): void {
      const sessionId = state.get().sessionId;
      const current = state.get().confirmations[toolUseId];
      if (!sessionId || (current && !current.error)) return;
      const signal = scopeSignal();
      const setConfirmation = (value: ToolConfirmation) =>
        state.set({ confirmations: { ...state.get().confirmations, [toolUseId]: value } });
      setConfirmation({ result, error: null });
      const message = denyMessage?.trim();
      const event = {
        type: "user.tool_confirmation" as const,
        tool_use_id: toolUseId,
        result,
        ...(result === "deny" && message ? { deny_message: message } : {}),
      };
      // One key per tool use and answer: a double click or a retry can't confirm twice, and a Deny
      // after a lost Allow is a different request, never answered with the Allow's stored response.
      transport
        .sendEvents(ctx(), sessionId, [event], `tool-confirmation:${toolUseId}:${result}`, signal)
        .catch((error: unknown) =>
          within(signal, () => {
            if (!isAbortError(error)) setConfirmation({ result, error: describeError(error, "confirm") });
          }),
        );
    },
  };
}
