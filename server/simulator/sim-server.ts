import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { routeRequest, type SimAgent, type SimContext } from "./sim-routes.js";
import { type SimSession, TurnCancelled } from "./sim-session.js";
import { loadSessions, saveSessions, stateFingerprint } from "./sim-state-file.js";
import type { AgentTiming } from "./scripted-agent.js";
import { SimHttpError, type InjectedFailure, type SimCall, type SimOperation } from "./sim-types.js";

export interface SimulatorOptions {
  /** @default { deltaMs: 0, chunk: 8, pingMs: 10000 } */
  timing?: Partial<AgentTiming>;
  port?: number;
  /** Plays every turn instead of the built-in scenarios (see `SimAgent`). */
  agent?: SimAgent;
  /** Keeps sessions and events in this JSON file, so they survive a restart as they do on the real service. */
  stateFile?: string;
}

/**
 * A local stand-in for the Managed Agents sessions API, as `@anthropic-ai/sdk` calls it: same paths,
 * `anthropic-beta` header, bodies, cursor pages and SSE framing. No stream replay, opaque ids, user
 * events echoed twice (queued, then processed), `requires_action` with partial answers, previews.
 */
export class ManagedAgentsSimulator {
  readonly sessions = new Map<string, SimSession>();
  readonly calls: SimCall[] = [];
  readonly #failures: { op: SimOperation; failure: InjectedFailure }[] = [];
  readonly #gates = new Map<SimSession, { waiting: (() => void) | null; released: number }>();
  readonly timing: AgentTiming;
  readonly #agent: SimAgent | null;
  #server: Server | null = null;
  readonly #stateFile: string | null;
  #saver: ReturnType<typeof setInterval> | null = null;
  #saved = "";
  url = "";

  constructor(options: SimulatorOptions = {}) {
    this.timing = { deltaMs: 0, chunk: 8, pingMs: 10_000, ...options.timing };
    this.#agent = options.agent ?? null;
    this.#stateFile = options.stateFile ?? null;
  }

  async start(port = 0): Promise<string> {
    if (this.#stateFile) {
      for (const session of loadSessions(this.#stateFile)) this.sessions.set(session.id, session);
      this.#saved = stateFingerprint(this.sessions.values());
      this.#saver = setInterval(() => this.#save(), 500);
      this.#saver.unref();
    }
    const ctx: SimContext = this.#context();
    this.#server = createServer((req, res) => void this.#serve(ctx, req, res));
    await new Promise<void>((resolve) => this.#server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.#saver) clearInterval(this.#saver);
    this.#save();
    for (const session of this.sessions.values()) {
      session.cancel?.abort();
      for (const stream of session.streams) stream.destroy();
    }
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next request of this kind answers with this error instead (e.g. a 429 with Retry-After). */
  failNext(op: SimOperation, failure: InjectedFailure): void {
    this.#failures.push({ op, failure });
  }

  /** Cuts every open event stream of the session, as a network failure would. */
  dropStreams(sessionId: string): number {
    const session = this.sessions.get(sessionId);
    if (!session) return 0;
    const streams = [...session.streams];
    for (const stream of streams) stream.destroy();
    return streams.length;
  }

  /** Leaves every open stream of the session open but silent, as a half-open connection would. */
  stallStreams(sessionId: string): number {
    const streams = [...(this.sessions.get(sessionId)?.streams ?? [])];
    for (const stream of streams) stream.stalled = true;
    return streams.length;
  }

  /** Lets a turn waiting at a checkpoint go on (a release before it arrives is kept). */
  release(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`No simulated session ${sessionId}`);
    const gate = this.#gate(session);
    if (gate.waiting) {
      const go = gate.waiting;
      gate.waiting = null;
      go();
    } else {
      gate.released += 1;
    }
  }

  /** Whether the session's turn is waiting at a checkpoint. */
  atCheckpoint(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    return session !== undefined && this.#gate(session).waiting !== null;
  }

  callsOf(op: SimOperation, sessionId?: string): SimCall[] {
    return this.calls.filter((c) => c.op === op && (sessionId === undefined || c.sessionId === sessionId));
  }

  #gate(session: SimSession) {
    let gate = this.#gates.get(session);
    if (!gate) {
      gate = { waiting: null, released: 0 };
      this.#gates.set(session, gate);
    }
    return gate;
  }

  #save(): void {
    if (!this.#stateFile) return;
    const fingerprint = stateFingerprint(this.sessions.values());
    if (fingerprint === this.#saved) return;
    saveSessions(this.#stateFile, this.sessions.values());
    this.#saved = fingerprint;
  }

  #context(): SimContext {
    return {
      sessions: this.sessions,
      timing: this.timing,
      agent: this.#agent,
      record: (call) => {
        this.calls.push(call);
        const index = this.#failures.findIndex((f) => f.op === call.op);
        if (index === -1) return undefined;
        const failure = this.#failures.splice(index, 1)[0]!.failure;
        if (failure.actThenHang) return "hang";
        const error = new SimHttpError(
          failure.status,
          failure.message ?? `Injected ${failure.status}.`,
          failure.type ?? defaultType(failure.status),
        );
        throw Object.assign(error, { retryAfter: failure.retryAfter });
      },
      checkpoint: (session, signal) =>
        new Promise<void>((resolve, reject) => {
          const gate = this.#gate(session);
          if (gate.released > 0) {
            gate.released -= 1;
            return resolve();
          }
          gate.waiting = resolve;
          signal.addEventListener(
            "abort",
            () => {
              gate.waiting = null;
              reject(new TurnCancelled());
            },
            { once: true },
          );
        }),
    };
  }

  async #serve(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await routeRequest(ctx, req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const e =
        error instanceof SimHttpError
          ? error
          : new SimHttpError(500, error instanceof Error ? error.message : String(error), "api_error");
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "request-id": `req_sim_${Date.now()}`,
      };
      const retryAfter = (e as SimHttpError & { retryAfter?: string }).retryAfter;
      if (retryAfter !== undefined) headers["retry-after"] = retryAfter;
      // The SDK would retry these on its own unless told not to; the server under test must decide itself.
      headers["x-should-retry"] = "false";
      res.writeHead(e.status, headers);
      res.end(JSON.stringify({ type: "error", error: { type: e.type, message: e.message } }));
    }
  }
}

function defaultType(status: number): string {
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  if (status >= 500) return "api_error";
  if (status === 404) return "not_found_error";
  return "invalid_request_error";
}
