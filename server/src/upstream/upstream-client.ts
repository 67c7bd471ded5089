import Anthropic, { APIError } from "@anthropic-ai/sdk";
import type {
  BetaManagedAgentsEventParams,
  BetaManagedAgentsSessionEvent,
} from "@anthropic-ai/sdk/resources/beta/sessions/events";
import { ProtocolError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { UpstreamEvent } from "../store/events-repo.js";
import { stallWatchingFetch } from "./stall-watch.js";

export interface UpstreamOptions {
  apiKey?: string | undefined;
  /** Handed to the SDK (the simulator in tests, a gateway in production). */
  baseURL?: string | undefined;
  agentId: string;
  environmentId: string;
  logger: Logger;
  /**
   * How long a create, send or list may take before it fails (a send that times out is reported as
   * "may or may not have been sent", and its Idempotency-Key stays used).
   * @default 60000
   */
  requestTimeoutMs?: number;
  /**
   * Silence on the upstream event stream (not even a ping) after which the tail reconnects.
   * @default 120000
   */
  streamIdleTimeoutMs?: number;
  /** Replaces the SDK client. */
  client?: Anthropic;
}

/** Who a call is for, for its log line. */
export interface CallFor {
  tenant: string;
  /** The local session id. */
  session?: string;
}

/** What a log line says about the call, besides its outcome and duration. */
interface CallContext extends CallFor {
  op: string;
  upstreamSession?: string;
}

/**
 * Managed Agents through the official SDK. The SDK's own retries are off: a POST retried by the SDK
 * could reach upstream twice, and the server's callers (the tail's backoff, the panel's Retry) decide.
 */
export class UpstreamClient {
  readonly #client: Anthropic;
  readonly #agentId: string;
  readonly #environmentId: string;
  readonly #log: Logger;

  constructor(options: UpstreamOptions) {
    this.#client =
      options.client ??
      new Anthropic({
        ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
        ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
        maxRetries: 0,
        timeout: options.requestTimeoutMs ?? 60_000,
        fetch: stallWatchingFetch(options.streamIdleTimeoutMs ?? 120_000),
      });
    this.#agentId = options.agentId;
    this.#environmentId = options.environmentId;
    this.#log = options.logger;
  }

  createSession(input: { metadata: Record<string, string>; title?: string }, ctx: CallFor): Promise<{ id: string }> {
    return this.#call({ op: "sessions.create", ...ctx }, async () => {
      const session = await this.#client.beta.sessions.create({
        agent: this.#agentId,
        environment_id: this.#environmentId,
        metadata: input.metadata,
        ...(input.title !== undefined ? { title: input.title } : {}),
      });
      return { id: session.id };
    });
  }

  send(upstreamId: string, events: BetaManagedAgentsEventParams[], ctx: CallFor): Promise<UpstreamEvent[]> {
    return this.#call({ op: "events.send", upstreamSession: upstreamId, ...ctx }, async () => {
      const result = await this.#client.beta.sessions.events.send(upstreamId, { events });
      return (result.data ?? []) as unknown as UpstreamEvent[];
    });
  }

  /** The whole history, oldest first, following cursor pages. */
  listAll(upstreamId: string, ctx: CallFor, signal?: AbortSignal): Promise<UpstreamEvent[]> {
    return this.#call({ op: "events.list", upstreamSession: upstreamId, ...ctx }, async () => {
      const out: UpstreamEvent[] = [];
      const pages = this.#client.beta.sessions.events.list(
        upstreamId,
        { limit: 100, order: "asc" },
        { maxRetries: 2, ...(signal ? { signal } : {}) },
      );
      for await (const event of pages) out.push(event as BetaManagedAgentsSessionEvent as unknown as UpstreamEvent);
      return out;
    });
  }

  /** Opens the live stream (with message previews); resolves once upstream has answered with 200. */
  openStream(upstreamId: string, ctx: CallFor, signal: AbortSignal): Promise<AsyncIterable<UpstreamEventOrPreview>> {
    return this.#call({ op: "events.stream", upstreamSession: upstreamId, ...ctx }, async () => {
      const stream = await this.#client.beta.sessions.events.stream(
        upstreamId,
        { event_deltas: ["agent.message"] },
        { signal },
      );
      return stream as unknown as AsyncIterable<UpstreamEventOrPreview>;
    });
  }

  async #call<T>(ctx: CallContext, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await fn();
      this.#log.info(
        {
          upstream: ctx.op,
          tenant: ctx.tenant,
          session: ctx.session,
          upstreamSession: ctx.upstreamSession,
          status: 200,
          ms: elapsed(started),
        },
        "upstream call",
      );
      return result;
    } catch (error) {
      const mapped = toProtocolError(error);
      this.#log.warn(
        {
          upstream: ctx.op,
          tenant: ctx.tenant,
          session: ctx.session,
          upstreamSession: ctx.upstreamSession,
          status: mapped.status,
          ms: elapsed(started),
          err: mapped.message,
        },
        "upstream call failed",
      );
      throw mapped;
    }
  }
}

/** A persisted event, or an `event_start`/`event_delta` preview (no `id`). */
export type UpstreamEventOrPreview = UpstreamEvent | { type: "event_start" | "event_delta"; [key: string]: unknown };

const elapsed = (start: number): number => Math.round(performance.now() - start);

/**
 * An upstream failure as the same protocol error (status, type, Retry-After). No status means the
 * request may or may not have arrived: that is `UpstreamUnreachable`, a 502.
 */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof APIError && typeof error.status === "number") {
    const body = error.error as { error?: { type?: unknown; message?: unknown } } | undefined;
    const message =
      typeof body?.error?.message === "string" ? body.error.message : `Managed Agents answered ${error.status}.`;
    const type = typeof body?.error?.type === "string" ? body.error.type : undefined;
    return new ProtocolError(error.status, message, type, error.headers?.get("retry-after") ?? null);
  }
  if (error instanceof Error && error.name === "AbortError") throw error;
  return new UpstreamUnreachable(error instanceof Error ? error.message : String(error));
}

/** No answer from upstream: whether it acted is unknown. */
export class UpstreamUnreachable extends ProtocolError {
  constructor(detail: string) {
    super(502, `Managed Agents could not be reached (${detail}).`, "api_error");
  }
}
