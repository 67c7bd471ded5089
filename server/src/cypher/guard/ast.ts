/**
 * The subset of Cypher the guard lets through, as a tree. Whatever the parser accepts but this tree cannot hold is
 * rejected, and the query that runs is printed from this tree, never spliced from the model's text.
 */
export interface Query {
  /** UNION branches; each is scoped on its own. */
  branches: SingleQuery[];
  /** One entry per UNION between branches: true for UNION ALL. */
  unionAll: boolean[];
}

export interface SingleQuery {
  clauses: Clause[];
}

export type Clause = MatchClause | UnwindClause | WithClause | ReturnClause;

export interface MatchClause {
  kind: "match";
  optional: boolean;
  patterns: PathPattern[];
  where: Expr | null;
}

export interface UnwindClause {
  kind: "unwind";
  expr: Expr;
  alias: string;
}

export interface WithClause {
  kind: "with";
  body: Projection;
  where: Expr | null;
}

export interface ReturnClause {
  kind: "return";
  body: Projection;
}

export interface Projection {
  distinct: boolean;
  star: boolean;
  items: { expr: Expr; alias: string | null }[];
  orderBy: { expr: Expr; descending: boolean }[];
  skip: Expr | null;
  limit: Expr | null;
}

export interface PathPattern {
  pathVariable: string | null;
  start: NodePattern;
  steps: { rel: RelPattern; node: NodePattern }[];
}

export interface NodePattern {
  variable: string | null;
  label: string | null;
  properties: MapEntry[] | null;
}

export interface RelPattern {
  variable: string | null;
  types: string[];
  direction: "out" | "in" | "either";
  /** null = exactly one hop; otherwise a variable-length relationship. */
  length: { min: number; max: number | null } | null;
  properties: MapEntry[] | null;
  /** Set by the guard on Kuzu: the nodes inside a variable-length relationship must have this property value. */
  inner?: { property: string; value: string };
}

export interface MapEntry {
  key: string;
  value: Expr;
}

export type ComparisonOp = "=" | "<>" | "<" | ">" | "<=" | ">=";
export type StringListOp = "STARTS WITH" | "ENDS WITH" | "CONTAINS" | "IN" | "=~";
export type ArithmeticOp = "+" | "-" | "*" | "/" | "%" | "^";

export type Expr =
  | { k: "logic"; op: "OR" | "XOR" | "AND"; args: Expr[] }
  | { k: "not"; arg: Expr }
  | { k: "compare"; op: ComparisonOp; left: Expr; right: Expr }
  | { k: "stringList"; op: StringListOp; left: Expr; right: Expr }
  | { k: "isNull"; negated: boolean; arg: Expr }
  | { k: "arith"; op: ArithmeticOp; left: Expr; right: Expr }
  | { k: "neg"; arg: Expr }
  | { k: "prop"; target: Expr; key: string }
  | { k: "string"; value: string }
  | { k: "int"; value: bigint }
  | { k: "float"; text: string }
  | { k: "bool"; value: boolean }
  | { k: "null" }
  | { k: "param"; name: string }
  | { k: "var"; name: string }
  | { k: "list"; items: Expr[] }
  | { k: "map"; entries: MapEntry[] }
  | { k: "call"; name: string; distinct: boolean; args: Expr[] }
  | { k: "countStar" }
  | { k: "case"; subject: Expr | null; whens: { when: Expr; then: Expr }[]; otherwise: Expr | null }
  | { k: "listComp"; variable: string; list: Expr; where: Expr | null; map: Expr | null }
  | { k: "quantifier"; q: "all" | "any" | "none" | "single"; variable: string; list: Expr; where: Expr };
