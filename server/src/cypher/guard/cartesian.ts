import type { Expr, MatchClause, PathPattern, Projection } from "./ast.js";
import { FUNCTIONS } from "./functions.js";
import { reject } from "./guard-rejection.js";
import { forEachChild } from "./expr-children.js";

/*
 * Cartesian products. The parts of a MATCH that share no node are matched on their own, and every combination of
 * their rows is a row: one narrowed part (a trace by its id) against a wide one is a lookup, two wide parts are
 * every span times every span, the query that runs until the deadline. The guard refuses a MATCH that would combine
 * two or more wide parts: parts that touch no node matched before it, have no property of their own in the pattern
 * and no WHERE condition on their own variables. The rows a MATCH starts from count as one such part when an earlier
 * MATCH left a wide part and no WITH has aggregated or limited them since. Checked before the tenant conditions are
 * added (those filter every node, and narrow nothing within a tenant).
 */

const ADVICE =
  "connect them with a relationship (for example (s)-[:CHILD_OF*1..3]->(root)), narrow each with a property or a " +
  "WHERE condition of its own (an id, a trace_id, a service name), or match one, aggregate it with WITH, then match the other";

/** Whether the rows a query has built so far are wide, clause by clause (see the module's comment). */
export class CartesianCheck {
  private wideRows = false;

  /** Checks one MATCH against the node variables bound before it (the guard's scope); rejects a wide product. */
  match(clause: MatchClause, bound: ReadonlySet<string>): void {
    const parts = partsOf(clause.patterns);
    const conjuncts = clause.where ? conjunctsOf(clause.where) : [];
    const wide = parts.filter(
      (part) =>
        ![...part.nodes].some((v) => bound.has(v)) &&
        !part.hasProperties &&
        !conjuncts.some((c) => {
          const free = freeVariables(c);
          return free.size > 0 && [...free].every((v) => part.variables.has(v));
        }),
    );
    const detached = parts.some((part) => ![...part.nodes].some((v) => bound.has(v)));
    const factors = wide.length + (this.wideRows && detached ? 1 : 0);
    if (factors >= 2) {
      const shown = wide.map((part) => part.shown);
      const what =
        this.wideRows && detached
          ? `${shown.join(" and ")} and the rows matched before ${shown.length === 1 ? "it" : "them"}`
          : shown.join(" and ");
      reject(
        "cartesian-product",
        `${what} share no node and none is narrowed, so every combination of them would be a row (a cartesian product): ${ADVICE}.`,
      );
    }
    if (wide.length > 0) this.wideRows = true;
  }

  /** A WITH that aggregates or limits its rows narrows them; any other WITH, or UNWIND, keeps them as they were. */
  with(body: Projection): void {
    if (body.limit !== null || body.items.some((item) => aggregates(item.expr))) this.wideRows = false;
  }
}

interface Part {
  /** Node variables named in the part (unnamed nodes cannot join it to anything). */
  nodes: Set<string>;
  /** Node, relationship and path variables: what a WHERE condition on the part alone may name. */
  variables: Set<string>;
  hasProperties: boolean;
  /** The first pattern of the part as written, roughly: `(s:Span)`, for the message. */
  shown: string;
}

/** The patterns of a MATCH grouped into parts: patterns that share a named node are one part. */
function partsOf(patterns: readonly PathPattern[]): Part[] {
  const parts: Part[] = [];
  for (const pattern of patterns) {
    const nodes = [pattern.start, ...pattern.steps.map((s) => s.node)];
    const part: Part = {
      nodes: new Set(nodes.flatMap((n) => (n.variable === null ? [] : [n.variable]))),
      variables: new Set(),
      hasProperties:
        nodes.some((n) => (n.properties?.length ?? 0) > 0) ||
        pattern.steps.some((s) => (s.rel.properties?.length ?? 0) > 0),
      shown: shownNode(pattern),
    };
    for (const v of part.nodes) part.variables.add(v);
    for (const { rel } of pattern.steps) if (rel.variable !== null) part.variables.add(rel.variable);
    if (pattern.pathVariable !== null) part.variables.add(pattern.pathVariable);
    // Merge with every earlier part it shares a node with.
    for (let i = parts.length - 1; i >= 0; i--) {
      const other = parts[i] as Part;
      if (![...other.nodes].some((v) => part.nodes.has(v))) continue;
      for (const v of other.nodes) part.nodes.add(v);
      for (const v of other.variables) part.variables.add(v);
      part.hasProperties ||= other.hasProperties;
      part.shown = other.shown;
      parts.splice(i, 1);
    }
    parts.push(part);
  }
  return parts;
}

function shownNode(pattern: PathPattern): string {
  const { variable, label } = pattern.start;
  const node = `(${variable ?? ""}${label ? `:${label}` : ""})`;
  return pattern.steps.length > 0 ? `${node}-…` : node;
}

function conjunctsOf(e: Expr): Expr[] {
  return e.k === "logic" && e.op === "AND" ? e.args.flatMap(conjunctsOf) : [e];
}

/** Variables an expression reads, less those its list comprehensions and quantifiers bind. */
function freeVariables(e: Expr, bound: ReadonlySet<string> = new Set(), out = new Set<string>()): Set<string> {
  if (e.k === "var") {
    if (!bound.has(e.name)) out.add(e.name);
    return out;
  }
  if (e.k === "listComp" || e.k === "quantifier") {
    freeVariables(e.list, bound, out);
    const inner = new Set(bound).add(e.variable);
    if (e.where) freeVariables(e.where, inner, out);
    if (e.k === "listComp" && e.map) freeVariables(e.map, inner, out);
    return out;
  }
  forEachChild(e, (child) => void freeVariables(child, bound, out));
  return out;
}

function aggregates(e: Expr): boolean {
  if (e.k === "countStar") return true;
  if (e.k === "call" && FUNCTIONS.get(e.name.toLowerCase())?.aggregate) return true;
  let found = false;
  forEachChild(e, (child) => {
    found ||= aggregates(child);
  });
  return found;
}
