import type { Clause, Expr, Query } from "./guard/ast.js";
import { buildQuery } from "./guard/build-ast.js";
import { GuardRejection } from "./guard/guard-rejection.js";
import { CypherPrinter } from "./guard/print-cypher.js";
import { forEachChild } from "./guard/expr-children.js";
import { scopeQuery } from "./guard/scope-query.js";
import {
  DEFAULT_GUARD_POLICY,
  RESERVED_PREFIX,
  TENANT_PARAM,
  type GuardInput,
  type GuardOutcome,
  type GuardPolicy,
} from "./guard-types.js";
import { parseCypher } from "./parser/parse-cypher.js";

export type { GuardInput, GuardNote, GuardNoteCode, GuardOutcome, GuardPolicy } from "./guard-types.js";
export { DEFAULT_GUARD_POLICY, RESERVED_PREFIX, TENANT_PARAM } from "./guard-types.js";

/** Longer texts are rejected before parsing: no useful read query is this long. */
const MAX_QUERY_LENGTH = 20_000;

/**
 * Checks a model-written Cypher query and re-emits it tenant-scoped, or rejects it with reasons the model can act
 * on. Fails closed: anything outside the supported read-only subset is rejected, and the query that runs is printed
 * from the checked tree (never the model's text with conditions spliced in). Synchronous; the parser behind it is
 * large, so the server imports this module lazily (`await import("./cypher/guard.js")`) on the first query.
 */
export function guardCypher(input: GuardInput, policy?: Partial<GuardPolicy>): GuardOutcome {
  // Callers that only say idFunction "id" run on Kuzu: printing Neo4j's spelling there can crash the engine.
  const dialect = policy?.dialect ?? (policy?.idFunction === "id" ? "kuzu" : DEFAULT_GUARD_POLICY.dialect);
  const effective: GuardPolicy = {
    ...DEFAULT_GUARD_POLICY,
    idFunction: dialect === "kuzu" ? "id" : "elementId",
    ...policy,
    dialect,
  };
  try {
    if (typeof input.tenant !== "string" || input.tenant === "") {
      // A caller bug, not the model's: without a tenant nothing may run.
      throw new GuardRejection("internal", "No tenant is known for this session, so no query can run.");
    }
    const params = checkParams(input.params);
    if (typeof input.query !== "string" || input.query.trim() === "") {
      throw new GuardRejection("empty", "The query is empty: write one MATCH … RETURN query.");
    }
    if (input.query.length > MAX_QUERY_LENGTH) {
      throw new GuardRejection("syntax", `The query is longer than ${MAX_QUERY_LENGTH} characters: simplify it.`);
    }
    const parsed = parseCypher(input.query);
    if (!parsed.ok) {
      const detail = parsed.errors
        .slice(0, 3)
        .map((e) => `line ${e.line}, column ${e.column}: ${e.message}`)
        .join("; ");
      throw new GuardRejection("syntax", `The query is not valid Cypher (${detail}). Fix the syntax and retry.`);
    }
    const query = buildQuery(parsed.tree);
    const notes = scopeQuery(query, { policy: effective, tenant: input.tenant, params });
    const text = new CypherPrinter(effective.dialect).query(query);
    const used: Record<string, unknown> = {};
    for (const name of paramNames(query)) {
      if (name === TENANT_PARAM) used[name] = input.tenant;
      else if (Object.hasOwn(params, name)) used[name] = params[name];
      else throw new GuardRejection("syntax", `The query uses $${name} but no value was passed for it in params.`);
    }
    return { ok: true, query: text, params: used, notes };
  } catch (error) {
    if (error instanceof GuardRejection) return { ok: false, reasons: [{ code: error.code, message: error.message }] };
    // A failure of the guard itself must never let the query through.
    return {
      ok: false,
      reasons: [{ code: "internal", message: "The query could not be checked; simplify it and retry." }],
    };
  }
}

function checkParams(params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== "object" || Array.isArray(params)) {
    throw new GuardRejection("syntax", "params must be an object of parameter names to values.");
  }
  for (const key of Object.keys(params)) {
    if (key.toLowerCase().startsWith(RESERVED_PREFIX)) {
      throw new GuardRejection(
        "reserved-name",
        `Parameter names starting with ${RESERVED_PREFIX} are reserved: rename ${key}.`,
      );
    }
  }
  return params as Record<string, unknown>;
}

function paramNames(query: Query): Set<string> {
  const names = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.k === "param") names.add(e.name);
    forEachChild(e, visit);
  };
  const clause = (c: Clause): void => {
    if (c.kind === "match") {
      for (const p of c.patterns) {
        for (const n of [p.start, ...p.steps.map((s) => s.node)]) n.properties?.forEach((x) => visit(x.value));
        for (const { rel } of p.steps) rel.properties?.forEach((x) => visit(x.value));
      }
      if (c.where) visit(c.where);
    } else if (c.kind === "unwind") visit(c.expr);
    else {
      for (const i of c.body.items) visit(i.expr);
      for (const o of c.body.orderBy) visit(o.expr);
      if (c.body.skip) visit(c.body.skip);
      if (c.body.limit) visit(c.body.limit);
      if (c.kind === "with" && c.where) visit(c.where);
    }
  };
  for (const b of query.branches) b.clauses.forEach(clause);
  return names;
}
