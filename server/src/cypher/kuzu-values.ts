import type { CypherNodeValue, CypherPathValue, CypherRelationshipValue } from "./executor.js";
import { bytesValue, dateValue, finiteOrNull, integerValue, plainObject } from "./json-values.js";

/** Property types per node/relationship table (label → property → Kuzu type name), read from the catalog. */
export type KuzuSchema = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Kuzu's Node.js binding hands INT64/UINT64/SERIAL values over as doubles (INT128 as bigint): beyond 2^53 the
 * number it returns is already rounded. A wrong id is worse than no answer, so such a value fails the query.
 */
export class UnsafeIntegerError extends Error {
  override readonly name = "UnsafeIntegerError";
  constructor(readonly column: string) {
    super(
      `Column "${column}" holds a 64-bit integer beyond ±2^53 that the embedded engine can only return rounded; ` +
        `return it as CAST(<expr> AS INT128) or as a STRING instead.`,
    );
  }
}

/** Whether a Kuzu type name holds 64-bit integers the binding returns as doubles. */
function holdsLossyIntegers(type: string): boolean {
  return /\b(U?INT64|SERIAL)\b/i.test(type);
}

interface Context {
  column: string;
  schema: KuzuSchema;
  /** The value sits where 64-bit integers can occur (by column type or property type). */
  lossy: boolean;
  dateOnly: boolean;
}

/** One Kuzu cell → a JSON-safe value (see `CypherResult.rows`). */
export function kuzuValueToJson(value: unknown, columnType: string, column: string, schema: KuzuSchema): unknown {
  return convert(value, {
    column,
    schema,
    lossy: holdsLossyIntegers(columnType),
    dateOnly: /^DATE$/i.test(columnType.trim()),
  });
}

function convert(value: unknown, context: Context): unknown {
  switch (typeof value) {
    case "bigint":
      return integerValue(value);
    case "number":
      if (context.lossy && Number.isInteger(value) && !Number.isSafeInteger(value))
        throw new UnsafeIntegerError(context.column);
      return finiteOrNull(value);
    case "string":
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return dateValue(value, context.dateOnly);
  if (value instanceof Uint8Array) return bytesValue(value);
  if (Array.isArray(value)) return value.map((item: unknown) => convert(item, context));
  const record = value as Record<string, unknown>;
  if (isInternalId(record)) return internalId(record);
  if ("_nodes" in record && "_rels" in record) return path(record, context);
  if ("_src" in record && "_dst" in record && "_label" in record) return relationship(record, context);
  if ("_label" in record && "_id" in record) return node(record, context);
  return plainObject(Object.entries(record).map(([key, item]) => [key, convert(item, context)]));
}

/** Kuzu's internal id `{table, offset}` as the `"<table>:<offset>"` text used for element ids. */
function isInternalId(record: Record<string, unknown>): record is { table: number; offset: number } {
  const keys = Object.keys(record);
  return keys.length === 2 && typeof record["table"] === "number" && typeof record["offset"] === "number";
}

function internalId(record: { table: number; offset: number }): string {
  return `${record.table}:${record.offset}`;
}

function elementId(value: unknown): string {
  return typeof value === "object" && value !== null && isInternalId(value as Record<string, unknown>)
    ? internalId(value as { table: number; offset: number })
    : String(value);
}

/** Properties without Kuzu's underscore fields; null properties left out, as Neo4j does. */
function properties(record: Record<string, unknown>, label: string, context: Context): Record<string, unknown> {
  const types = context.schema.get(label);
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(record)) {
    if (key.startsWith("_") || item === null || item === undefined) continue;
    const type = types?.get(key) ?? "";
    entries.push([
      key,
      convert(item, {
        ...context,
        column: `${context.column}.${key}`,
        lossy: types === undefined || holdsLossyIntegers(type),
        dateOnly: /^DATE$/i.test(type),
      }),
    ]);
  }
  return plainObject(entries);
}

function node(record: Record<string, unknown>, context: Context): CypherNodeValue {
  const label = typeof record["_label"] === "string" ? record["_label"] : "";
  return {
    elementId: elementId(record["_id"]),
    labels: label === "" ? [] : [label],
    properties: properties(record, label, context),
  };
}

function relationship(record: Record<string, unknown>, context: Context): CypherRelationshipValue {
  const type = typeof record["_label"] === "string" ? record["_label"] : "";
  return {
    elementId: elementId(record["_id"]),
    type,
    startNodeElementId: elementId(record["_src"]),
    endNodeElementId: elementId(record["_dst"]),
    properties: properties(record, type, context),
  };
}

function path(record: Record<string, unknown>, context: Context): CypherPathValue {
  const nodes = Array.isArray(record["_nodes"]) ? (record["_nodes"] as unknown[]) : [];
  const rels = Array.isArray(record["_rels"]) ? (record["_rels"] as unknown[]) : [];
  return {
    nodes: nodes.filter(isRecord).map((item) => node(item, context)),
    relationships: rels.filter(isRecord).map((item) => relationship(item, context)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
