import type { ContentBlock } from "../../protocol/events";
import { isJsonObject, parseJson as parseExactJson } from "../../protocol/exact-json";
import type { ToolResult } from "../../protocol/transcript";
import { extractGraph, type GraphData } from "./graph-data";

export interface CypherTable {
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface ParsedCypherResult {
  /** All text blocks, joined: the error message, or the JSON as received. */
  text: string;
  /** The parsed JSON, or undefined when the text is not JSON. */
  raw: unknown;
  table: CypherTable | null;
  graph: GraphData | null;
  /** Server-reported query time (`elapsed_ms`, `elapsedMs` or `took_ms`). */
  elapsedMs: number | null;
}

/** Top-level keys that may hold the server's query time, in order of preference. */
export const ELAPSED_KEYS = ["elapsed_ms", "elapsedMs", "took_ms", "tookMs"];

const cache = new WeakMap<ToolResult, ParsedCypherResult>();

/** Parses a result once: a folded `ToolResult` never changes, so the object is the cache key. */
export function parseCypherResult(result: ToolResult): ParsedCypherResult {
  let parsed = cache.get(result);
  if (!parsed) {
    parsed = parseBlocks(result.content);
    cache.set(result, parsed);
  }
  return parsed;
}

/** The result if it has been parsed already, without parsing it. */
export function peekCypherResult(result: ToolResult): ParsedCypherResult | null {
  return cache.get(result) ?? null;
}

/** All text blocks, joined. */
export function resultText(content: readonly ContentBlock[]): string {
  return content
    .filter((b) => b.type === "text")
    .map((b) => b.text)
    .join("\n");
}

export function parseBlocks(content: readonly ContentBlock[]): ParsedCypherResult {
  const text = resultText(content);
  const raw = parseJson(text);
  const table = raw === undefined ? null : toTable(raw);
  const graph = raw === undefined ? null : extractGraph(raw, table?.rows ?? null);
  return { text, raw, table, graph, elapsedMs: elapsedOf(raw) };
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return undefined;
  try {
    return parseExactJson(trimmed);
  } catch {
    return undefined;
  }
}

/** A row's value for a column: its own key only, so a column named `constructor` or `toString` reads no prototype. */
export function cellOf(row: Record<string, unknown>, column: string): unknown {
  return Object.hasOwn(row, column) ? row[column] : undefined;
}

/** Rows as records: a top-level list, or `rows`/`records`/`data`, as objects or as arrays paired with `columns`. */
export function toTable(raw: unknown): CypherTable | null {
  const list = Array.isArray(raw) ? raw : isJsonObject(raw) ? (raw.rows ?? raw.records ?? raw.data) : undefined;
  if (!Array.isArray(list)) return null;
  const declared = isJsonObject(raw) ? stringList(raw.columns ?? raw.keys) : null;
  if (list.every(isJsonObject)) {
    return { columns: declared ?? unionOfKeys(list), rows: list };
  }
  if (declared && list.every(Array.isArray)) {
    const rows = (list as unknown[][]).map((values) => Object.fromEntries(declared.map((c, i) => [c, values[i]])));
    return { columns: declared, rows };
  }
  return null;
}

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((c) => typeof c === "string") ? v : null;
}

function unionOfKeys(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function elapsedOf(raw: unknown): number | null {
  if (!isJsonObject(raw)) return null;
  for (const key of ELAPSED_KEYS) {
    const v = raw[key];
    if (isElapsed(v)) return v;
  }
  return null;
}

export function isElapsed(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}
