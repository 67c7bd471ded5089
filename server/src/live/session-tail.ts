import type { Logger } from "../logger.js";
import { ProtocolError } from "../errors.js";
import type { EventsRepo, UpstreamEvent } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";
import type { UpstreamClient, UpstreamEventOrPreview } from "../upstream/upstream-client.js";
import { AsyncQueue } from "./async-queue.js";
import { interruptibleSleep, reconnectDelay } from "./backoff.js";
import { OpenPreviews } from "./open-previews.js";
import { isPersistedEvent, type Mirror } from "./mirror.js";
import { Serial } from "./serial.js";

/** One browser stream, as the tail sees it. */
export interface TailSubscriber {
  /** New rows are in the mirror: read them from there. */
  wake(): void;
  /** A live `event_start`/`event_delta`, never stored. */
  preview(event: Record<string, unknown>): void;
  /** The tail stopped for good while this browser was attached (not for a terminated session). */
  close(): void;
}

export interface ReconnectPolicy {
  /** @default 250 */
  baseDelayMs?: number;
  /** @default 10000 */
  maxDelayMs?: number;
}

export interface TailDeps {
  upstream: UpstreamClient;
  events: EventsRepo;
  mirror: Mirror;
  log: Logger;
  reconnect: ReconnectPolicy;
  /** Called once the tail has stopped for good. */
  onStop(tail: SessionTail): void;
  /**
   * The session idles until these events are answered (`requires_action`): seen live, or as the newest status of
   * the history on each (re)connect, so a tool use left unanswered by a stopped server is picked up again.
   */
  onRequiresAction?(session: SessionRow, eventIds: string[]): void;
}

const BUSY_STATUSES = new Set(["session.status_running", "session.status_rescheduled"]);
const RESTING_STATUSES = new Set(["session.status_idle", "session.status_terminated", "session.deleted"]);
const FINAL_STATUSES = new Set(["session.status_terminated", "session.deleted"]);
const STATUSES = new Set([...BUSY_STATUSES, ...RESTING_STATUSES]);

/**
 * The one upstream stream of a live session, feeding the mirror. Upstream has no replay, so every
 * (re)connect opens the stream first, buffers it, lists the history, applies what the mirror lacked,
 * then the buffer. It stops when no browser is attached and the agent is not working.
 */
export class SessionTail {
  readonly session: SessionRow;
  readonly #deps: TailDeps;
  readonly #subscribers = new Set<TailSubscriber>();
  readonly #writes = new Serial();
  /** Previews of events still being produced, replayed to browsers that attach mid-message. */
  readonly #previews = new OpenPreviews();
  #stopped = false;
  #terminated = false;
  /** A turn was started through this server and no status has come back since. */
  #expectingActivity = false;
  /** The mirror's newest seq when that turn was sent: a status after it answers the turn. */
  #expectedAfterSeq = 0;
  #working = false;
  #abort: AbortController | null = null;
  #wakeSleep: (() => void) | null = null;
  #connected = false;
  readonly done: Promise<void>;

  constructor(session: SessionRow, deps: TailDeps) {
    this.session = session;
    this.#deps = deps;
    this.done = this.#run();
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Whether the upstream stream is open and the history has been applied (tests wait on it). */
  get connected(): boolean {
    return this.#connected;
  }

  attach(subscriber: TailSubscriber): () => void {
    this.#subscribers.add(subscriber);
    for (const event of this.#previews.replay()) subscriber.preview(event);
    return () => {
      this.#subscribers.delete(subscriber);
      this.#maybeStop();
    };
  }

  /** A user event that starts or resumes a turn is being sent: keep following until a status answers it. */
  expectActivity(): void {
    this.#expectingActivity = true;
    this.#expectedAfterSeq = Number.MAX_SAFE_INTEGER;
  }

  /**
   * The send is over: `afterSeq` is the mirror's newest seq once its events were applied (a status
   * after it answers the turn), or null when upstream refused it.
   */
  async settleExpectation(afterSeq: number | null): Promise<void> {
    if (afterSeq === null) {
      this.#expectingActivity = false;
    } else {
      this.#expectedAfterSeq = afterSeq;
      if (!this.#connected) return;
      const last = await this.#deps.events.lastStatus(this.session.id);
      if (last && last.seq > afterSeq) this.#expectingActivity = false;
    }
    this.#maybeStop();
  }

  /** Mirrors events returned by a send (the echo on the stream may come before or after). */
  applySent(events: UpstreamEvent[]): Promise<void> {
    return this.#writes.run(async () => {
      let applied = false;
      for (const event of events) {
        if (!isPersistedEvent(event)) continue;
        await this.#deps.mirror.apply(this.session, event);
        applied = true;
      }
      // Woken whoever inserted the rows: another instance following the session may have mirrored them first.
      if (applied) this.#wakeAll();
    });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort?.abort();
    this.#wakeSleep?.();
  }

  async #run(): Promise<void> {
    const log = this.#deps.log.child({ session: this.session.id, tenant: this.session.tenantId });
    let attempt = 0;
    try {
      this.#working = BUSY_STATUSES.has((await this.#deps.events.lastStatus(this.session.id))?.type ?? "");
      while (!this.#stopped && !this.#terminated) {
        let retryAfterMs: number | null = null;
        const abort = new AbortController();
        this.#abort = abort;
        try {
          await this.#follow(abort.signal, () => {
            attempt = 0;
          });
          log.info("upstream stream ended");
        } catch (error) {
          if (this.#stopped) break;
          if (error instanceof ProtocolError && error.status === 404) {
            log.warn("upstream session is gone; tail stops");
            break;
          }
          if (error instanceof ProtocolError && error.retryAfter !== null)
            retryAfterMs = Number(error.retryAfter) * 1000 || null;
          log.warn({ err: error instanceof Error ? error.message : String(error) }, "upstream stream failed");
        } finally {
          this.#connected = false;
          abort.abort();
        }
        if (this.#stopped || this.#terminated) break;
        attempt += 1;
        const sleep = interruptibleSleep(retryAfterMs ?? reconnectDelay(attempt, this.#deps.reconnect));
        this.#wakeSleep = sleep.wake;
        await sleep.done;
      }
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, "tail failed");
    } finally {
      this.#stopped = true;
      this.#connected = false;
      this.#previews.clear();
      // Closed streams reconnect and start a fresh tail; a terminated session has nothing more to send.
      if (!this.#terminated) for (const subscriber of [...this.#subscribers]) subscriber.close();
      this.#deps.onStop(this);
    }
  }

  async #follow(signal: AbortSignal, onConnected: () => void): Promise<void> {
    const ctx = { tenant: this.session.tenantId, session: this.session.id };
    const stream = await this.#deps.upstream.openStream(this.session.upstreamId, ctx, signal);
    const buffer = new AsyncQueue<UpstreamEventOrPreview>();
    void (async () => {
      try {
        for await (const event of stream) buffer.push(event);
        buffer.end();
      } catch (error) {
        buffer.fail(error);
      }
    })();
    const history = await this.#deps.upstream.listAll(this.session.upstreamId, ctx, signal);
    await this.#writes.run(async () => {
      // Only what the mirror lacks (or holds unprocessed) is written: a reconnect costs one read, not one per event.
      const known = await this.#deps.events.known(this.session.id);
      for (const event of history) {
        // An event without an id cannot be mirrored or resumed after; it is skipped, never fatal.
        if (!isPersistedEvent(event)) continue;
        const processed = known.get(event.id);
        // A model request's end is applied again so its ledger row is claimed even after a crash between the two writes.
        if (
          event.type !== "span.model_request_end" &&
          (processed === true || (processed === false && !event.processed_at))
        )
          continue;
        await this.#deps.mirror.apply(this.session, event);
      }
      // Rows another instance mirrored while this one was away are new to its browsers too.
      this.#wakeAll();
    });
    const last = await this.#deps.events.lastStatus(this.session.id);
    this.#working = BUSY_STATUSES.has(last?.type ?? "");
    if (last && last.seq > this.#expectedAfterSeq) this.#expectingActivity = false;
    for (let i = history.length - 1; i >= 0; i--) {
      const event = history[i] as UpstreamEvent;
      if (!STATUSES.has(event.type)) continue;
      this.#noticeRequiredActions(event);
      break;
    }
    if (FINAL_STATUSES.has(last?.type ?? "")) this.#terminated = true;
    this.#connected = true;
    onConnected();
    this.#maybeStop();
    for await (const event of buffer) {
      if (this.#stopped) return;
      await this.#handle(event);
      // A terminated or deleted session sends nothing more: let go of the upstream stream.
      if (this.#terminated) return;
    }
  }

  async #handle(event: UpstreamEventOrPreview): Promise<void> {
    if (event.type === "event_start" || event.type === "event_delta") {
      this.#preview(event as Record<string, unknown>);
      return;
    }
    if (!isPersistedEvent(event)) return;
    await this.#writes.run(() => this.#deps.mirror.apply(this.session, event));
    this.#previews.close(event.id);
    // An unfinished preview is closed by the end of its model request.
    if (event.type === "span.model_request_end") this.#previews.clear();
    // Whoever inserted the row: when another instance following the same session mirrors it first, this one's
    // insert changes nothing, and its browsers must still be told (they read what is new after their cursor).
    this.#wakeAll();
    this.#noticeRequiredActions(event);
    if (BUSY_STATUSES.has(event.type)) {
      this.#working = true;
      this.#expectingActivity = false;
    } else if (RESTING_STATUSES.has(event.type)) {
      this.#working = false;
      this.#expectingActivity = false;
      if (FINAL_STATUSES.has(event.type)) this.#terminated = true;
      this.#maybeStop();
    }
  }

  #noticeRequiredActions(event: UpstreamEvent): void {
    if (event.type !== "session.status_idle" || !this.#deps.onRequiresAction) return;
    const stop = event["stop_reason"] as { type?: unknown; event_ids?: unknown } | null | undefined;
    if (stop?.type !== "requires_action" || !Array.isArray(stop.event_ids)) return;
    const ids = stop.event_ids.filter((id): id is string => typeof id === "string" && id !== "");
    if (ids.length > 0) this.#deps.onRequiresAction(this.session, ids);
  }

  #preview(event: Record<string, unknown>): void {
    this.#previews.add(event);
    for (const subscriber of this.#subscribers) subscriber.preview(event);
  }

  #wakeAll(): void {
    for (const subscriber of this.#subscribers) subscriber.wake();
  }

  #maybeStop(): void {
    if (this.#subscribers.size > 0) return;
    if (this.#terminated || (!this.#working && !this.#expectingActivity && this.#connected)) this.stop();
  }
}
