import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { BetaManagedAgentsUserCustomToolResultEventParams } from "@anthropic-ai/sdk/resources/beta/sessions/events";
import { ProtocolError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { EventsRepo } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";
import type { StoredToolAnswer, ToolRunsRepo } from "../store/tool-runs-repo.js";
import { CypherExecutionError, type CypherExecutor } from "./executor.js";
import type { GuardPolicy, guardCypher } from "./guard.js";
import { readRunCypherInput } from "./run-cypher-input.js";
import { failureAnswer, successAnswer } from "./tool-answer.js";

/** The custom tool the server answers itself; every other custom tool is left to the browser. */
export const RUN_CYPHER = "run_cypher";

/** How `createTracyServer` runs `run_cypher`. */
export interface CypherToolOptions {
  /**
   * The graph: an executor, or a function that opens one the first time a query runs (and is closed with the server).
   * @default the embedded Kuzu executor on the generated sample telemetry graph
   */
  executor?: CypherExecutor | (() => Promise<CypherExecutor>);
  /**
   * How long one query may run.
   * @default 15000
   */
  timeoutMs?: number;
  /**
   * Rows returned at most (`truncated: true` past it).
   * @default 1000
   */
  maxRows?: number;
  /**
   * How long a claim on a tool use holds before another instance may take it over: longer than a query and the post
   * of its answer together.
   * @default 120000
   */
  leaseMs?: number;
  /** The guard's policy; `idFunction` defaults to the executor's dialect (`id` on Kuzu, `elementId` on Neo4j). */
  policy?: Partial<GuardPolicy>;
  /**
   * The guard itself, for hosts that bundle it (its parser is large, so by default it is imported on the first query).
   * @default guardCypher from ./guard.js
   */
  guard?: typeof guardCypher;
}

/** What became of one tool use the session waited on (logged; tests observe it). */
export type ToolRunOutcome =
  /** Not a run_cypher tool use (a client tool: the browser answers it), or not in the mirror. */
  | "not-ours"
  /** The mirror already holds an answer. */
  | "answered"
  /** Another owner's claim still holds (retried when its lease runs out). */
  | "held"
  /** Posted before, by this or another owner. */
  | "done"
  | "posted"
  /** Upstream refused the answer (it no longer waits on it): nothing more to do. */
  | "refused"
  /** Upstream could not be reached: the claim is retried when its lease runs out. */
  | "post-failed"
  /** The claim lapsed while the query ran and another owner took it over. */
  | "lost"
  /** The server is shutting down: nothing was posted, the claim lapses for the next instance. */
  | "stopped";

export interface ToolRunnerDeps {
  events: EventsRepo;
  runs: ToolRunsRepo;
  log: Logger;
  /** Sends the answer upstream (and mirrors it). */
  post(session: SessionRow, event: BetaManagedAgentsUserCustomToolResultEventParams): Promise<void>;
  /** Default executor factory, used when the options name none. */
  defaultExecutor: () => Promise<CypherExecutor>;
  onOutcome?: (sessionId: string, toolUseId: string, outcome: ToolRunOutcome) => void;
}

/**
 * Answers `run_cypher` custom tool uses with real guarded queries. Each tool use is claimed in the database before
 * it runs, so with several instances (or after a restart) it is answered once; the tenant is the session's, bound
 * when it was created, never anything the model wrote.
 */
export class CypherToolRunner {
  /** Who holds a claim: unique per server instance. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #deps: ToolRunnerDeps;
  readonly #options: CypherToolOptions;
  readonly #timeoutMs: number;
  readonly #maxRows: number;
  readonly #leaseMs: number;
  readonly #running = new Map<string, Promise<void>>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #executor: Promise<CypherExecutor> | null = null;
  #closed = false;
  /** Aborts the queries still running when the server closes. */
  readonly #stop = new AbortController();

  constructor(options: CypherToolOptions, deps: ToolRunnerDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#maxRows = options.maxRows ?? 1_000;
    this.#leaseMs = options.leaseMs ?? 120_000;
  }

  /** The session idles on these events (`requires_action`): answer the run_cypher ones, in the background. */
  onRequiresAction(session: SessionRow, eventIds: readonly string[]): void {
    if (this.#closed) return;
    for (const toolUseId of eventIds) {
      const key = `${session.id} ${toolUseId}`;
      if (this.#running.has(key)) continue;
      const run = this.#answer(session, toolUseId)
        .then((outcome) => this.#deps.onOutcome?.(session.id, toolUseId, outcome))
        .catch((error: unknown) => {
          this.#deps.log.error(
            { session: session.id, toolUseId, err: error instanceof Error ? error.message : String(error) },
            "run_cypher failed",
          );
        })
        .finally(() => this.#running.delete(key));
      this.#running.set(key, run);
    }
  }

  /** Resolves once every answer started so far has settled. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stop.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.settled();
    if (this.#executor && typeof this.#options.executor !== "object") {
      const executor = await this.#executor.catch(() => null);
      await executor?.close();
    }
  }

  async #answer(session: SessionRow, toolUseId: string): Promise<ToolRunOutcome> {
    const { events, runs } = this.#deps;
    const use = await events.find(session.id, toolUseId);
    if (use?.type !== "agent.custom_tool_use" || use["name"] !== RUN_CYPHER) return "not-ours";
    if (await events.customToolAnswered(session.id, toolUseId)) return "answered";
    const claim = await runs.claim(session.id, toolUseId, this.owner, this.#leaseMs);
    if (claim.kind === "done") return "done";
    if (claim.kind === "held") {
      if (claim.owner !== this.owner) this.#retryLater(session, toolUseId, claim.retryInMs);
      return "held";
    }
    let answer = claim.answer;
    if (!answer) {
      answer = await this.#run(session, use["input"]);
      // A query cut short by the shutdown is no answer: the next owner runs it again.
      if (this.#closed) return "stopped";
      await runs.saveAnswer(session.id, toolUseId, this.owner, answer);
    }
    if (this.#closed) return "stopped";
    // The query may have outlived the lease: post only while the claim is still this owner's.
    if (!(await runs.renew(session.id, toolUseId, this.owner, this.#leaseMs))) return "lost";
    try {
      await this.#deps.post(session, {
        type: "user.custom_tool_result",
        custom_tool_use_id: toolUseId,
        content: [{ type: "text", text: answer.text }],
        ...(answer.isError ? { is_error: true } : {}),
      });
    } catch (error) {
      if (error instanceof ProtocolError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        // Upstream answered, so it did not take the answer: it waits on something else now.
        await runs.markPosted(session.id, toolUseId);
        this.#deps.log.warn({ session: session.id, toolUseId, err: error.message }, "run_cypher answer refused");
        return "refused";
      }
      // Maybe sent, maybe not: the claim lapses and is taken again (with the same answer).
      this.#retryLater(session, toolUseId, this.#leaseMs);
      return "post-failed";
    }
    await runs.markPosted(session.id, toolUseId);
    return "posted";
  }

  /** Guard, then execute: the answer text per the tool contract (never throws). */
  async #run(session: SessionRow, input: unknown): Promise<StoredToolAnswer> {
    const read = readRunCypherInput(input);
    const written =
      typeof (input as { query?: unknown } | null)?.query === "string" ? (input as { query: string }).query : null;
    if (typeof read === "string")
      return failureAnswer("rejected", read, [{ code: "invalid_input", message: read }], written);
    let executor: CypherExecutor;
    try {
      executor = await this.#openExecutor();
    } catch (error) {
      return failureAnswer("failed", `The graph database is not available: ${messageOf(error)}`, [], read.query);
    }
    // The guard's parser is large: it loads with the first query.
    const guard = this.#options.guard ?? (await import("./guard.js")).guardCypher;
    const guarded = guard(
      { query: read.query, params: read.params, tenant: session.tenantId },
      { idFunction: executor.dialect === "kuzu" ? "id" : "elementId", ...this.#options.policy },
    );
    if (!guarded.ok) {
      const reasons = guarded.reasons;
      return failureAnswer(
        "rejected",
        `The query was not run: ${reasons.map((r) => r.message).join(" ")}`,
        reasons,
        read.query,
      );
    }
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onStop = (): void => {};
    try {
      // The executor enforces the timeout; this only frees the tool if a driver never returns, or the server stops.
      const overdue = new Promise<never>((_, reject) => {
        const giveUp = () => {
          abort.abort();
          reject(new QueryOverdue());
        };
        timer = setTimeout(giveUp, this.#timeoutMs + 5_000);
        onStop = giveUp;
        if (this.#stop.signal.aborted) giveUp();
        else this.#stop.signal.addEventListener("abort", giveUp, { once: true });
      });
      const result = await Promise.race([
        executor.run(guarded.query, guarded.params, {
          timeoutMs: this.#timeoutMs,
          maxRows: this.#maxRows,
          signal: abort.signal,
        }),
        overdue,
      ]);
      return successAnswer({ ...result, query: guarded.query, notes: guarded.notes });
    } catch (error) {
      if (error instanceof QueryOverdue || (error instanceof CypherExecutionError && error.code === "timeout")) {
        return failureAnswer(
          "timeout",
          `The query did not finish within ${this.#timeoutMs} ms. Bound it: fewer hops, a LIMIT, a filter on trace_id or a time window.`,
          [],
          read.query,
        );
      }
      return failureAnswer("failed", messageOf(error), [], read.query);
    } finally {
      clearTimeout(timer);
      this.#stop.signal.removeEventListener("abort", onStop);
    }
  }

  #openExecutor(): Promise<CypherExecutor> {
    if (!this.#executor) {
      const given = this.#options.executor;
      this.#executor = typeof given === "object" ? Promise.resolve(given) : (given ?? this.#deps.defaultExecutor)();
      // A failed open is tried again by the next query.
      this.#executor.catch(() => (this.#executor = null));
    }
    return this.#executor;
  }

  #retryLater(session: SessionRow, toolUseId: string, ms: number): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.onRequiresAction(session, [toolUseId]);
    }, ms + 50);
    timer.unref?.();
    this.#timers.add(timer);
  }
}

/** The executor did not return, even after its own timeout. */
class QueryOverdue extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
