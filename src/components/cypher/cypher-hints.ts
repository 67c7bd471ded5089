import type { TracyLabels } from "../../labels/tracy-labels";
import { highlightCypher, type CypherToken } from "./highlight-cypher";

export type CypherHintId = "element-id" | "tenant-scope" | "deep-traversal";

/** A pitfall a failed query matches, with the data its wording needs (see `hintText`). */
export type CypherHint =
  | { id: "element-id"; /** The query's variable read as `v.id`, or `v`. */ variable: string }
  | {
      id: "tenant-scope";
      /** The property scoping data to a tenant. */ property: string;
      /** Its query parameter, without `$`. */ parameter: string;
    }
  | { id: "deep-traversal"; /** Deepest hop count that stays fast. */ hops: number };

/** A hint in words: a title, and plain text in which spans in backticks are code. */
export function hintText(labels: Readonly<TracyLabels>, hint: CypherHint): { title: string; text: string } {
  switch (hint.id) {
    case "element-id":
      return { title: labels.hintElementIdTitle, text: labels.hintElementId(hint.variable) };
    case "tenant-scope":
      return {
        title: labels.hintTenantTitle,
        text: labels.hintTenant({ property: hint.property, parameter: hint.parameter }),
      };
    case "deep-traversal":
      return { title: labels.hintDeepTitle, text: labels.hintDeep(hint.hops) };
  }
}

/** Deepest variable-length hop count that still answers quickly on the trace graph. */
export const MAX_FAST_HOPS = 3;

const ID_MESSAGE = /unknown property\s*['"`]?id\b|\bno\s+['"`]?id['"`]?\s+property|elementId/i;
const TENANT_MESSAGE =
  /tenant|\bunscoped\b|\bscop(?:e|ing)\s+(?:filter|check|predicate|required|missing)|missing\s+(?:a\s+)?scope/i;
const TIMEOUT_MESSAGE = /timed?[\s-]?out|timeout|time limit|deadline exceeded/i;
// A query the engine rejected before running cannot have been slow, whatever its shape.
const COMPILE_ERROR =
  /syntax|invalid input|unknown (?:property|function|label|variable|procedure)|not defined|type ?mismatch|parse|tenant/i;

/**
 * Plain-language hints for the graph's known pitfalls, given a failed query and the error
 * the agent saw. Pure; an empty list when nothing is recognised.
 */
export function cypherHints(
  query: string,
  message: string,
  {
    tenantProperty = "tenant_id",
    tenantParameter = "tenant",
  }: { tenantProperty?: string; tenantParameter?: string } = {},
): CypherHint[] {
  const tokens = highlightCypher(query).filter((t) => t.kind !== "space" && t.kind !== "comment");
  const hints: CypherHint[] = [];

  const idVariable = idPropertyVariable(tokens);
  if (idVariable !== null || ID_MESSAGE.test(message)) {
    hints.push({ id: "element-id", variable: idVariable ?? "v" });
  }

  if (TENANT_MESSAGE.test(message) || lacksTenantScope(tokens, tenantProperty)) {
    hints.push({ id: "tenant-scope", property: tenantProperty, parameter: tenantParameter });
  }

  if (TIMEOUT_MESSAGE.test(message) || (deepestHops(tokens) > MAX_FAST_HOPS && !COMPILE_ERROR.test(message))) {
    hints.push({ id: "deep-traversal", hops: MAX_FAST_HOPS });
  }
  return hints;
}

/** The variable of the first `v.id` property access, outside strings, comments and parameters. */
function idPropertyVariable(tokens: readonly CypherToken[]): string | null {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [v, dot, key] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (
      v?.kind === "ident" &&
      dot?.text === "." &&
      key?.kind === "ident" &&
      key.text === "id" &&
      tokens[i - 1]?.text !== "."
    ) {
      return v.text;
    }
  }
  return null;
}

/** Reads graph data (MATCH) without ever naming the tenant property. Schema calls need no scope. */
function lacksTenantScope(tokens: readonly CypherToken[], property: string): boolean {
  const matches = tokens.some((t) => t.kind === "keyword" && t.text.toLowerCase() === "match");
  return matches && !tokens.some((t) => t.kind === "ident" && t.text === property);
}

/** Largest upper bound of a variable-length relationship (`-[:R*1..6]-`); unbounded is Infinity. */
export function deepestHops(tokens: readonly CypherToken[]): number {
  let deepest = 0;
  let depth = 0; // inside a relationship pattern's brackets
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.text === "[" && (tokens[i - 1]?.text === "-" || tokens[i - 1]?.text === "<-")) depth = 1;
    else if (depth > 0 && t.text === "[") depth++;
    else if (depth > 0 && t.text === "]") depth--;
    else if (depth === 1 && t.text === "*") deepest = Math.max(deepest, upperBound(tokens, i + 1));
  }
  return deepest;
}

/** `*` → ∞, `*3` → 3, `*1..` → ∞, `*..5` / `*1..5` → 5. */
function upperBound(tokens: readonly CypherToken[], at: number): number {
  let i = at;
  let first: number | null = null;
  if (tokens[i]?.kind === "number") first = Number(tokens[i++]?.text);
  if (tokens[i]?.text !== "..") return first ?? Infinity;
  const second = tokens[i + 1];
  return second?.kind === "number" ? Number(second.text) : Infinity;
}
