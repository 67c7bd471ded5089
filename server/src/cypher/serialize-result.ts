import type { CypherResult } from "./executor.js";

/**
 * JSON text of a Cypher result, `{"columns", "rows", "elapsed_ms", "truncated"}`, with every bigint written as raw
 * digits so 64-bit ids survive exactly (parse with lossless-json or a bigint-aware reviver on the other side).
 */
export function resultToJson(result: CypherResult): string {
  return stringifyExact({
    columns: result.columns,
    rows: result.rows,
    elapsed_ms: result.elapsedMs,
    truncated: result.truncated,
  });
}

/**
 * `JSON.stringify` that writes bigint as raw digits instead of throwing. Non-finite numbers become null (as in
 * JSON.stringify); Dates become ISO strings; cycles and functions are written as null rather than crashing.
 */
export function stringifyExact(value: unknown): string {
  return write(value, new Set()) ?? "null";
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      break;
  }
  if (value === null) return "null";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "null" : JSON.stringify(value.toISOString());
  const object = value as object;
  if (ancestors.has(object)) return "null";
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item: unknown) => write(item, ancestors) ?? "null").join(",")}]`;
    }
    const parts: string[] = [];
    for (const [key, item] of Object.entries(object)) {
      const text = write(item, ancestors);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}
