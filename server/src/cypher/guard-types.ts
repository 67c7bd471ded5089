import type { CypherDialect } from "./executor.js";

/** What the Cypher guard enforces; every field has a default (DEFAULT_GUARD_POLICY). */
export interface GuardPolicy {
  /**
   * The engine the query runs on: the printed query uses its spelling where Neo4j and Kuzu differ. Pass the
   * executor's `dialect`; when absent it is "kuzu" if `idFunction` is "id", else "neo4j".
   */
  dialect: CypherDialect;
  /** Node property that holds the tenant; the guard requires it on every node it lets a query reach. */
  tenantProperty: string;
  /**
   * Rewrites `x.id` on a bound node variable to `elementId(x)` (Neo4j) or `id(x)` (Kuzu); null = no rewrite.
   * Defaults to the dialect's function.
   */
  idFunction: "elementId" | "id" | null;
  /** Upper bound of a variable-length relationship and of the hops of one path. */
  maxHops: number;
  /** LIMIT added to a query without one, and the cap a larger LIMIT is lowered to. */
  maxLimit: number;
}

/** One rejection reason or one rewrite; `message` says what the model should change. */
export interface GuardNote {
  code: GuardNoteCode;
  message: string;
}

/** Stable codes of rejections (first group) and rewrites (second group). */
export type GuardNoteCode =
  | "syntax"
  | "empty"
  | "multiple-statements"
  | "write"
  | "procedure-call"
  | "subquery"
  | "load-csv"
  | "foreach"
  | "use"
  | "unsupported-clause"
  | "unsupported-pattern"
  | "unsupported-expression"
  | "unsupported-function"
  | "reserved-name"
  | "unbounded-hops"
  | "too-many-hops"
  | "cartesian-product"
  | "limit-invalid"
  | "internal"
  | "tenant-scoped"
  | "id-rewritten"
  | "limit-added"
  | "limit-lowered";

export type GuardOutcome =
  | { ok: true; query: string; params: Record<string, unknown>; notes: GuardNote[] }
  | { ok: false; reasons: GuardNote[] };

export interface GuardInput {
  query: string;
  params?: Record<string, unknown>;
  /** The tenant of the caller, from the server's auth (never from the model). */
  tenant: string;
}

export const DEFAULT_GUARD_POLICY: GuardPolicy = {
  dialect: "neo4j",
  tenantProperty: "tenant_id",
  idFunction: "elementId",
  maxHops: 6,
  maxLimit: 1000,
};

/**
 * The parameter that carries the tenant. Names with this prefix are reserved: a query or params object that uses
 * one is rejected, so the model cannot shadow the tenant or collide with the names the guard gives anonymous nodes.
 */
export const RESERVED_PREFIX = "__tracy";
export const TENANT_PARAM = `${RESERVED_PREFIX}_tenant`;
