import type { CypherDialect } from "../executor.js";

/**
 * Built-in functions the guard lets a query call, by lower-cased name, with how each dialect spells it. Everything
 * else is rejected: procedures, namespaced functions (apoc.*, db.*) and functions that would reach nodes outside
 * the matched, tenant-scoped patterns (startNode, endNode, …) never run.
 */
export interface FunctionSpec {
  /** Spelling per dialect; null = not available in that dialect. */
  names: Record<CypherDialect, string | null>;
  aggregate: boolean;
}

const same = (name: string, aggregate = false): FunctionSpec => ({ names: { neo4j: name, kuzu: name }, aggregate });

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["count", same("count", true)],
  ["sum", same("sum", true)],
  ["avg", same("avg", true)],
  ["min", same("min", true)],
  ["max", same("max", true)],
  ["collect", same("collect", true)],
  ["size", same("size")],
  ["coalesce", same("coalesce")],
  ["tolower", same("toLower")],
  ["toupper", same("toUpper")],
  ["substring", same("substring")],
  ["left", same("left")],
  ["right", same("right")],
  ["trim", same("trim")],
  ["ltrim", same("ltrim")],
  ["rtrim", same("rtrim")],
  ["reverse", same("reverse")],
  ["abs", same("abs")],
  ["floor", same("floor")],
  ["ceil", same("ceil")],
  ["sqrt", same("sqrt")],
  ["round", same("round")],
  ["length", same("length")],
  ["nodes", same("nodes")],
  ["relationships", { names: { neo4j: "relationships", kuzu: "rels" }, aggregate: false }],
  ["tostring", { names: { neo4j: "toString", kuzu: "string" }, aggregate: false }],
  ["tointeger", { names: { neo4j: "toInteger", kuzu: "to_int64" }, aggregate: false }],
  ["tofloat", { names: { neo4j: "toFloat", kuzu: "to_double" }, aggregate: false }],
  ["type", { names: { neo4j: "type", kuzu: "label" }, aggregate: false }],
  ["labels", { names: { neo4j: "labels", kuzu: "label" }, aggregate: false }],
  ["id", same("id")],
  ["elementid", same("elementId")],
]);

export const FUNCTION_LIST = [...FUNCTIONS.values()].map((f) => f.names.neo4j).join(", ");
