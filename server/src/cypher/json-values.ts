/** Conversions shared by the executors so every engine's values reach the tool result in the same JSON-safe form. */

/** Safe integers as numbers, everything else stays a bigint (written as exact digits by `resultToJson`). */
export function integerValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** NaN and ±Infinity have no JSON form; they become null rather than breaking the result. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Bytes as base64 text. */
export function bytesValue(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** ISO 8601 UTC, or null for an invalid date. */
export function dateValue(date: Date, dateOnly = false): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}

/**
 * A plain object from entries. `Object.fromEntries` defines own data properties, so a key such as `__proto__`
 * coming from the database stays data instead of changing the object's prototype.
 */
export function plainObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}
