import type { AgentMessageEvent } from "../../src/protocol/events";
import { EventLog } from "./event-log";
import { emptyUsage, type UsageTotals } from "./usage";
import type {
  EventDraft,
  Persisted,
  PersistedEvent,
  SessionResource,
  StreamSubscriber,
  SubscribeOptions,
  WireEvent,
} from "./types";

export type SessionState = "idle" | "running" | "waiting" | "terminated";

export interface PendingAction {
  kind: "user.tool_confirmation" | "user.custom_tool_result";
  toolUseId: string;
  resolve(event: PersistedEvent): void;
}

export interface ActiveTurn {
  /** Stops the turn now; persists whatever it had half-produced. */
  cancel(): void;
  readonly pendingCount: number;
}

/** One session: its log, its live streams, and the state of its current turn. */
export class DemoSession {
  readonly resource: SessionResource;
  readonly log: EventLog;
  readonly usage: UsageTotals = emptyUsage();
  readonly idempotency = new Map<string, PersistedEvent[]>();
  state: SessionState = "idle";
  pending: PendingAction | null = null;
  turn: ActiveTurn | null = null;
  readonly #subscribers = new Set<StreamSubscriber>();
  /** A test knob (`?fault=hold`): the scripted agent waits at its pauses while no stream is open. */
  holdWhileAway = false;
  readonly #watchers: (() => void)[] = [];
  #streaming: { id: string; chunks: string[] } | null = null;

  constructor(resource: SessionResource) {
    this.resource = resource;
    this.log = new EventLog();
  }

  get id(): string {
    return this.resource.id;
  }

  get tenantId(): string {
    return this.resource.tenant_id;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  get isStreamingMessage(): boolean {
    return this.#streaming !== null;
  }

  persist<E extends EventDraft>(draft: E, id: string = this.log.allocateId()): Persisted<E> {
    // `type` then `id` first, so the wire JSON reads naturally.
    const event = Object.assign({ type: draft.type, id }, draft, {
      processed_at: new Date().toISOString(),
    }) as unknown as Persisted<E>;
    this.#append(event);
    return event;
  }

  /**
   * Logs a user event as the upstream does: echoed once queued (`processed_at: null`) and again,
   * same id, once processed. An interrupt gets an empty id, as the upstream's may.
   */
  persistUserEvent<E extends EventDraft>(draft: E): Persisted<E> {
    const id = draft.type === "user.interrupt" ? "" : this.log.allocateId();
    const queued = Object.assign({ type: draft.type, id }, draft, { processed_at: null }) as unknown as Persisted<E>;
    this.#append(queued);
    const processed = { ...queued, processed_at: new Date().toISOString() };
    this.log.replace(queued, processed);
    this.#broadcast(processed);
    return queued;
  }

  persistUnknown(draft: { type: string; [key: string]: unknown }): void {
    this.#append({ ...draft, id: this.log.allocateId(), processed_at: new Date().toISOString() });
  }

  beginMessage(): string {
    const id = this.log.allocateId();
    this.#streaming = { id, chunks: [] };
    this.#broadcastPreview({ type: "event_start", event: { id, type: "agent.message" } });
    return id;
  }

  pushDelta(text: string): void {
    const streaming = this.#streaming;
    if (!streaming) return;
    streaming.chunks.push(text);
    this.#broadcastPreview(deltaEvent(streaming.id, text));
  }

  /** Persists the streamed message with what it has so far (all of it, unless interrupted). */
  endMessage(): Persisted<AgentMessageEvent> | null {
    const streaming = this.#streaming;
    if (!streaming) return null;
    this.#streaming = null;
    const text = streaming.chunks.join("");
    return this.persist({ type: "agent.message", content: [{ type: "text", text }] }, streaming.id);
  }

  /**
   * Live events from now on. Like the upstream, nothing is replayed: a client lists the history
   * after connecting. `resume` plays a proxy that honours `Last-Event-ID` (and re-sends the
   * preview in flight).
   */
  subscribe(options: SubscribeOptions): () => void {
    const subscriber: StreamSubscriber = { deltas: options.deltas, send: options.send, cut: options.cut };
    if (options.resume && options.lastEventId !== null) {
      for (const event of this.log.after(options.lastEventId) ?? []) subscriber.send(event, idOf(event));
    }
    const streaming = this.#streaming;
    if (options.resume && streaming && subscriber.deltas) {
      subscriber.send({ type: "event_start", event: { id: streaming.id, type: "agent.message" } }, undefined);
      for (const chunk of streaming.chunks) subscriber.send(deltaEvent(streaming.id, chunk), undefined);
    }
    this.#subscribers.add(subscriber);
    for (const watcher of this.#watchers.splice(0)) watcher();
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** Calls `watched` once a stream is open (at once if one is, or nobody asked to hold). */
  onWatched(watched: () => void): void {
    if (!this.holdWhileAway || this.#subscribers.size > 0) watched();
    else this.#watchers.push(watched);
  }

  cutStreams(): void {
    for (const subscriber of [...this.#subscribers]) subscriber.cut();
  }

  #append(event: PersistedEvent): void {
    this.log.append(event);
    this.#broadcast(event);
  }

  #broadcast(event: PersistedEvent): void {
    for (const subscriber of [...this.#subscribers]) subscriber.send(event, idOf(event));
  }

  #broadcastPreview(event: WireEvent): void {
    for (const subscriber of [...this.#subscribers]) {
      if (subscriber.deltas) subscriber.send(event, undefined);
    }
  }
}

function idOf(event: PersistedEvent): string | undefined {
  return event.id === "" ? undefined : event.id;
}

function deltaEvent(eventId: string, text: string): WireEvent {
  return {
    type: "event_delta",
    event_id: eventId,
    delta: { type: "content_delta", content: { type: "text", text }, index: 0 },
  };
}
