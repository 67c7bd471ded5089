import type { EventPage, StreamOptions, TracyRequestContext, TracyTransport } from "../../src/transport/types";
import { createOpaqueIds } from "./opaque-ids";

/**
 * Opaque event ids by name, for this transport's events and the tests that drive it: the same
 * generator, so names never collide. A test names an event `${session}:${n}`; the events the
 * transport itself returns from sendEvents are `1:101`, `1:102`, ….
 */
export const eventId = createOpaqueIds(1);

export interface FakeStream {
  sessionId: string;
  ctx: TracyRequestContext;
  options: StreamOptions;
  /** Delivers one event as the server would (raw JSON value). */
  emit(event: unknown): void;
  open(): void;
  fail(error: Error): void;
  closed: boolean;
}

export interface RecordedSend {
  ctx: TracyRequestContext;
  sessionId: string;
  events: unknown[];
  key: string;
}

type Deferred<T> = { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void };
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A transport the test drives by hand: it records every call with its tenant context and
 * lets the test push stream events, fail sends, or hold answers back.
 */
export class FakeTransport implements TracyTransport {
  sessions: { ctx: TracyRequestContext }[] = [];
  sends: RecordedSend[] = [];
  lists: { ctx: TracyRequestContext; sessionId: string }[] = [];
  streams: FakeStream[] = [];
  history: Record<string, unknown[]> = {};
  /** When set, the next sendEvents calls reject with these errors, in order. */
  sendFailures: Error[] = [];
  createFailures: Error[] = [];
  /** Hold createSession until released (to test switches while in flight). */
  holdCreate: Deferred<void> | null = null;
  private counter = 0;
  private eventCounter = 100;

  async createSession(ctx: TracyRequestContext, signal: AbortSignal) {
    this.sessions.push({ ctx });
    if (this.holdCreate) await this.holdCreate.promise;
    if (signal.aborted) throw new DOMException("Aborted", "AbortError");
    const failure = this.createFailures.shift();
    if (failure) throw failure;
    this.counter += 1;
    return { id: `sesn_${this.counter}` };
  }

  async listEvents(ctx: TracyRequestContext, sessionId: string): Promise<EventPage> {
    this.lists.push({ ctx, sessionId });
    return { data: this.history[sessionId] ?? [], next_page: null };
  }

  async sendEvents(ctx: TracyRequestContext, sessionId: string, events: unknown[], key: string) {
    this.sends.push({ ctx, sessionId, events, key });
    const failure = this.sendFailures.shift();
    if (failure) throw failure;
    return {
      data: events.map((e) => ({ ...(e as object), id: eventId(`1:${++this.eventCounter}`) })),
    };
  }

  streamEvents(ctx: TracyRequestContext, sessionId: string, options: StreamOptions): Promise<void> {
    const done = deferred<void>();
    const stream: FakeStream = {
      sessionId,
      ctx,
      options,
      closed: false,
      emit: (event) => {
        if (!stream.closed) options.onEvent(event, undefined);
      },
      open: () => options.onOpen?.(),
      fail: (error) => {
        stream.closed = true;
        done.reject(error);
      },
    };
    options.signal.addEventListener("abort", () => {
      stream.closed = true;
      done.resolve();
    });
    this.streams.push(stream);
    return done.promise;
  }

  /** Emits on a stream even after it was aborted: what a late network packet would do. */
  emitLate(stream: FakeStream, event: unknown) {
    stream.options.onEvent(event, undefined);
  }

  lastStream(): FakeStream {
    const s = this.streams[this.streams.length - 1];
    if (!s) throw new Error("no stream opened");
    return s;
  }
}

export const text = (t: string) => [{ type: "text" as const, text: t }];

/** When the session processed a user message: the upstream logs it as `processed_at`. */
export const PROCESSED_AT = "2026-03-02T14:05:10.000Z";

/** A minimal agent turn answering `reply`, as persisted events: ids `${session}:${n}` to `n + 2`. */
export function agentTurn(n: number, reply: string, session = 1): unknown[] {
  return [
    { type: "session.status_running", id: eventId(`${session}:${n}`) },
    { type: "agent.message", id: eventId(`${session}:${n + 1}`), content: text(reply) },
    {
      type: "session.status_idle",
      id: eventId(`${session}:${n + 2}`),
      stop_reason: { type: "end_turn" },
      stop_details: null,
    },
  ];
}
