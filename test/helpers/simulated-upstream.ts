import type { EventPage, StreamOptions, TracyRequestContext, TracyTransport } from "../../src/transport/types";
import type { OpaqueIds } from "./opaque-ids";
import type { UpstreamStep } from "./upstream-script";

type LoggedEvent = Record<string, unknown> & { id: string; type: string };

export interface UpstreamFaults {
  /** Chance, per step, that an open stream drops. Nothing sent while it is down is replayed. */
  disconnect: number;
  /** Chance that an event is delivered twice in a row. */
  duplicate: number;
  /** Chance, per step, that a pending history page is answered (others wait, so live events arrive meanwhile). */
  answerList: number;
}

/**
 * A transport wired to a Managed Agents session as the upstream runs it, step by step under the
 * test's control: opaque ids, a log listed oldest first in pages over a growing log, a stream
 * with no replay that drops and duplicates, user events echoed queued then processed, an
 * interrupt without an id, and an agent that waits for the client's answers.
 */
export class SimulatedUpstream implements TracyTransport {
  readonly log: LoggedEvent[] = [];
  /** Every POST, in order, with its key. */
  readonly sends: { key: string; events: unknown[] }[] = [];
  streamsOpened = 0;
  private next = 0;
  private readonly posted: LoggedEvent[] = [];
  private readonly answered = new Map<string, LoggedEvent[]>();
  private stream: { options: StreamOptions; connected: boolean; reopenIn: number } | null = null;
  private readonly lists: { page: string | null; limit: number; resolve(page: EventPage): void }[] = [];

  constructor(
    private readonly steps: readonly UpstreamStep[],
    private readonly random: () => number,
    private readonly ids: OpaqueIds,
    private readonly faults: UpstreamFaults,
  ) {}

  /** What the agent waits for now, if it is blocked on the client. */
  get waitingFor(): Extract<UpstreamStep, { kind: "await" }> | null {
    const step = this.steps[this.next];
    return step?.kind === "await" && !this.findPosted(step) ? step : null;
  }

  /** Whether the client has asked for the stream yet. */
  get streamRequested(): boolean {
    return this.stream !== null;
  }

  get finished(): boolean {
    return this.next >= this.steps.length && this.lists.length === 0 && this.stream?.connected === true;
  }

  async createSession(): Promise<{ id: string }> {
    return { id: "sesn_011CZkZGOp0iBcp4kaQSihUmy" };
  }

  listEvents(
    _ctx: TracyRequestContext,
    _sessionId: string,
    page: { limit?: number; page?: string | null },
  ): Promise<EventPage> {
    return new Promise((resolve) => this.lists.push({ page: page.page ?? null, limit: page.limit ?? 100, resolve }));
  }

  async sendEvents(
    _ctx: TracyRequestContext,
    _sessionId: string,
    events: unknown[],
    key: string,
  ): Promise<{ data: unknown[] }> {
    this.sends.push({ key, events });
    const again = this.answered.get(key);
    if (again) return { data: structuredClone(again) };
    const data = events.map((e) => {
      const event = e as Record<string, unknown> & { type: string };
      return {
        ...event,
        id: event.type === "user.interrupt" ? "" : this.ids.next(),
        processed_at: null,
      } as LoggedEvent;
    });
    this.answered.set(key, data);
    this.posted.push(...data);
    return { data: structuredClone(data) };
  }

  streamEvents(_ctx: TracyRequestContext, _sessionId: string, options: StreamOptions): Promise<void> {
    this.stream = { options, connected: false, reopenIn: 0 };
    return new Promise((resolve) => options.signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  /** Advances the upstream by one step. */
  step(): void {
    const { faults, random } = this;
    for (const list of [...this.lists]) {
      if (random() >= faults.answerList && this.next < this.steps.length) continue;
      this.lists.splice(this.lists.indexOf(list), 1);
      const offset = list.page ? Number(list.page) : 0;
      const data = structuredClone(this.log.slice(offset, offset + list.limit));
      const end = offset + data.length;
      list.resolve({ data, next_page: end < this.log.length ? String(end) : null });
    }
    const stream = this.stream;
    if (stream && !stream.options.signal.aborted) {
      if (stream.connected && this.next < this.steps.length && random() < faults.disconnect) {
        stream.connected = false;
        stream.reopenIn = Math.floor(random() * 3);
        stream.options.onReconnecting?.(new Error("The event stream was disconnected."), 1, 0);
      } else if (!stream.connected && stream.reopenIn-- <= 0) {
        stream.connected = true;
        this.streamsOpened += 1;
        stream.options.onOpen?.();
      }
    }
    const step = this.steps[this.next];
    if (!step) return;
    if (step.kind === "log") this.append(step.event);
    else if (step.kind === "preview") this.deliver(step.event);
    else {
      const answer = this.findPosted(step);
      if (!answer) return; // the agent waits
      this.posted.splice(this.posted.indexOf(answer), 1);
      this.append(answer);
      const processed = { ...answer, processed_at: "2026-11-30T09:00:01Z" };
      this.log[this.log.lastIndexOf(answer)] = processed;
      this.deliver(processed);
    }
    this.next += 1;
  }

  private findPosted(step: Extract<UpstreamStep, { kind: "await" }>): LoggedEvent | undefined {
    return this.posted.find(
      (e) =>
        e.type === step.type &&
        (step.toolUseId === null || e.tool_use_id === step.toolUseId || e.custom_tool_use_id === step.toolUseId),
    );
  }

  /** Logs an event, or updates it in place when its id is logged already (a processed echo). */
  private append(event: LoggedEvent): void {
    const at = event.id === "" ? -1 : this.log.findIndex((e) => e.id === event.id);
    if (at >= 0) this.log[at] = event;
    else this.log.push(event);
    this.deliver(event);
  }

  private deliver(event: Record<string, unknown>): void {
    const stream = this.stream;
    if (!stream?.connected || stream.options.signal.aborted) return;
    const id = typeof event.id === "string" && event.id !== "" ? event.id : undefined;
    const copies = this.random() < this.faults.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) stream.options.onEvent(structuredClone(event), id);
  }
}
