import { CypherExecutionError } from "./executor.js";

const INT128_MIN = -(2n ** 127n);
const INT128_MAX = 2n ** 127n - 1n;
const MAX_DEPTH = 32;

/**
 * Query parameters come from the model: only JSON values (and bigint for exact integers) pass. Anything an engine
 * would silently change — a bigint wider than 128 bits (Kuzu keeps the low words), NaN, a function — fails with
 * code `syntax` instead.
 */
export function checkParams(params: Record<string, unknown>): Record<string, unknown> {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new CypherExecutionError("syntax", "Query parameters must be an object.");
  }
  for (const [name, value] of Object.entries(params)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new CypherExecutionError("syntax", `Parameter name ${JSON.stringify(name)} is not an identifier.`);
    }
    check(value, `$${name}`, 0, new Set());
  }
  return params;
}

function check(value: unknown, where: string, depth: number, ancestors: Set<object>): void {
  const fail = (why: string): never => {
    throw new CypherExecutionError("syntax", `Parameter ${where} ${why}.`);
  };
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) fail("is not a finite number");
      return;
    case "bigint":
      if (value < INT128_MIN || value > INT128_MAX) fail("does not fit a 128-bit integer");
      return;
    case "object":
      break;
    default:
      fail(`has unsupported type ${typeof value}`);
  }
  if (value === null) return;
  if (depth >= MAX_DEPTH) fail("is nested too deeply");
  const object = value as object;
  if (ancestors.has(object)) fail("contains a cycle");
  const prototype: unknown = Object.getPrototypeOf(object);
  if (!Array.isArray(object) && prototype !== Object.prototype && prototype !== null) fail("is not a plain object");
  ancestors.add(object);
  for (const [key, item] of Object.entries(object))
    check(item, Array.isArray(object) ? `${where}[${key}]` : `${where}.${key}`, depth + 1, ancestors);
  ancestors.delete(object);
}
