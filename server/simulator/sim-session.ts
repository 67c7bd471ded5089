import { opaqueId } from "./ids.js";
import { SimHttpError, type ModelUsage, type SimEvent, type SimPreview } from "./sim-types.js";

export type SessionStatus = "idle" | "running" | "rescheduling" | "terminated";

/** One open `events/stream` response. */
export interface SimStream {
  readonly deltas: boolean;
  /** A half-open connection: open, but nothing more is written (not even pings). */
  stalled: boolean;
  send(event: SimEvent | SimPreview): void;
  destroy(): void;
}

/** An action the agent is blocked on (`requires_action`): a tool confirmation or a custom tool result. */
interface Blocker {
  kind: "user.tool_confirmation" | "user.custom_tool_result";
  resolve(event: SimEvent): void;
}

export class TurnCancelled extends Error {}

/** A session's state: its events (in order), open streams, inbox of queued user messages and blockers. */
export class SimSession {
  readonly id: string;
  readonly createdAt: string;
  status: SessionStatus = "idle";
  readonly events: SimEvent[] = [];
  readonly streams = new Set<SimStream>();
  /** Queued `user.message`s with the `system.message` that came with each, if any. */
  readonly inbox: { message: SimEvent; context: SimEvent | null }[] = [];
  readonly blockers = new Map<string, Blocker>();
  /** Every `span.model_request_end` usage, for tests to compare with the ledger. */
  readonly modelUsages: ModelUsage[] = [];
  readonly totals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  /** Context messages the agent has been given, in order (tests check the injection). */
  readonly contexts: string[] = [];
  turn: Promise<void> | null = null;
  cancel: AbortController | null = null;

  constructor(
    readonly agent: string,
    readonly environmentId: string,
    readonly metadata: Record<string, string>,
    readonly title: string | null,
    /** A session read back from a saved state (see `sim-state-file.ts`) keeps its id and creation time. */
    restored?: { id: string; createdAt: string },
  ) {
    this.id = restored?.id ?? opaqueId("sesn");
    this.createdAt = restored?.createdAt ?? new Date().toISOString();
  }

  resource(): Record<string, unknown> {
    return {
      id: this.id,
      type: "session",
      agent: { id: this.agent, type: "agent" },
      environment_id: this.environmentId,
      metadata: this.metadata,
      title: this.title,
      status: this.status,
      created_at: this.createdAt,
      updated_at: new Date().toISOString(),
      archived_at: null,
      budget: null,
      outcome_evaluations: [],
      resources: [],
      stats: {},
      usage: {
        input_tokens: this.totals.input,
        output_tokens: this.totals.output,
        cache_read_input_tokens: this.totals.cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: this.totals.cacheWrite },
      },
      vault_ids: [],
    };
  }

  /** Stores and broadcasts a new event with a fresh id. */
  emit(draft: { type: string; [key: string]: unknown }, processed = true): SimEvent {
    const event: SimEvent = {
      ...draft,
      id: opaqueId("sevt"),
      processed_at: processed ? new Date().toISOString() : null,
    };
    this.events.push(event);
    this.broadcast(event);
    return event;
  }

  /** A queued user event is taken up: same id, now with `processed_at`, broadcast again. */
  markProcessed(event: SimEvent): void {
    event.processed_at = new Date().toISOString();
    this.broadcast(event);
  }

  broadcast(event: SimEvent | SimPreview): void {
    const copy = structuredClone(event);
    for (const stream of [...this.streams]) {
      if (copy.type === "event_start" || copy.type === "event_delta") {
        if (stream.deltas) stream.send(copy);
      } else {
        stream.send(copy);
      }
    }
  }

  setStatus(status: SessionStatus, stop?: Record<string, unknown>): void {
    this.status = status;
    if (status === "running") this.emit({ type: "session.status_running" });
    else if (status === "terminated") this.emit({ type: "session.status_terminated" });
    else if (status === "idle")
      this.emit({ type: "session.status_idle", stop_reason: stop ?? { type: "end_turn" }, stop_details: null });
  }

  /** Waits until every listed event is answered; partial answers re-emit idle with the rest. */
  awaitActions(ids: { id: string; kind: Blocker["kind"] }[], signal: AbortSignal): Promise<Map<string, SimEvent>> {
    const answers = new Map<string, SimEvent>();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        for (const { id } of ids) this.blockers.delete(id);
        reject(new TurnCancelled());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      for (const { id, kind } of ids) {
        this.blockers.set(id, {
          kind,
          resolve: (event) => {
            this.blockers.delete(id);
            answers.set(id, event);
            const rest = ids.filter((x) => !answers.has(x.id)).map((x) => x.id);
            if (rest.length > 0) {
              this.setStatus("idle", { type: "requires_action", event_ids: rest });
              return;
            }
            signal.removeEventListener("abort", onAbort);
            this.setStatus("running");
            resolve(answers);
          },
        });
      }
      this.setStatus("idle", { type: "requires_action", event_ids: ids.map((x) => x.id) });
    });
  }

  /** The blocker an answer refers to, or a 400 as the real API would give. */
  blockerFor(type: string, refId: unknown): Blocker {
    const blocker = typeof refId === "string" ? this.blockers.get(refId) : undefined;
    if (!blocker || blocker.kind !== type)
      throw new SimHttpError(400, `${type} refers to ${String(refId)}, which the session is not waiting on.`);
    return blocker;
  }

  recordUsage(usage: ModelUsage): void {
    this.modelUsages.push(usage);
    this.totals.input += usage.input_tokens;
    this.totals.output += usage.output_tokens;
    this.totals.cacheRead += usage.cache_read_input_tokens;
    this.totals.cacheWrite += usage.cache_creation_input_tokens;
  }
}
