import type { StopReason, UserCustomToolResultEvent, UserToolConfirmationEvent } from "../../src/protocol/events";
import { opaqueId, type SimEvent, type SimSession } from "../../server/simulator/index";
import { CancelScope } from "../engine/cancel-scope";
import { TurnCancelled } from "../engine/errors";
import { recordModelRequest, sessionUsageDraft, type UsageTotals } from "../engine/usage";
import type {
  CannedToolAnswer,
  EventDraft,
  ModelRequestOptions,
  Persisted,
  Scenario,
  TurnContext,
} from "../engine/types";

export interface SimulatedTurnInput {
  session: SimSession;
  tenantId: string;
  traceId: string;
  userText: string;
  /** 1: the demo's pace; higher is faster; 0: no waits. */
  speed: number;
  signal: AbortSignal;
  /** The session's usage so far (kept across turns by the caller). */
  usage: UsageTotals;
}

interface OpenSpan {
  id: string;
  inputChars: number;
  outputChars: number;
}

/** Thinking is not shown, but it is billed. */
const THINKING_CHARS = 1_400;

/**
 * The demo scenarios' `TurnContext` played on a Managed Agents simulator session: the same script as the
 * scripted backend, but as the upstream API emits it (opaque ids, `event_start`/`event_delta` previews,
 * `requires_action` idles), so it reaches the panel through tracy-server.
 */
export class SimulatedTurn implements TurnContext {
  readonly tenantId: string;
  readonly traceId: string;
  readonly userText: string;
  readonly #session: SimSession;
  readonly #speed: number;
  readonly #usage: UsageTotals;
  readonly #scope = new CancelScope();
  readonly #signal: AbortSignal;
  #ended = false;
  #openSpan: OpenSpan | null = null;
  #inputChars: number;

  constructor(input: SimulatedTurnInput) {
    this.#session = input.session;
    this.tenantId = input.tenantId;
    this.traceId = input.traceId;
    this.userText = input.userText;
    this.#speed = input.speed;
    this.#usage = input.usage;
    this.#inputChars = input.userText.length;
    this.#signal = input.signal;
    if (input.signal.aborted) this.#scope.cancel();
    else input.signal.addEventListener("abort", () => this.#scope.cancel(), { once: true });
  }

  /** Runs the scenario to the end of the turn: idle (or terminated), also after an interrupt or a failure. */
  async run(scenario: Scenario): Promise<void> {
    try {
      await this.pause(200);
      await scenario.run(this);
      if (!this.#ended) this.finish({ type: "end_turn" });
    } catch (error) {
      if (this.#ended) return;
      if (this.#scope.cancelled || error instanceof TurnCancelled) {
        // Interrupted: the open request ends without its final message (its span end closes the preview).
        this.#closeSpan(false);
        this.#ended = true;
        this.#session.setStatus("idle", { type: "end_turn" });
        return;
      }
      this.#closeSpan(true);
      const message = error instanceof Error ? error.message : String(error);
      this.#session.emit({
        type: "session.error",
        error: { type: "unknown_error", message, retry_status: { type: "terminal" } },
      });
      this.#ended = true;
      this.#session.setStatus("idle", { type: "retries_exhausted" });
    }
  }

  async pause(ms: number): Promise<void> {
    await this.#scope.sleep(this.#speed > 0 ? ms / this.#speed : 0);
  }

  emit<E extends EventDraft>(draft: E): Persisted<E> {
    this.#assertLive();
    if (
      draft.type === "agent.tool_use" ||
      draft.type === "agent.mcp_tool_use" ||
      draft.type === "agent.custom_tool_use"
    ) {
      this.#addOutput(JSON.stringify(draft.input).length + draft.name.length);
    } else if (draft.type === "agent.tool_result" || draft.type === "agent.mcp_tool_result") {
      this.#inputChars += JSON.stringify(draft.content ?? []).length;
    } else if (draft.type === "agent.message") {
      this.#addOutput(JSON.stringify(draft.content).length);
    }
    return this.#session.emit(draft) as unknown as Persisted<E>;
  }

  emitUnknown(draft: { type: string; [key: string]: unknown }): void {
    this.#assertLive();
    this.#session.emit(draft);
  }

  async modelRequest(body: () => Promise<void>, options: ModelRequestOptions = {}): Promise<void> {
    const start = this.emit({ type: "span.model_request_start" });
    this.#openSpan = { id: start.id, inputChars: this.#inputChars, outputChars: 0 };
    this.#inputChars = 0;
    await this.pause(options.fails ? 1_200 : 450);
    if (!options.fails) await body();
    this.#assertLive();
    this.#closeSpan(options.fails === true);
  }

  think(): void {
    this.emit({ type: "agent.thinking" });
    this.#addOutput(THINKING_CHARS);
  }

  async say(text: string): Promise<void> {
    this.#assertLive();
    const id = opaqueId("sevt");
    this.#session.broadcast({ type: "event_start", event: { id, type: "agent.message" } });
    const chunks = text.split(/(?<=\s)(?=\S)/);
    const perChunk = Math.min(32, 1_800 / chunks.length);
    for (const chunk of chunks) {
      await this.pause(perChunk);
      this.#session.broadcast({
        type: "event_delta",
        event_id: id,
        delta: { type: "content_delta", content: { type: "text", text: chunk }, index: 0 },
      });
      this.#addOutput(chunk.length);
    }
    // The final event keeps the preview's id, as the API's does.
    const message: SimEvent = {
      type: "agent.message",
      id,
      content: [{ type: "text", text }],
      processed_at: new Date().toISOString(),
    };
    this.#session.events.push(message);
    this.#session.broadcast(message);
  }

  awaitConfirmation(toolUseId: string): Promise<UserToolConfirmationEvent> {
    return this.#awaitAction<UserToolConfirmationEvent>("user.tool_confirmation", toolUseId);
  }

  async awaitCustomToolResult(toolUseId: string): Promise<UserCustomToolResultEvent> {
    const result = await this.#awaitAction<UserCustomToolResultEvent>("user.custom_tool_result", toolUseId);
    this.#inputChars += JSON.stringify(result.content ?? []).length;
    return result;
  }

  /** tracy-server runs the tool and posts its answer: the canned one is for the scripted backend only. */
  awaitServerToolResult(toolUseId: string, _canned: CannedToolAnswer): Promise<UserCustomToolResultEvent> {
    return this.awaitCustomToolResult(toolUseId);
  }

  finish(stopReason: StopReason): void {
    this.#assertLive();
    this.#ended = true;
    this.#session.setStatus("idle", stopReason as unknown as Record<string, unknown>);
  }

  terminate(): void {
    this.#assertLive();
    this.#ended = true;
    this.#session.setStatus("terminated");
  }

  async #awaitAction<E>(kind: "user.tool_confirmation" | "user.custom_tool_result", toolUseId: string): Promise<E> {
    this.#assertLive();
    // The session idles with `requires_action` and runs again once the answer arrives.
    const answers = await this.#session.awaitActions([{ id: toolUseId, kind }], this.#signal);
    const answer = answers.get(toolUseId);
    if (!answer) throw new Error(`no answer to ${toolUseId}`);
    await this.pause(150);
    return answer as unknown as E;
  }

  #closeSpan(failed: boolean): void {
    const span = this.#openSpan;
    if (!span) return;
    this.#openSpan = null;
    const usage = recordModelRequest(this.#usage, span.inputChars, span.outputChars, failed);
    this.#session.recordUsage(usage);
    this.#session.emit({
      type: "span.model_request_end",
      model_request_start_id: span.id,
      model_usage: usage,
      is_error: failed,
    });
    if (!failed) this.#session.emit(sessionUsageDraft(this.#usage));
  }

  #addOutput(chars: number): void {
    if (this.#openSpan) this.#openSpan.outputChars += chars;
  }

  #assertLive(): void {
    this.#scope.throwIfCancelled();
    if (this.#ended) throw new Error("the scenario emitted an event after its turn ended");
  }
}
