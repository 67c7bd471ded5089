import type { CypherDialect } from "../executor.js";
import { RESERVED_PREFIX } from "../guard-types.js";
import type { Clause, Expr, MapEntry, NodePattern, PathPattern, Projection, Query, RelPattern } from "./ast.js";
import { FUNCTIONS } from "./functions.js";
import { reject } from "./guard-rejection.js";

/*
 * Prints the guard's tree as Cypher that Neo4j and Kuzu both read the same way. Every compound sub-expression is
 * parenthesized, so no operator the model wrote can bind across a condition the guard added; names that are not
 * plain identifiers, or that are keywords, are backtick-quoted; strings are re-escaped from their decoded value.
 */

/**
 * Words printed in backticks when used as names: the reserved words of Neo4j's and Kuzu's Cypher, and every
 * operator word. A keyword missing here can only make the query fail to parse, never change what it means, and
 * the tests re-parse every printed query.
 */
const KEYWORDS = new Set(
  (
    "ALL AND ANY AS ASC ASCENDING BY CALL CASE COLLECT CONTAINS COPY COUNT CREATE CSV DEFINE DELETE DESC DESCENDING " +
    "DETACH DISTINCT DO DROP ELSE END ENDS EXISTS EXPLAIN FALSE FILTER FINISH FOR FOREACH FROM GROUP HEADERS IN " +
    "INSERT INTO IS LET LIMIT LOAD MACRO MANDATORY MATCH MERGE NEXT NONE NOT NULL OF OFFSET ON OPTIONAL OR ORDER " +
    "PROFILE RECURSIVE REMOVE REQUIRE RETURN ROLLBACK SCALAR SET SHORTEST SINGLE SKIP STARTS THEN TO TRUE UNION " +
    "UNIQUE UNWIND USE WHEN WHERE WITH XOR YIELD INF INFINITY NAN GRAPH TRANSACTION BEGIN COMMIT"
  ).split(" "),
);

export function printName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase())) return name;
  return "`" + name.replaceAll("`", "``") + "`";
}

export function printString(value: string): string {
  return "'" + value.replaceAll("\\", "\\\\").replaceAll("'", "\\'") + "'";
}

const ATOMS = new Set<Expr["k"]>([
  "prop",
  "string",
  "int",
  "float",
  "bool",
  "null",
  "param",
  "var",
  "list",
  "map",
  "call",
  "countStar",
  "case",
  "listComp",
  "quantifier",
]);

export class CypherPrinter {
  constructor(private readonly dialect: CypherDialect) {}

  query(q: Query): string {
    return q.branches
      .map(
        (b, i) =>
          (i === 0 ? "" : q.unionAll[i - 1] ? " UNION ALL " : " UNION ") +
          b.clauses.map((c) => this.clause(c)).join(" "),
      )
      .join("");
  }

  clause(c: Clause): string {
    switch (c.kind) {
      case "match":
        return (
          (c.optional ? "OPTIONAL MATCH " : "MATCH ") +
          c.patterns.map((p) => this.pattern(p)).join(", ") +
          (c.where ? " WHERE " + this.expr(c.where) : "")
        );
      case "unwind":
        return `UNWIND ${this.operand(c.expr)} AS ${printName(c.alias)}`;
      case "with":
        return "WITH " + this.projection(c.body) + (c.where ? " WHERE " + this.expr(c.where) : "");
      case "return":
        return "RETURN " + this.projection(c.body);
    }
  }

  private projection(p: Projection): string {
    const items = p.items.map((i) => this.operand(i.expr) + (i.alias === null ? "" : " AS " + printName(i.alias)));
    let out = (p.distinct ? "DISTINCT " : "") + [...(p.star ? ["*"] : []), ...items].join(", ");
    if (p.orderBy.length > 0) {
      out += " ORDER BY " + p.orderBy.map((o) => this.operand(o.expr) + (o.descending ? " DESC" : "")).join(", ");
    }
    if (p.skip) out += " SKIP " + this.operand(p.skip);
    if (p.limit) out += " LIMIT " + this.operand(p.limit);
    return out;
  }

  pattern(p: PathPattern): string {
    let out = p.pathVariable === null ? "" : printName(p.pathVariable) + " = ";
    out += this.node(p.start);
    for (const step of p.steps) out += this.rel(step.rel) + this.node(step.node);
    return out;
  }

  private node(n: NodePattern): string {
    let inner = n.variable === null ? "" : printName(n.variable);
    if (n.label !== null) inner += ":" + printName(n.label);
    if (n.properties) inner += (inner ? " " : "") + this.map(n.properties);
    return `(${inner})`;
  }

  private rel(r: RelPattern): string {
    let inner = r.variable === null ? "" : printName(r.variable);
    if (r.types.length > 0) inner += ":" + r.types.map(printName).join("|");
    if (r.length) inner += `*${r.length.min}..${r.length.max ?? ""}`;
    if (r.inner) {
      const [rel, node] = [`${RESERVED_PREFIX}_r`, `${RESERVED_PREFIX}_x`];
      inner += ` (${rel}, ${node} | WHERE ${node}.${printName(r.inner.property)} = ${printString(r.inner.value)})`;
    }
    if (r.properties) inner += (inner ? " " : "") + this.map(r.properties);
    const body = inner ? `-[${inner}]-` : "--";
    return r.direction === "in" ? "<" + body : r.direction === "out" ? body + ">" : body;
  }

  private map(entries: MapEntry[]): string {
    return "{" + entries.map((e) => `${printName(e.key)}: ${this.expr(e.value)}`).join(", ") + "}";
  }

  /** An expression in a position where a compound one must be parenthesized. */
  operand(e: Expr): string {
    const text = this.expr(e);
    return ATOMS.has(e.k) ? text : `(${text})`;
  }

  expr(e: Expr): string {
    switch (e.k) {
      case "logic":
        return e.args.map((a) => this.operand(a)).join(` ${e.op} `);
      case "not":
        return "NOT " + this.operand(e.arg);
      case "compare":
      case "stringList":
      case "arith":
        return `${this.operand(e.left)} ${e.op} ${this.operand(e.right)}`;
      case "isNull":
        return this.operand(e.arg) + (e.negated ? " IS NOT NULL" : " IS NULL");
      case "neg":
        return "-" + this.operand(e.arg);
      case "prop":
        return this.operand(e.target) + "." + printName(e.key);
      case "string":
        return printString(e.value);
      case "int":
        return e.value.toString();
      case "float":
        return e.text;
      case "bool":
        return e.value ? "true" : "false";
      case "null":
        return "null";
      case "param":
        return "$" + printName(e.name);
      case "var":
        return printName(e.name);
      case "list":
        return "[" + e.items.map((i) => this.expr(i)).join(", ") + "]";
      case "map":
        return this.map(e.entries);
      case "countStar":
        return "count(*)";
      case "call":
        return this.call(e.name, e.distinct, e.args);
      case "case": {
        let out = "CASE" + (e.subject ? " " + this.operand(e.subject) : "");
        for (const w of e.whens) out += ` WHEN ${this.expr(w.when)} THEN ${this.expr(w.then)}`;
        if (e.otherwise) out += " ELSE " + this.expr(e.otherwise);
        return out + " END";
      }
      case "listComp":
        if (this.dialect === "kuzu") {
          reject(
            "unsupported-expression",
            "List comprehensions are not available on this graph: use collect() with WITH.",
          );
        }
        return (
          `[${printName(e.variable)} IN ${this.operand(e.list)}` +
          (e.where ? ` WHERE ${this.operand(e.where)}` : "") +
          (e.map ? ` | ${this.operand(e.map)}` : "") +
          "]"
        );
      case "quantifier":
        return `${e.q}(${printName(e.variable)} IN ${this.operand(e.list)} WHERE ${this.operand(e.where)})`;
    }
  }

  private call(name: string, distinct: boolean, args: Expr[]): string {
    const spec = FUNCTIONS.get(name.toLowerCase());
    const printed = spec?.names[this.dialect];
    if (!spec || !printed) reject("unsupported-function", `${name}() is not available on this graph.`);
    const list = args.map((a) => this.expr(a));
    // Kuzu's round() needs the number of decimals; label() gives one label where Neo4j's labels() gives a list.
    if (this.dialect === "kuzu" && printed === "round" && list.length === 1) list.push("0");
    const call = `${printed}(${distinct ? "DISTINCT " : ""}${list.join(", ")})`;
    if (this.dialect === "kuzu" && name.toLowerCase() === "labels") return `[${call}]`;
    return call;
  }
}
