import { CypherExecutionError } from "./executor.js";

/**
 * The part of the `kuzu` package (0.11.x) the executor uses, typed here so the server compiles and runs without the
 * optional dependency installed.
 */
export interface KuzuModule {
  Database: new (databasePath?: string, bufferManagerSize?: number) => KuzuDatabase;
  Connection: new (database: KuzuDatabase, numThreads?: number) => KuzuConnection;
  VERSION?: string;
}

export interface KuzuDatabase {
  close(): Promise<void>;
}

export interface KuzuConnection {
  query(statement: string): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  prepare(statement: string): Promise<KuzuPreparedStatement>;
  execute(
    statement: KuzuPreparedStatement,
    params?: Record<string, unknown>,
  ): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  setQueryTimeout(timeoutInMs: number): void;
  close(): Promise<void>;
}

export interface KuzuPreparedStatement {
  isSuccess(): boolean;
  getErrorMessage(): string;
}

export interface KuzuQueryResult {
  getColumnNamesSync(): string[];
  getColumnDataTypesSync(): string[];
  getNumTuples(): number;
  hasNext(): boolean;
  getNextSync(): Record<string, unknown> | null;
  getAll(): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** Kept in a variable so TypeScript does not try to resolve the optional package at compile time. */
const KUZU_PACKAGE = "kuzu";

let provided: KuzuModule | null = null;

/**
 * Hands in the `kuzu` module, imported by the host: for module loaders that cannot import a package later (vite's
 * config runner, which the demo stack runs in).
 */
export function provideKuzuModule(module: KuzuModule): void {
  provided = module;
}

/** Loads the optional `kuzu` package, or fails with code `unavailable` saying how to install it. */
export async function loadKuzu(): Promise<KuzuModule> {
  if (provided) return provided;
  let loaded: { default?: KuzuModule } & Partial<KuzuModule>;
  try {
    loaded = (await import(/* @vite-ignore */ KUZU_PACKAGE)) as { default?: KuzuModule } & Partial<KuzuModule>;
  } catch (error) {
    throw new CypherExecutionError(
      "unavailable",
      "The embedded Cypher engine needs the optional package `kuzu` 0.11 (npm install kuzu@~0.11.3 in the server); " +
        "its prebuilt binary must load on this platform. Or set TRACY_CYPHER_URL to use a Bolt server instead.",
      { cause: error },
    );
  }
  const module = loaded.default ?? (loaded as KuzuModule);
  if (typeof module.Database !== "function" || typeof module.Connection !== "function") {
    throw new CypherExecutionError(
      "unavailable",
      "The installed `kuzu` package does not export Database and Connection.",
    );
  }
  return module;
}

/** The results of one statement (Kuzu returns a list for multi-statement text). */
export function singleResult(result: KuzuQueryResult | KuzuQueryResult[]): KuzuQueryResult {
  if (!Array.isArray(result)) return result;
  for (const extra of result.slice(1)) extra.close();
  const first = result[0];
  if (first === undefined) throw new CypherExecutionError("runtime", "The engine returned no result.");
  return first;
}
