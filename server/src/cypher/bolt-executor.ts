import neo4j from "neo4j-driver";
import { boltValueToJson } from "./bolt-values.js";
import { checkParams } from "./check-params.js";
import { CypherExecutionError, type CypherExecutor, type CypherResult, type CypherRunOptions } from "./executor.js";
import { clampTimeout, raceDeadline } from "./run-deadline.js";

/** The part of a neo4j-driver `Driver` the executor uses (a real driver, or a stand-in in tests). */
export interface BoltDriver {
  session(config: { defaultAccessMode: "READ"; database?: string }): BoltSession;
  close(): Promise<void>;
}

export interface BoltSession {
  run(query: string, parameters: Record<string, unknown>, config: { timeout: number }): BoltResult;
  close(): Promise<void>;
}

export interface BoltResult extends AsyncIterable<BoltRecord> {
  keys(): Promise<PropertyKey[]>;
}

export interface BoltRecord {
  keys: PropertyKey[];
  get(key: PropertyKey): unknown;
}

export interface BoltExecutorOptions {
  /** `bolt://`, `neo4j://` (routing) or their `+s`/`+ssc` TLS forms; PuppyGraph listens on bolt://host:7687. */
  url: string;
  user?: string;
  password?: string;
  /** Default: the server's default database. */
  database?: string;
  /** Extra time after `timeoutMs` before the executor stops waiting for a server that did not time out itself. */
  watchdogGraceMs?: number;
  /** Used instead of connecting to `url` (tests). */
  driver?: BoltDriver;
}

/** Cypher over Bolt via neo4j-driver: Neo4j, PuppyGraph or any Bolt server, queries in read mode. */
export function createBoltExecutor(options: BoltExecutorOptions): CypherExecutor {
  let driver: BoltDriver;
  if (options.driver !== undefined) {
    driver = options.driver;
  } else {
    try {
      const auth = options.user === undefined ? undefined : neo4j.auth.basic(options.user, options.password ?? "");
      // useBigInt: integers arrive as bigint, never as rounded doubles.
      driver = neo4j.driver(options.url, auth, { useBigInt: true, userAgent: "tracy-server" }) as unknown as BoltDriver;
    } catch (error) {
      throw new CypherExecutionError(
        "unavailable",
        `Cannot use the Cypher server at ${options.url}: ${message(error)}`,
        {
          cause: error,
        },
      );
    }
  }
  return new BoltExecutor(driver, options.database, options.watchdogGraceMs ?? 1000);
}

class BoltExecutor implements CypherExecutor {
  readonly dialect = "neo4j";
  private closed = false;

  constructor(
    private readonly driver: BoltDriver,
    private readonly database: string | undefined,
    private readonly watchdogGraceMs: number,
  ) {}

  async run(query: string, params: Record<string, unknown>, options: CypherRunOptions): Promise<CypherResult> {
    if (this.closed) throw new CypherExecutionError("unavailable", "The Cypher executor is closed.");
    if (options.signal?.aborted) throw new CypherExecutionError("timeout", "The query was cancelled before it ran.");
    const parameters = toBoltParams(checkParams(params));
    options = { ...options, timeoutMs: clampTimeout(options.timeoutMs) };
    const session = this.driver.session(
      this.database === undefined
        ? { defaultAccessMode: "READ" }
        : { defaultAccessMode: "READ", database: this.database },
    );
    const started = performance.now();
    const work = this.execute(session, query, parameters, options, started);
    try {
      return await raceDeadline(work, options, this.watchdogGraceMs);
    } finally {
      // Closing the session also stops a query the caller gave up on.
      await session.close().catch(() => undefined);
    }
  }

  private async execute(
    session: BoltSession,
    query: string,
    parameters: Record<string, unknown>,
    options: CypherRunOptions,
    started: number,
  ): Promise<CypherResult> {
    try {
      // The transaction timeout makes the server stop the query too, not only the client stop waiting.
      const result = session.run(query, parameters, { timeout: options.timeoutMs });
      const rows: unknown[][] = [];
      let columns: string[] | null = null;
      let truncated = false;
      for await (const record of result) {
        columns ??= record.keys.map(String);
        if (rows.length >= options.maxRows) {
          // Leaving the loop discards the rest of the stream on the server.
          truncated = true;
          break;
        }
        rows.push(record.keys.map((key) => boltValueToJson(record.get(key))));
      }
      columns ??= (await result.keys()).map(String);
      return { columns, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
    } catch (error) {
      throw classifyBoltError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close().catch(() => undefined);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * JSON numbers that are whole go as Bolt integers (the driver would send every JS number as a float, and
 * `LIMIT $n` needs an integer); bigints as 64-bit integers.
 */
export function toBoltParams(params: Record<string, unknown>): Record<string, unknown> {
  const convert = (value: unknown): unknown => {
    if (typeof value === "number") return Number.isSafeInteger(value) ? neo4j.int(value) : value;
    if (typeof value === "bigint") {
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new CypherExecutionError("syntax", `Parameter value ${value} does not fit a 64-bit integer.`);
      }
      return neo4j.int(value.toString());
    }
    if (Array.isArray(value)) return value.map(convert);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convert(item)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(params).map(([key, item]) => [key, convert(item)]));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Neo4j status codes (PuppyGraph reports its own errors through the same protocol) → error codes. */
export function classifyBoltError(error: unknown): CypherExecutionError {
  if (error instanceof CypherExecutionError) return error;
  const code = typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : "";
  const text = message(error);
  if (/TransactionTimedOut/.test(code)) {
    return new CypherExecutionError("timeout", "The query ran out of time and was stopped by the server.", {
      cause: error,
    });
  }
  if (
    code === neo4j.error.SERVICE_UNAVAILABLE ||
    code === neo4j.error.SESSION_EXPIRED ||
    code.startsWith("Neo.ClientError.Security.") ||
    code.startsWith("Neo.ClientError.Database.DatabaseNotFound")
  ) {
    return new CypherExecutionError("unavailable", text, { cause: error });
  }
  if (
    /^Neo\.ClientError\.Statement\.(SyntaxError|SemanticError|ParameterMissing)$/.test(code) ||
    code === "Neo.ClientError.Procedure.ProcedureNotFound"
  ) {
    return new CypherExecutionError("syntax", text, { cause: error });
  }
  if (code === "Neo.ClientError.Statement.AccessMode" || /read[- ]only|in read access mode/i.test(text)) {
    return new CypherExecutionError("runtime", "Writes are not allowed: queries run in read mode.", { cause: error });
  }
  return new CypherExecutionError("runtime", text, { cause: error });
}
