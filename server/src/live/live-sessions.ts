import type { Logger } from "../logger.js";
import type { EventsRepo, UpstreamEvent } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";
import type { UpstreamClient } from "../upstream/upstream-client.js";
import type { Mirror } from "./mirror.js";
import { SessionTail, type ReconnectPolicy, type TailSubscriber } from "./session-tail.js";

export interface LiveSessionsDeps {
  upstream: UpstreamClient;
  events: EventsRepo;
  mirror: Mirror;
  log: Logger;
  reconnect?: ReconnectPolicy;
  /** See `TailDeps.onRequiresAction`. */
  onRequiresAction?: (session: SessionRow, eventIds: string[]) => void;
}

/** At most one upstream tail per session in this process, shared by every browser stream of it. */
export class LiveSessions {
  readonly #tails = new Map<string, SessionTail>();
  readonly #deps: LiveSessionsDeps;

  constructor(deps: LiveSessionsDeps) {
    this.#deps = deps;
  }

  /** Live tails (tests wait for 0 once browsers leave). */
  get size(): number {
    return this.#tails.size;
  }

  tail(sessionId: string): SessionTail | undefined {
    return this.#tails.get(sessionId);
  }

  #ensure(session: SessionRow): SessionTail {
    const existing = this.#tails.get(session.id);
    if (existing && !existing.stopped) return existing;
    const tail = new SessionTail(session, {
      ...this.#deps,
      reconnect: this.#deps.reconnect ?? {},
      onStop: (stopped) => {
        if (this.#tails.get(session.id) === stopped) this.#tails.delete(session.id);
      },
    });
    this.#tails.set(session.id, tail);
    return tail;
  }

  subscribe(session: SessionRow, subscriber: TailSubscriber): () => void {
    return this.#ensure(session).attach(subscriber);
  }

  /**
   * Wraps a send: a tail follows the session from before the request leaves (so the turn it starts is
   * mirrored and metered even with no browser attached), then mirrors what upstream returned.
   * Throws only what `send` throws.
   */
  async send(session: SessionRow, startsTurn: boolean, send: () => Promise<UpstreamEvent[]>): Promise<UpstreamEvent[]> {
    const tail = this.#ensure(session);
    if (startsTurn) tail.expectActivity();
    let sent: UpstreamEvent[];
    try {
      sent = await send();
    } catch (error) {
      if (startsTurn) await tail.settleExpectation(null);
      throw error;
    }
    try {
      await tail.applySent(sent);
      if (startsTurn) await tail.settleExpectation(await this.#sentSeq(session.id, sent));
    } catch (error) {
      // Upstream has the events: a mirror hiccup must not turn the send into an error (a retry would
      // send again). The tail mirrors them from the stream or the history.
      this.#deps.log.warn(
        { session: session.id, err: error instanceof Error ? error.message : String(error) },
        "mirroring a send failed",
      );
    }
    return sent;
  }

  /** Stops every tail (server shutdown) and waits for them to finish. */
  async closeAll(): Promise<void> {
    const tails = [...this.#tails.values()];
    for (const tail of tails) tail.stop();
    await Promise.all(tails.map((tail) => tail.done));
  }

  /** Where the sent events landed in the mirror: a status after them answers the turn they started. */
  async #sentSeq(sessionId: string, sent: UpstreamEvent[]): Promise<number> {
    let seq = 0;
    for (const event of sent) seq = Math.max(seq, (await this.#deps.events.seqOf(sessionId, event.id)) ?? 0);
    return seq > 0 ? seq : this.#deps.events.maxSeq(sessionId);
  }
}
