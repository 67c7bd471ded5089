import { opaqueId } from "./ids.js";
import { TurnCancelled, type SimSession } from "./sim-session.js";
import type { ModelUsage, SimEvent } from "./sim-types.js";

/** What a scenario can do; every wait rejects with `TurnCancelled` on `user.interrupt`. */
export interface AgentContext {
  readonly session: SimSession;
  readonly userText: string;
  /** One model request streaming `text` as a message (previews, then the final `agent.message`). */
  say(text: string, options?: { checkpointAfterChars?: number }): Promise<void>;
  /** One model request ending in tool uses; returns their event ids. */
  useTools(
    tools: { name: string; input: Record<string, unknown>; custom?: boolean; ask?: boolean }[],
  ): Promise<SimEvent[]>;
  /** Idles with `requires_action` until each listed event is answered. */
  awaitActions(events: SimEvent[]): Promise<Map<string, SimEvent>>;
  /** Blocks until the test calls `simulator.release(sessionId)` (a fixed point mid-turn). */
  checkpoint(): Promise<void>;
  emit(draft: { type: string; [key: string]: unknown }): SimEvent;
}

export type Scenario = (ctx: AgentContext) => Promise<"end_turn" | "retries_exhausted" | "terminated">;

export interface AgentTiming {
  /** Pause between deltas, in ms (0: next macrotask). */
  deltaMs: number;
  /** Characters per delta. */
  chunk: number;
  /** Interval of `event: ping` on open streams. */
  pingMs: number;
}

const tokens = (chars: number): number => Math.ceil(chars / 4);

/** Runs one turn for a queued user message, then the next queued one, if any. */
export async function runTurn(
  session: SimSession,
  scenario: Scenario,
  userText: string,
  timing: AgentTiming,
  checkpoint: (session: SimSession, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const abort = new AbortController();
  session.cancel = abort;
  const signal = abort.signal;
  let requests = 0;
  const pause = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new TurnCancelled());
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new TurnCancelled());
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  let openRequest: { startId: string; input: number } | null = null;

  const startRequest = () => {
    const start = session.emit({ type: "span.model_request_start" });
    openRequest = { startId: start.id, input: userText.length };
    return start.id;
  };
  const endRequest = (outputChars: number, isError = false) => {
    const open = openRequest;
    if (!open) return;
    openRequest = null;
    const usage: ModelUsage = isError
      ? { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }
      : {
          input_tokens: 12 + tokens(open.input),
          output_tokens: 3 + tokens(outputChars),
          cache_read_input_tokens: requests === 0 ? 0 : 1_000 + 17 * requests,
          cache_creation_input_tokens: requests === 0 ? 4_096 : 40 + requests,
        };
    requests += 1;
    session.recordUsage(usage);
    session.emit({
      type: "span.model_request_end",
      model_request_start_id: open.startId,
      is_error: isError,
      model_usage: usage,
    });
    const cost =
      (session.totals.input * 3 +
        session.totals.output * 15 +
        session.totals.cacheRead * 0.3 +
        session.totals.cacheWrite * 3.75) /
      1e6;
    session.emit({
      type: "session.usage",
      usage: {
        input_tokens: session.totals.input,
        output_tokens: session.totals.output,
        cache_read_input_tokens: session.totals.cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: session.totals.cacheWrite },
        list_cost: { amount: cost.toFixed(6), currency: "USD" },
      },
      budget: null,
    });
  };
  let streamed = 0;

  const ctx: AgentContext = {
    session,
    userText,
    async say(text, options = {}) {
      startRequest();
      const id = opaqueId("sevt");
      session.broadcast({ type: "event_start", event: { id, type: "agent.message" } });
      streamed = 0;
      for (let i = 0; i < text.length; i += timing.chunk) {
        await pause(timing.deltaMs);
        const piece = text.slice(i, i + timing.chunk);
        streamed += piece.length;
        session.broadcast({
          type: "event_delta",
          event_id: id,
          delta: { type: "content_delta", content: { type: "text", text: piece }, index: 0 },
        });
        const at = options.checkpointAfterChars;
        if (at !== undefined && streamed >= at && streamed - piece.length < at) await checkpoint(session, signal);
      }
      await pause(timing.deltaMs);
      const message: SimEvent = {
        type: "agent.message",
        id,
        content: [{ type: "text", text }],
        processed_at: new Date().toISOString(),
      };
      session.events.push(message);
      session.broadcast(message);
      endRequest(text.length);
    },
    async useTools(tools) {
      startRequest();
      await pause(timing.deltaMs);
      const events = tools.map((tool) =>
        tool.custom
          ? session.emit({ type: "agent.custom_tool_use", name: tool.name, input: tool.input })
          : session.emit({
              type: "agent.tool_use",
              name: tool.name,
              input: tool.input,
              evaluated_permission: tool.ask ? "ask" : "allow",
            }),
      );
      endRequest(JSON.stringify(tools).length);
      return events;
    },
    awaitActions(events) {
      return session.awaitActions(
        events.map((e) => ({
          id: e.id,
          kind: e.type === "agent.custom_tool_use" ? "user.custom_tool_result" : "user.tool_confirmation",
        })),
        signal,
      );
    },
    checkpoint: () => checkpoint(session, signal),
    emit: (draft) => session.emit(draft),
  };

  let stop: "end_turn" | "retries_exhausted" | "terminated" = "end_turn";
  try {
    stop = await scenario(ctx);
  } catch (error) {
    if (!(error instanceof TurnCancelled)) throw error;
    // An interrupted request ends without its final event: its span end closes the preview.
    endRequest(streamed);
  } finally {
    session.cancel = null;
  }
  if (stop === "terminated") session.setStatus("terminated");
  else session.setStatus("idle", { type: stop });
}
