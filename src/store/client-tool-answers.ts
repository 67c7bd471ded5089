import type { Transcript } from "../protocol/transcript";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { createClientToolRunner, type ClientTools, type ToolClaims } from "./client-tools";
import { describeError, toolInterrupted } from "./describe-error";
import type { StatePort } from "./store-port";

export interface ClientToolAnswersDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  tools: () => ClientTools | undefined;
  claims: ToolClaims;
}

/** Runs the client tools the agent waits on (see client-tools) and shows their failures as the panel's error. */
export function createClientToolAnswers({ state, transport, ctx, tools, claims }: ClientToolAnswersDeps) {
  const runner = createClientToolRunner({
    tools,
    claims,
    ctx,
    send: (sessionId, events, key, signal) => transport.sendEvents(ctx(), sessionId, events, key, signal),
    onSendError: (tool, error) =>
      state.set({
        error: { ...describeError(error, "tool-result", tool.name), retry: "tool-result", toolUseId: tool.id },
      }),
    onOrphaned: (tool) =>
      state.set({
        error: {
          ...toolInterrupted(tool.name),
          retry: "tool-result",
          toolUseId: tool.id,
        },
      }),
  });

  return {
    /** Answers the client tools a fold of `transcript` left the agent waiting on. */
    run(transcript: Transcript, signal: AbortSignal): void {
      const sessionId = state.get().sessionId;
      if (sessionId) runner.run(transcript, sessionId, signal);
    },
    /** The user's Retry on a tool result that could not be sent. */
    retry(toolUseId: string, signal: AbortSignal): void {
      const { sessionId, transcript } = state.get();
      const tool = transcript.items.get(toolUseId);
      if (!sessionId || tool?.kind !== "tool" || tool.result) return;
      state.set({ error: null });
      runner.retry(tool, sessionId, signal);
    },
    reset: () => runner.reset(),
  };
}
