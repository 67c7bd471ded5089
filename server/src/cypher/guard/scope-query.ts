import { RESERVED_PREFIX, TENANT_PARAM, type GuardNote, type GuardPolicy } from "../guard-types.js";
import type { Clause, Expr, MatchClause, PathPattern, Projection, Query, SingleQuery } from "./ast.js";
import { FUNCTION_LIST, FUNCTIONS } from "./functions.js";
import { CartesianCheck } from "./cartesian.js";
import { forEachChild } from "./expr-children.js";
import { reject } from "./guard-rejection.js";

/*
 * The rules that change a query: tenant predicates on every node, hop budget, x.id → elementId(x)/id(x), LIMIT
 * cap. They run on the guard's tree, after the reader has rejected everything outside the supported subset.
 */

export interface ScopeOptions {
  policy: GuardPolicy;
  tenant: string;
  params: Record<string, unknown>;
}

/** What a variable holds, as far as the guard can tell: a node, a list of nodes, or anything else. */
type Kind = "node" | "nodeList" | "other";
type Scope = Map<string, Kind>;

const HOPS_ADVICE =
  "bound the hops (for example -[:CHILD_OF*1..3]->), start from an indexed node (match a Trace or Span by its id first) and filter with WHERE before expanding";

export function scopeQuery(query: Query, options: ScopeOptions): GuardNote[] {
  for (const branch of query.branches) checkNames(branch);
  const state = new RewriteState(options);
  for (const branch of query.branches) state.branch(branch);
  return state.notes();
}

class RewriteState {
  private anonymous = 0;
  private readonly scoped = new Set<string>();
  private idRewrites = new Set<string>();
  private readonly limitNotes: GuardNote[] = [];
  private pathScoped = false;

  constructor(private readonly options: ScopeOptions) {}

  notes(): GuardNote[] {
    const { tenantProperty } = this.options.policy;
    const notes: GuardNote[] = [];
    if (this.scoped.size > 0) {
      notes.push({
        code: "tenant-scoped",
        message:
          `Every matched node is limited to your tenant (${tenantProperty} = $${TENANT_PARAM} on ` +
          [...this.scoped].join(", ") +
          (this.pathScoped ? ", and on every node along variable-length paths" : "") +
          "); do not filter on the tenant yourself.",
      });
    }
    if (this.idRewrites.size > 0) {
      const fn = this.options.policy.idFunction ?? "id";
      notes.push({
        code: "id-rewritten",
        message:
          `Nodes have no id property: ${[...this.idRewrites].map((v) => `${v}.id`).join(", ")} now reads ${fn}(…). ` +
          `Write ${fn}(n) for the database id, or the domain key (span_id, trace_id, name).`,
      });
    }
    return [...notes, ...this.limitNotes];
  }

  branch(branch: SingleQuery): void {
    let scope: Scope = new Map();
    const cartesian = new CartesianCheck();
    for (const clause of branch.clauses) {
      if (clause.kind === "match")
        cartesian.match(clause, new Set([...scope].flatMap(([v, k]) => (k === "node" ? [v] : []))));
      if (clause.kind === "with") cartesian.with(clause.body);
      scope = this.clause(clause, scope);
    }
  }

  private clause(clause: Clause, scope: Scope): Scope {
    switch (clause.kind) {
      case "match":
        return this.match(clause, scope);
      case "unwind": {
        // Kuzu 0.11 crashes the process when it compares nodes that came out of UNWIND, so on Kuzu lists of nodes
        // are not unwound at all.
        if (this.options.policy.dialect === "kuzu" && kindOf(clause.expr, scope) === "nodeList") {
          reject(
            "unsupported-expression",
            "Unwinding a list of nodes is not supported on this graph: keep the nodes as rows (drop collect()/UNWIND) or collect and unwind their properties, like collect(n.span_id).",
          );
        }
        clause.expr = this.expr(clause.expr, scope);
        const next = new Map(scope);
        next.set(clause.alias, "other");
        return next;
      }
      case "with": {
        const next = this.projection(clause.body, scope);
        if (clause.where) clause.where = this.expr(clause.where, new Map([...scope, ...next]));
        return next;
      }
      case "return":
        this.projection(clause.body, scope);
        this.limit(clause.body);
        return scope;
    }
  }

  private match(clause: MatchClause, outer: Scope): Scope {
    const scope = new Map(outer);
    const nodeVars: string[] = [];
    const conditions: Expr[] = [];
    for (const pattern of clause.patterns) {
      this.checkHops(pattern);
      for (const node of [pattern.start, ...pattern.steps.map((s) => s.node)]) {
        node.variable ??= `${RESERVED_PREFIX}_n${this.anonymous++}`;
        if (!nodeVars.includes(node.variable)) nodeVars.push(node.variable);
      }
      for (const { rel } of pattern.steps) if (rel.variable !== null) scope.set(rel.variable, "other");
      if (pattern.steps.some((s) => s.rel.length !== null)) {
        // Nodes in the middle of a variable-length path have no variable. Kuzu filters them during the traversal
        // (its list predicates over nodes(p) crash the engine on some paths); Neo4j checks all of them through p.
        this.pathScoped = true;
        if (this.options.policy.dialect === "kuzu") {
          for (const { rel } of pattern.steps) {
            if (rel.length !== null)
              rel.inner = { property: this.options.policy.tenantProperty, value: this.options.tenant };
          }
        } else {
          pattern.pathVariable ??= `${RESERVED_PREFIX}_p${this.anonymous++}`;
          conditions.push(this.pathCondition(pattern.pathVariable));
        }
      }
      if (pattern.pathVariable !== null) scope.set(pattern.pathVariable, "other");
    }
    for (const v of nodeVars) {
      scope.set(v, "node");
      if (!v.startsWith(RESERVED_PREFIX)) this.scoped.add(v);
      else this.scoped.add("the unnamed nodes");
    }
    for (const pattern of clause.patterns) this.patternExprs(pattern, scope);
    const tenantConditions: Expr[] = nodeVars.map((v) => ({
      k: "compare",
      op: "=",
      left: { k: "prop", target: { k: "var", name: v }, key: this.options.policy.tenantProperty },
      right: { k: "param", name: TENANT_PARAM },
    }));
    const all = [...tenantConditions, ...conditions];
    if (clause.where) all.push(this.expr(clause.where, scope));
    clause.where = all.length === 1 ? (all[0] as Expr) : { k: "logic", op: "AND", args: all };
    return scope;
  }

  /** all(x IN nodes(p) WHERE x.tenant = '<tenant>'): Kuzu cannot read parameters inside list predicates. */
  private pathCondition(pathVariable: string): Expr {
    const x = `${RESERVED_PREFIX}_x`;
    return {
      k: "quantifier",
      q: "all",
      variable: x,
      list: { k: "call", name: "nodes", distinct: false, args: [{ k: "var", name: pathVariable }] },
      where: {
        k: "compare",
        op: "=",
        left: { k: "prop", target: { k: "var", name: x }, key: this.options.policy.tenantProperty },
        right: { k: "string", value: this.options.tenant },
      },
    };
  }

  private patternExprs(pattern: PathPattern, scope: Scope): void {
    const nodes = [pattern.start, ...pattern.steps.map((s) => s.node)];
    for (const n of nodes) if (n.properties) for (const e of n.properties) e.value = this.expr(e.value, scope);
    for (const { rel } of pattern.steps) {
      if (rel.properties) for (const e of rel.properties) e.value = this.expr(e.value, scope);
    }
  }

  private checkHops(pattern: PathPattern): void {
    const { maxHops } = this.options.policy;
    let total = 0;
    for (const { rel } of pattern.steps) {
      if (rel.length === null) {
        total += 1;
        continue;
      }
      const shown = `-[${rel.types.length ? ":" + rel.types.join("|") : ""}*${rel.length.min}..${rel.length.max ?? ""}]-`;
      if (rel.length.max === null) {
        reject("unbounded-hops", `${shown} has no upper bound (at most ${maxHops} hops): ${HOPS_ADVICE}.`);
      }
      if (rel.length.max < rel.length.min)
        reject("unbounded-hops", `${shown}: the lower bound of the hops exceeds the upper one; write *1..3.`);
      if (rel.length.max > maxHops) {
        reject("too-many-hops", `${shown} allows ${rel.length.max} hops, more than ${maxHops}: ${HOPS_ADVICE}.`);
      }
      total += rel.length.max;
    }
    if (total > maxHops) {
      reject(
        "too-many-hops",
        `One path may span at most ${maxHops} hops, this one up to ${total}: split it with WITH, or ${HOPS_ADVICE}.`,
      );
    }
  }

  /** Rewrites the items and returns the scope after the projection. */
  private projection(body: Projection, scope: Scope): Scope {
    const next: Scope = body.star ? new Map(scope) : new Map();
    for (const item of body.items) {
      const kind = kindOf(item.expr, scope);
      item.expr = this.expr(item.expr, scope);
      const name = item.alias ?? (item.expr.k === "var" ? item.expr.name : null);
      if (name !== null) next.set(name, kind);
    }
    const both = new Map([...scope, ...next]);
    for (const o of body.orderBy) o.expr = this.expr(o.expr, both);
    if (body.skip) body.skip = this.expr(body.skip, both);
    if (body.limit) body.limit = this.expr(body.limit, both);
    return next;
  }

  private limit(body: Projection): void {
    const { maxLimit } = this.options.policy;
    const cap: Expr = { k: "int", value: BigInt(maxLimit) };
    const limit = body.limit;
    if (limit === null) {
      body.limit = cap;
      this.limitNotes.push({
        code: "limit-added",
        message: `Added LIMIT ${maxLimit}: results are capped; use ORDER BY … LIMIT n to choose which rows you get.`,
      });
      return;
    }
    let value: bigint | null = null;
    if (limit.k === "int") value = limit.value;
    else if (limit.k === "param") {
      const v = this.options.params[limit.name];
      if (typeof v === "number" && Number.isSafeInteger(v)) value = BigInt(v);
      else if (typeof v === "bigint") value = v;
    }
    if (value === null || value < 0n) {
      reject("limit-invalid", `LIMIT must be a non-negative whole number (at most ${maxLimit}), written as a number.`);
    }
    if (value > BigInt(maxLimit)) {
      body.limit = cap;
      this.limitNotes.push({
        code: "limit-lowered",
        message: `Lowered LIMIT ${value} to ${maxLimit}, the most rows one query may return; aggregate or page with SKIP.`,
      });
    }
  }

  private expr(e: Expr, scope: Scope): Expr {
    switch (e.k) {
      case "logic":
        return { ...e, args: e.args.map((a) => this.expr(a, scope)) };
      case "not":
      case "neg":
        return { ...e, arg: this.expr(e.arg, scope) };
      case "isNull":
        return { ...e, arg: this.expr(e.arg, scope) };
      case "compare":
      case "stringList":
      case "arith":
        return { ...e, left: this.expr(e.left, scope), right: this.expr(e.right, scope) } as Expr;
      case "prop": {
        const { idFunction } = this.options.policy;
        if (e.key === "id" && e.target.k === "var" && scope.get(e.target.name) === "node" && idFunction !== null) {
          this.idRewrites.add(e.target.name);
          return { k: "call", name: idFunction, distinct: false, args: [e.target] };
        }
        return { ...e, target: this.expr(e.target, scope) };
      }
      case "list":
        return { ...e, items: e.items.map((i) => this.expr(i, scope)) };
      case "map":
        return { ...e, entries: e.entries.map((x) => ({ key: x.key, value: this.expr(x.value, scope) })) };
      case "call":
        return { ...e, args: e.args.map((a) => this.expr(a, scope)) };
      case "case":
        return {
          ...e,
          subject: e.subject ? this.expr(e.subject, scope) : null,
          whens: e.whens.map((w) => ({ when: this.expr(w.when, scope), then: this.expr(w.then, scope) })),
          otherwise: e.otherwise ? this.expr(e.otherwise, scope) : null,
        };
      case "listComp": {
        const inner = new Map(scope).set(e.variable, "other");
        return {
          ...e,
          list: this.expr(e.list, scope),
          where: e.where ? this.expr(e.where, inner) : null,
          map: e.map ? this.expr(e.map, inner) : null,
        };
      }
      case "quantifier": {
        const inner = new Map(scope).set(e.variable, "other");
        return { ...e, list: this.expr(e.list, scope), where: this.expr(e.where, inner) };
      }
      default:
        return e;
    }
  }
}

function kindOf(e: Expr, scope: Scope): Kind {
  if (e.k === "var") return scope.get(e.name) ?? "other";
  if (e.k === "list") return e.items.some((i) => kindOf(i, scope) === "node") ? "nodeList" : "other";
  if (e.k === "call") {
    const name = e.name.toLowerCase();
    if (name === "nodes") return "nodeList";
    if (name === "collect" && e.args[0] && kindOf(e.args[0], scope) === "node") return "nodeList";
    if (name === "coalesce" && e.args.some((a) => kindOf(a, scope) === "nodeList")) return "nodeList";
  }
  return "other";
}

/** Rejects reserved names and functions outside the allow-list, before the guard adds its own names. */
function checkNames(branch: SingleQuery): void {
  const name = (n: string | null): void => {
    if (n !== null && n.toLowerCase().startsWith(RESERVED_PREFIX)) {
      reject("reserved-name", `Names starting with ${RESERVED_PREFIX} are reserved: rename ${n}.`);
    }
  };
  const expr = (e: Expr): void => {
    switch (e.k) {
      case "param":
      case "var":
        name(e.name);
        return;
      case "call": {
        if (!FUNCTIONS.has(e.name.toLowerCase())) {
          reject("unsupported-function", `${e.name}() is not allowed. Allowed functions: ${FUNCTION_LIST}.`);
        }
        e.args.forEach(expr);
        return;
      }
      case "listComp":
      case "quantifier":
        // The bound variable is checked, then its list, filter and projection as any other child.
        name(e.variable);
        forEachChild(e, expr);
        return;
      default:
        forEachChild(e, expr);
    }
  };
  const projection = (p: Projection): void => {
    for (const i of p.items) {
      expr(i.expr);
      name(i.alias);
    }
    for (const o of p.orderBy) expr(o.expr);
    if (p.skip) expr(p.skip);
    if (p.limit) expr(p.limit);
  };
  for (const clause of branch.clauses) {
    if (clause.kind === "match") {
      for (const p of clause.patterns) {
        name(p.pathVariable);
        for (const n of [p.start, ...p.steps.map((s) => s.node)]) {
          name(n.variable);
          n.properties?.forEach((x) => expr(x.value));
        }
        for (const { rel } of p.steps) {
          name(rel.variable);
          rel.properties?.forEach((x) => expr(x.value));
        }
      }
      if (clause.where) expr(clause.where);
    } else if (clause.kind === "unwind") {
      expr(clause.expr);
      name(clause.alias);
    } else {
      projection(clause.body);
      if (clause.kind === "with" && clause.where) expr(clause.where);
    }
  }
}
