import { CypherExecutionError, type CypherExecutor, type CypherResult, type CypherRunOptions } from "./executor.js";
import { loadTelemetryGraph } from "./kuzu-load-graph.js";
import {
  loadKuzu,
  singleResult,
  type KuzuConnection,
  type KuzuDatabase,
  type KuzuModule,
  type KuzuQueryResult,
} from "./kuzu-module.js";
import { kuzuValueToJson, UnsafeIntegerError, type KuzuSchema } from "./kuzu-values.js";
import { generateTelemetryGraph, type TelemetryGraph } from "./telemetry-graph.js";
import { checkParams } from "./check-params.js";
import { clampTimeout, raceDeadline } from "./run-deadline.js";

export interface KuzuExecutorOptions {
  /** A database directory; default in-memory. */
  databasePath?: string;
  /**
   * Loaded at start unless the database already holds telemetry (a database path reused across restarts keeps its
   * data). Default: a generated graph (seed 1, tenants acme and globex); `null` loads nothing.
   */
  graph?: TelemetryGraph | null;
  /** Extra time after `timeoutMs` before the executor gives up on an engine that did not interrupt itself. */
  watchdogGraceMs?: number;
}

/** Embedded Cypher over Kuzu 0.11 (optional dependency, loaded on first use). */
export async function createKuzuExecutor(options: KuzuExecutorOptions = {}): Promise<CypherExecutor> {
  const kuzu = await loadKuzu();
  let database: KuzuDatabase;
  try {
    database = new kuzu.Database(options.databasePath ?? ":memory:");
  } catch (error) {
    throw new CypherExecutionError("unavailable", `The embedded database could not be opened: ${message(error)}`, {
      cause: error,
    });
  }
  const graph = options.graph === undefined ? generateTelemetryGraph({ seed: 1 }) : options.graph;
  const setup = new kuzu.Connection(database);
  try {
    if (graph !== null) await loadTelemetryGraph(setup, graph);
    const schema = await readSchema(setup);
    return new KuzuExecutor(kuzu, database, schema, options.watchdogGraceMs ?? 1000);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error instanceof CypherExecutionError ? error : classify(error);
  } finally {
    await setup.close().catch(() => undefined);
  }
}

/** Property types of every table, so 64-bit integer properties can be told from doubles in results. */
async function readSchema(connection: KuzuConnection): Promise<KuzuSchema> {
  const schema = new Map<string, Map<string, string>>();
  const tables = singleResult(await connection.query("CALL show_tables() RETURN name"));
  const names = (await tables.getAll()).map((row) => String(row["name"]));
  tables.close();
  for (const name of names) {
    const info = singleResult(await connection.query(`CALL table_info('${name.replace(/'/g, "\\'")}') RETURN *`));
    const properties = new Map<string, string>();
    for (const row of await info.getAll()) properties.set(String(row["name"]), String(row["type"]));
    info.close();
    schema.set(name, properties);
  }
  return schema;
}

class KuzuExecutor implements CypherExecutor {
  readonly dialect = "kuzu";
  private closed = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly kuzu: KuzuModule,
    private readonly database: KuzuDatabase,
    private readonly schema: KuzuSchema,
    private readonly watchdogGraceMs: number,
  ) {}

  async run(query: string, params: Record<string, unknown>, options: CypherRunOptions): Promise<CypherResult> {
    if (this.closed) throw new CypherExecutionError("unavailable", "The Cypher executor is closed.");
    if (options.signal?.aborted) throw new CypherExecutionError("timeout", "The query was cancelled before it ran.");
    const checked = checkParams(params);
    options = { ...options, timeoutMs: clampTimeout(options.timeoutMs) };
    const started = performance.now();
    // One connection per run: its own timeout, and an abandoned (timed-out) query cannot block the next one.
    const connection = new this.kuzu.Connection(this.database);
    connection.setQueryTimeout(Math.max(1, Math.ceil(options.timeoutMs)));
    const work = this.execute(connection, query, checked, options, started);
    // Close the connection only once the engine is done with it, even when the caller stopped waiting earlier; close()
    // waits for this before closing the database (closing it under a running query crashes the process).
    const done: Promise<void> = work
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => connection.close())
      .catch(() => undefined)
      .finally(() => this.running.delete(done));
    this.running.add(done);
    return raceDeadline(work, options, this.watchdogGraceMs);
  }

  private async execute(
    connection: KuzuConnection,
    query: string,
    params: Record<string, unknown>,
    options: CypherRunOptions,
    started: number,
  ): Promise<CypherResult> {
    let result: KuzuQueryResult | undefined;
    try {
      // A read-only transaction: whatever the guard lets through, the engine refuses writes.
      singleResult(await connection.query("BEGIN TRANSACTION READ ONLY")).close();
      const prepared = await connection.prepare(query);
      if (!prepared.isSuccess()) throw classify(new Error(prepared.getErrorMessage()));
      result = singleResult(await connection.execute(prepared, params));
      const columns = result.getColumnNamesSync();
      const types = result.getColumnDataTypesSync();
      const total = result.getNumTuples();
      const keep = Math.max(0, Math.min(total, Math.floor(options.maxRows)));
      const rows: unknown[][] = [];
      while (rows.length < keep && result.hasNext()) {
        const row = result.getNextSync();
        if (row === null) break;
        rows.push(
          columns.map((column, index) =>
            kuzuValueToJson(ownValue(row, column), types[index] ?? "", column, this.schema),
          ),
        );
      }
      return { columns, rows, truncated: total > rows.length, elapsedMs: Math.round(performance.now() - started) };
    } catch (error) {
      throw classify(error);
    } finally {
      // Every result must be closed before its connection and database: Kuzu crashes the process otherwise.
      result?.close();
      await connection.query("ROLLBACK").then(
        (rollback) => closeAll(rollback),
        () => undefined,
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.running);
    await this.database.close().catch(() => undefined);
  }
}

function closeAll(results: KuzuQueryResult | KuzuQueryResult[]): void {
  for (const result of Array.isArray(results) ? results : [results]) result.close();
}

/** A row's own property (a column named `__proto__` must not read the prototype). */
function ownValue(row: Record<string, unknown>, column: string): unknown {
  return Object.prototype.hasOwnProperty.call(row, column) ? row[column] : null;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kuzu reports errors as text with an exception kind in front; the kind decides the code. */
export function classify(error: unknown): CypherExecutionError {
  if (error instanceof CypherExecutionError) return error;
  if (error instanceof UnsafeIntegerError) return new CypherExecutionError("runtime", error.message, { cause: error });
  const text = message(error).trim();
  if (/^Interrupted\.?$/i.test(text) || /\binterrupted\b/i.test(text) || /timeout.*exceeded/i.test(text)) {
    return new CypherExecutionError("timeout", "The query ran out of time and was interrupted.", { cause: error });
  }
  if (/^(Parser|Binder|Catalog) exception/i.test(text) || /prepare multiple statements/i.test(text)) {
    return new CypherExecutionError("syntax", text, { cause: error });
  }
  if (/read-only transaction/i.test(text)) {
    return new CypherExecutionError("runtime", "Writes are not allowed: queries run in a read-only transaction.", {
      cause: error,
    });
  }
  if (/database (is )?closed|connection (is )?closed/i.test(text)) {
    return new CypherExecutionError("unavailable", text, { cause: error });
  }
  return new CypherExecutionError("runtime", text, { cause: error });
}
