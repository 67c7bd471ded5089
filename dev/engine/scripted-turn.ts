import type { StopReason, UserCustomToolResultEvent, UserToolConfirmationEvent } from "../../src/protocol/events";
import { CancelScope } from "./cancel-scope";
import type { ActiveTurn, DemoSession, PendingAction } from "./demo-session";
import { TurnCancelled } from "./errors";
import type { TurnGate, TurnPoint } from "./turn-gate";
import { recordModelRequest, sessionUsageDraft } from "./usage";
import type {
  CannedToolAnswer,
  EventDraft,
  ModelRequestOptions,
  Persisted,
  PersistedEvent,
  Scenario,
  TurnContext,
} from "./types";

export interface TurnInput {
  tenantId: string;
  traceId: string;
  userText: string;
  speed: number;
  /** Stops the turn at a pause while a test holds it there. */
  gate: TurnGate;
}

interface OpenSpan {
  id: string;
  inputChars: number;
  outputChars: number;
}

/** Thinking is not shown, but it is billed. */
const THINKING_CHARS = 1_400;

/** Runs one scenario against a session; `cancel()` is the interrupt path. */
export class ScriptedTurn implements TurnContext, ActiveTurn {
  readonly tenantId: string;
  readonly traceId: string;
  readonly userText: string;
  readonly #session: DemoSession;
  readonly #speed: number;
  readonly #gate: TurnGate;
  readonly #scope = new CancelScope();
  #ended = false;
  #openSpan: OpenSpan | null = null;
  #inputChars: number;

  constructor(session: DemoSession, input: TurnInput) {
    this.#session = session;
    this.tenantId = input.tenantId;
    this.traceId = input.traceId;
    this.userText = input.userText;
    this.#speed = input.speed;
    this.#gate = input.gate;
    this.#inputChars = input.userText.length;
  }

  get pendingCount(): number {
    return this.#scope.pendingCount;
  }

  async run(scenario: Scenario): Promise<void> {
    try {
      await this.pause(200);
      this.emit({ type: "session.status_running" });
      await scenario.run(this);
      if (!this.#ended) this.finish({ type: "end_turn" });
    } catch (error) {
      if (error instanceof TurnCancelled || this.#scope.cancelled) return;
      console.error(`[tracy demo] scenario ${scenario.name} failed`, error);
      this.#failTerminally(error instanceof Error ? error.message : String(error));
    } finally {
      if (this.#session.turn === this) this.#session.turn = null;
    }
  }

  async pause(ms: number): Promise<void> {
    await this.#scope.sleep(this.#speed > 0 ? ms / this.#speed : 0);
    if (this.#session.holdWhileAway)
      await this.#scope.wait<void>((resolve) => this.#session.onWatched(() => resolve()));
    const session = this.#session;
    const point: TurnPoint = {
      streamingMessage: session.isStreamingMessage,
      logged: (type) => session.log.count(type),
    };
    await this.#gate.pass(point, this.#scope);
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
    }
    return this.#session.persist(draft);
  }

  emitUnknown(draft: { type: string; [key: string]: unknown }): void {
    this.#assertLive();
    this.#session.persistUnknown(draft);
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
    const chunks = text.split(/(?<=\s)(?=\S)/);
    const perChunk = Math.min(32, 1_800 / chunks.length);
    this.#session.beginMessage();
    for (const chunk of chunks) {
      await this.pause(perChunk);
      this.#session.pushDelta(chunk);
      this.#addOutput(chunk.length);
    }
    this.#session.endMessage();
  }

  awaitConfirmation(toolUseId: string): Promise<UserToolConfirmationEvent> {
    return this.#awaitAction<UserToolConfirmationEvent>("user.tool_confirmation", toolUseId);
  }

  async awaitCustomToolResult(toolUseId: string): Promise<UserCustomToolResultEvent> {
    const result = await this.#awaitAction<UserCustomToolResultEvent>("user.custom_tool_result", toolUseId);
    this.#inputChars += JSON.stringify(result.content ?? []).length;
    return result;
  }

  /** Plays tracy-server's part: the same idle, answer and running events the real stack mirrors. */
  async awaitServerToolResult(toolUseId: string, canned: CannedToolAnswer): Promise<UserCustomToolResultEvent> {
    this.emit({
      type: "session.status_idle",
      stop_reason: { type: "requires_action", event_ids: [toolUseId] },
      stop_details: null,
    });
    await this.pause(300);
    const result = this.emit({
      type: "user.custom_tool_result",
      custom_tool_use_id: toolUseId,
      content: [{ type: "text", text: canned.text }],
      ...(canned.isError ? { is_error: true } : {}),
    });
    this.#inputChars += canned.text.length;
    await this.pause(150);
    this.emit({ type: "session.status_running" });
    return result;
  }

  finish(stopReason: StopReason): void {
    this.emit({ type: "session.status_idle", stop_reason: stopReason, stop_details: null });
    this.#ended = true;
    this.#session.state = "idle";
  }

  terminate(): void {
    this.emit({ type: "session.status_terminated" });
    this.#ended = true;
    this.#session.state = "terminated";
  }

  cancel(): void {
    this.#scope.cancel();
    this.#session.endMessage();
    if (this.#openSpan) this.#closeSpan(false);
    this.#ended = true;
    this.#session.pending = null;
  }

  async #awaitAction<E extends PersistedEvent>(kind: PendingAction["kind"], toolUseId: string): Promise<E> {
    this.emit({
      type: "session.status_idle",
      stop_reason: { type: "requires_action", event_ids: [toolUseId] },
      stop_details: null,
    });
    this.#session.state = "waiting";
    const answer = await this.#scope.wait<PersistedEvent>((resolve) => {
      this.#session.pending = { kind, toolUseId, resolve };
    });
    await this.pause(150);
    this.emit({ type: "session.status_running" });
    return answer as E;
  }

  #closeSpan(failed: boolean): void {
    const span = this.#openSpan;
    if (!span) return;
    this.#openSpan = null;
    const usage = recordModelRequest(this.#session.usage, span.inputChars, span.outputChars, failed);
    this.#session.persist({
      type: "span.model_request_end",
      model_request_start_id: span.id,
      model_usage: usage,
      is_error: failed,
    });
    if (!failed) this.#session.persist(sessionUsageDraft(this.#session.usage));
  }

  #addOutput(chars: number): void {
    if (this.#openSpan) this.#openSpan.outputChars += chars;
  }

  #assertLive(): void {
    this.#scope.throwIfCancelled();
    if (this.#ended) throw new Error("the scenario emitted an event after its turn ended");
  }

  #failTerminally(message: string): void {
    this.#session.endMessage();
    this.#closeSpan(true);
    this.#session.persist({
      type: "session.error",
      error: { type: "unknown_error", message, retry_status: { type: "terminal" } },
    });
    this.#session.persist({
      type: "session.status_idle",
      stop_reason: { type: "retries_exhausted" },
      stop_details: null,
    });
    this.#ended = true;
    this.#session.pending = null;
    this.#session.state = "idle";
  }
}
