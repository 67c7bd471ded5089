/**
 * The one interface every Cypher backend implements (embedded Kuzu, Bolt for Neo4j / PuppyGraph), so the guard and
 * the run_cypher tool never depend on a particular engine.
 */

/** Decides the id function the guard rewrites to: kuzu → `id(x)`, neo4j / PuppyGraph → `elementId(x)`. */
export type CypherDialect = "kuzu" | "neo4j";

export interface CypherRunOptions {
  /** Upper bound on execution time; exceeding it fails with code `"timeout"`. */
  timeoutMs: number;
  /** Rows kept; when more existed the result says `truncated: true`. */
  maxRows: number;
  /** Aborting cancels the query (best effort on the engine side) and fails with code `"timeout"`. */
  signal?: AbortSignal;
}

export interface CypherResult {
  columns: string[];
  /**
   * JSON-safe values: null, boolean, number, string, arrays and plain objects; 64-bit integers outside the safe range
   * as `bigint` (never lossy numbers — write them with `resultToJson`); dates and timestamps as ISO strings; nodes and
   * relationships as {@link CypherNodeValue} / {@link CypherRelationshipValue}.
   */
  rows: unknown[][];
  /** More rows than `maxRows` existed. */
  truncated: boolean;
  /** Execution time measured by the executor (query sent → rows read). */
  elapsedMs: number;
}

/**
 * A node as every executor returns it: the shape of a Neo4j / PuppyGraph node in JSON, which the panel's Cypher
 * card recognises as graph data.
 */
export interface CypherNodeValue {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** A relationship as every executor returns it (Neo4j / PuppyGraph shape; ends referenced by element id). */
export interface CypherRelationshipValue {
  elementId: string;
  type: string;
  startNodeElementId: string;
  endNodeElementId: string;
  properties: Record<string, unknown>;
}

/** A path: alternating nodes and relationships, as separate lists (Neo4j's JSON shape). */
export interface CypherPathValue {
  nodes: CypherNodeValue[];
  relationships: CypherRelationshipValue[];
}

export interface CypherExecutor {
  readonly dialect: CypherDialect;
  run(query: string, params: Record<string, unknown>, options: CypherRunOptions): Promise<CypherResult>;
  close(): Promise<void>;
}

/**
 * - `timeout`: the time budget ran out or the run was aborted;
 * - `syntax`: the engine could not parse or bind the query (unknown label, property, function…);
 * - `runtime`: the query was valid but failed while running;
 * - `unavailable`: the engine is not installed, cannot be reached, or was closed.
 */
export type CypherErrorCode = "timeout" | "syntax" | "runtime" | "unavailable";

export class CypherExecutionError extends Error {
  override readonly name = "CypherExecutionError";
  constructor(
    readonly code: CypherErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
