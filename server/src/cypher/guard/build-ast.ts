import { ParserRuleContext, TerminalNode, type ParseTree } from "antlr4ng";
import { Cypher, CypherCmdParser as P } from "../parser/parse-cypher.js";
import type {
  Clause,
  ComparisonOp,
  Expr,
  MapEntry,
  NodePattern,
  PathPattern,
  Projection,
  Query,
  RelPattern,
  SingleQuery,
  StringListOp,
} from "./ast.js";
import { decodeInteger, decodeName, decodeStringLiteral } from "./decode-text.js";
import { reject } from "./guard-rejection.js";

/*
 * Reads the parse tree into the guard's tree (ast.ts). Every rule is read by its exact shape: a child the reader
 * does not expect rejects the query, so a grammar feature nobody thought of fails closed instead of slipping through.
 */

type Ctx = ParserRuleContext;

const READ_ONLY =
  "Only read queries are allowed: MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP and LIMIT.";

function kids(ctx: Ctx): ParseTree[] {
  return ctx.children;
}

function isToken(node: ParseTree | undefined, type: number): node is TerminalNode {
  return node instanceof TerminalNode && node.symbol.type === type;
}

function tokenType(node: ParseTree | undefined): number | null {
  return node instanceof TerminalNode ? node.symbol.type : null;
}

function unexpected(node: ParseTree | undefined, where: string): never {
  const text = node ? node.getText().slice(0, 40) : "nothing";
  reject("unsupported-expression", `The guard does not support \`${text}\` in ${where}. ${READ_ONLY}`);
}

/** Reads the children of `ctx` left to right; each take* consumes one child or rejects. */
class Cursor {
  private i = 0;
  constructor(
    private readonly nodes: ParseTree[],
    private readonly where: string,
  ) {}
  peek(): ParseTree | undefined {
    return this.nodes[this.i];
  }
  done(): boolean {
    return this.i >= this.nodes.length;
  }
  next(): ParseTree {
    const node = this.nodes[this.i];
    if (node === undefined) unexpected(undefined, this.where);
    this.i += 1;
    return node;
  }
  acceptToken(type: number): boolean {
    if (isToken(this.peek(), type)) {
      this.i += 1;
      return true;
    }
    return false;
  }
  expectToken(type: number): void {
    if (!this.acceptToken(type)) unexpected(this.peek(), this.where);
  }
  accept<T extends Ctx>(cls: abstract new (...args: never[]) => T): T | null {
    const node = this.peek();
    if (node instanceof cls) {
      this.i += 1;
      return node;
    }
    return null;
  }
  expect<T extends Ctx>(cls: abstract new (...args: never[]) => T): T {
    const node = this.accept(cls);
    if (node === null) unexpected(this.peek(), this.where);
    return node;
  }
  end(): void {
    if (!this.done()) unexpected(this.peek(), this.where);
  }
}

export function buildQuery(tree: InstanceType<typeof Cypher.StatementsContext>): Query {
  const statements = kids(tree).filter((c) => c instanceof Cypher.StatementContext);
  if (statements.length === 0) reject("empty", "The query is empty: write one MATCH … RETURN query.");
  if (statements.length > 1) {
    reject("multiple-statements", "Send exactly one statement: remove the `;` and everything after it.");
  }
  const statement = statements[0] as InstanceType<typeof Cypher.StatementContext>;
  const s = new Cursor(kids(statement), "the statement");
  if (s.accept(Cypher.CommandContext)) {
    reject("write", `Schema, administration and data-changing commands are not allowed. ${READ_ONLY}`);
  }
  const local = s.expect(Cypher.QueryWithLocalDefinitionsContext);
  s.end();
  const l = new Cursor(kids(local), "the statement");
  if (isToken(l.peek(), P.DEFINE)) reject("unsupported-clause", "DEFINE is not supported. " + READ_ONLY);
  const next = l.expect(Cypher.NextStatementContext);
  l.end();
  const n = new Cursor(kids(next), "the statement");
  const regular = n.expect(Cypher.RegularQueryContext);
  if (!n.done()) reject("unsupported-clause", "NEXT is not supported: write one query.");
  const r = new Cursor(kids(regular), "the statement");
  if (r.accept(Cypher.WhenContext)) reject("unsupported-clause", "WHEN … THEN queries are not supported.");
  const union = r.expect(Cypher.UnionContext);
  r.end();
  return buildUnion(union);
}

function buildUnion(ctx: Ctx): Query {
  const c = new Cursor(kids(ctx), "the query");
  const branches: SingleQuery[] = [buildSingleQuery(c.expect(Cypher.SingleQueryContext))];
  const unionAll: boolean[] = [];
  while (!c.done()) {
    c.expectToken(P.UNION);
    if (c.acceptToken(P.ALL)) unionAll.push(true);
    else {
      c.acceptToken(P.DISTINCT);
      unionAll.push(false);
    }
    branches.push(buildSingleQuery(c.expect(Cypher.SingleQueryContext)));
  }
  return { branches, unionAll };
}

function buildSingleQuery(ctx: Ctx): SingleQuery {
  const clauses: Clause[] = [];
  for (const child of kids(ctx)) {
    if (!(child instanceof Cypher.ClauseContext)) {
      reject("subquery", "Subqueries in braces are not supported: write one MATCH … RETURN query.");
    }
    clauses.push(buildClause(child));
  }
  const last = clauses[clauses.length - 1];
  if (last?.kind !== "return") reject("unsupported-clause", "The query must end with RETURN.");
  if (clauses.slice(0, -1).some((clause) => clause.kind === "return")) {
    reject("unsupported-clause", "RETURN may only end the query; use WITH to pass values on.");
  }
  return { clauses };
}

function buildClause(ctx: InstanceType<typeof Cypher.ClauseContext>): Clause {
  const c = new Cursor(kids(ctx), "a clause");
  const inner = c.next();
  c.end();
  if (inner instanceof Cypher.MatchClauseContext) return buildMatch(inner);
  if (inner instanceof Cypher.WithClauseContext) {
    const w = new Cursor(kids(inner), "WITH");
    w.expectToken(P.WITH);
    const body = buildProjection(w.expect(Cypher.ReturnBodyContext), "WITH");
    const where = w.accept(Cypher.WhereClauseContext);
    w.end();
    return { kind: "with", body, where: where ? buildWhere(where) : null };
  }
  if (inner instanceof Cypher.UnwindClauseContext) {
    const u = new Cursor(kids(inner), "UNWIND");
    u.expectToken(P.UNWIND);
    const expr = buildExpr(u.expect(Cypher.ExpressionContext));
    u.expectToken(P.AS);
    const alias = buildVariable(u.expect(Cypher.VariableContext));
    u.end();
    return { kind: "unwind", expr, alias };
  }
  if (inner instanceof Cypher.ReturnClauseContext) {
    const rc = new Cursor(kids(inner), "RETURN");
    rc.expectToken(P.RETURN);
    const body = buildProjection(rc.expect(Cypher.ReturnBodyContext), "RETURN");
    rc.end();
    return { kind: "return", body };
  }
  if (
    inner instanceof Cypher.CreateClauseContext ||
    inner instanceof Cypher.InsertClauseContext ||
    inner instanceof Cypher.DeleteClauseContext ||
    inner instanceof Cypher.SetClauseContext ||
    inner instanceof Cypher.RemoveClauseContext ||
    inner instanceof Cypher.MergeClauseContext
  ) {
    reject("write", `${clauseKeyword(inner)} changes data and is not allowed. ${READ_ONLY}`);
  }
  if (inner instanceof Cypher.CallClauseContext) {
    reject(
      "procedure-call",
      "Procedure calls (CALL …) are not allowed: query the graph with MATCH patterns and built-in functions.",
    );
  }
  if (inner instanceof Cypher.SubqueryClauseContext) {
    reject("subquery", "CALL { … } subqueries are not allowed: use WITH to chain the parts of one query.");
  }
  if (inner instanceof Cypher.LoadCSVClauseContext) {
    reject("load-csv", "LOAD CSV is not allowed: the tool only reads the telemetry graph.");
  }
  if (inner instanceof Cypher.ForeachClauseContext) {
    reject("foreach", "FOREACH is not allowed (it exists to write data); use UNWIND to iterate a list.");
  }
  if (inner instanceof Cypher.UseClauseContext) {
    reject("use", "USE is not allowed: the tool chooses the graph; remove the USE clause.");
  }
  if (inner instanceof Cypher.OrderBySkipLimitClauseContext) {
    reject("unsupported-clause", "Put ORDER BY, SKIP and LIMIT after RETURN or WITH.");
  }
  reject("unsupported-clause", `${clauseKeyword(inner)} is not supported. ${READ_ONLY}`);
}

function clauseKeyword(node: ParseTree): string {
  const first = node instanceof ParserRuleContext ? node.start?.text : node.getText();
  return (first ?? "This clause").toUpperCase();
}

function buildMatch(ctx: InstanceType<typeof Cypher.MatchClauseContext>): Clause {
  const c = new Cursor(kids(ctx), "MATCH");
  const optional = c.acceptToken(P.OPTIONAL);
  c.expectToken(P.MATCH);
  if (c.accept(Cypher.MatchModeContext)) {
    reject("unsupported-pattern", "Match modes (REPEATABLE/DIFFERENT …) are not supported; remove them.");
  }
  const list = c.expect(Cypher.PatternListContext);
  if (c.accept(Cypher.HintContext)) reject("unsupported-clause", "Planner hints (USING …) are not supported.");
  const where = c.accept(Cypher.WhereClauseContext);
  if (c.accept(Cypher.SearchClauseContext)) reject("unsupported-clause", "SEARCH is not supported.");
  c.end();
  const patterns: PathPattern[] = [];
  const l = new Cursor(kids(list), "MATCH");
  patterns.push(buildPattern(l.expect(Cypher.PatternContext)));
  while (!l.done()) {
    l.expectToken(P.COMMA);
    patterns.push(buildPattern(l.expect(Cypher.PatternContext)));
  }
  return { kind: "match", optional, patterns, where: where ? buildWhere(where) : null };
}

function buildWhere(ctx: InstanceType<typeof Cypher.WhereClauseContext>): Expr {
  const c = new Cursor(kids(ctx), "WHERE");
  c.expectToken(P.WHERE);
  const expr = buildExpr(c.expect(Cypher.ExpressionContext));
  c.end();
  return expr;
}

function buildPattern(ctx: InstanceType<typeof Cypher.PatternContext>): PathPattern {
  const c = new Cursor(kids(ctx), "a pattern");
  let pathVariable: string | null = null;
  const v = c.accept(Cypher.VariableContext);
  if (v) {
    pathVariable = buildVariable(v);
    c.expectToken(P.EQ);
  }
  if (c.accept(Cypher.PathPatternPrefixContext)) {
    reject("unsupported-pattern", "Path selectors (SHORTEST, ANY, ALL …) are not supported; match a bounded path.");
  }
  const anonymous = c.expect(Cypher.AnonymousPatternContext);
  c.end();
  const a = new Cursor(kids(anonymous), "a pattern");
  if (a.accept(Cypher.ShortestPathPatternContext)) rejectShortestPath();
  const element = a.expect(Cypher.PatternElementContext);
  a.end();
  const e = new Cursor(kids(element), "a pattern");
  const start = buildNode(expectNode(e));
  const steps: PathPattern["steps"] = [];
  while (!e.done()) {
    const rel = e.accept(Cypher.RelationshipPatternContext);
    if (!rel) expectNode(e);
    if (e.accept(Cypher.QuantifierContext)) {
      reject("unsupported-pattern", "Quantified path patterns are not supported: write -[:TYPE*1..3]-> instead.");
    }
    steps.push({
      rel: buildRel(rel as InstanceType<typeof Cypher.RelationshipPatternContext>),
      node: buildNode(expectNode(e)),
    });
  }
  return { pathVariable, start, steps };
}

function expectNode(c: Cursor): InstanceType<typeof Cypher.NodePatternContext> {
  if (c.accept(Cypher.ParenthesizedPathContext)) {
    reject(
      "unsupported-pattern",
      "Parenthesized path patterns are not supported: write a plain pattern (a)-[:R]->(b).",
    );
  }
  const node = c.accept(Cypher.NodePatternContext);
  if (!node) {
    reject("unsupported-pattern", "A pattern must alternate nodes and relationships, like (a)-[:R]->(b).");
  }
  return node;
}

function rejectShortestPath(): never {
  reject(
    "unsupported-pattern",
    "shortestPath/allShortestPaths are not supported: match a bounded path p = (a)-[:R*1..4]->(b) and ORDER BY length(p) LIMIT 1.",
  );
}

function buildNode(ctx: InstanceType<typeof Cypher.NodePatternContext>): NodePattern {
  const c = new Cursor(kids(ctx), "a node pattern");
  c.expectToken(P.LPAREN);
  const v = c.accept(Cypher.VariableContext);
  const labels = c.accept(Cypher.LabelExpressionContext);
  const props = c.accept(Cypher.PropertiesContext);
  if (isToken(c.peek(), P.WHERE)) {
    reject(
      "unsupported-pattern",
      "WHERE inside a node pattern is not supported: move the condition to the MATCH's WHERE.",
    );
  }
  c.expectToken(P.RPAREN);
  c.end();
  const labelList = labels ? buildLabels(labels, "node") : [];
  if (labelList.length > 1) {
    reject("unsupported-pattern", "A node may have one label: write (n:Span), not several labels.");
  }
  return {
    variable: v ? buildVariable(v) : null,
    label: labelList[0] ?? null,
    properties: props ? buildProperties(props) : null,
  };
}

function buildRel(ctx: InstanceType<typeof Cypher.RelationshipPatternContext>): RelPattern {
  const c = new Cursor(kids(ctx), "a relationship pattern");
  const left = c.accept(Cypher.LeftArrowContext) !== null;
  c.expect(Cypher.ArrowLineContext);
  let variable: string | null = null;
  let types: string[] = [];
  let length: RelPattern["length"] = null;
  let properties: MapEntry[] | null = null;
  if (c.acceptToken(P.LBRACKET)) {
    const v = c.accept(Cypher.VariableContext);
    if (v) variable = buildVariable(v);
    const labels = c.accept(Cypher.LabelExpressionContext);
    if (labels) types = buildLabels(labels, "relationship");
    const len = c.accept(Cypher.PathLengthContext);
    if (len) length = buildPathLength(len);
    const props = c.accept(Cypher.PropertiesContext);
    if (props) properties = buildProperties(props);
    if (isToken(c.peek(), P.WHERE)) {
      reject(
        "unsupported-pattern",
        "WHERE inside a relationship pattern is not supported: move the condition to the MATCH's WHERE.",
      );
    }
    c.expectToken(P.RBRACKET);
  }
  c.expect(Cypher.ArrowLineContext);
  const right = c.accept(Cypher.RightArrowContext) !== null;
  c.end();
  if (left && right) reject("unsupported-pattern", "<-[]-> is not supported: use -[]- for either direction.");
  return { variable, types, direction: left ? "in" : right ? "out" : "either", length, properties };
}

function buildPathLength(ctx: InstanceType<typeof Cypher.PathLengthContext>): { min: number; max: number | null } {
  const c = new Cursor(kids(ctx), "a variable-length relationship");
  c.expectToken(P.TIMES);
  const int = (node: ParseTree): number => {
    const value = decodeInteger(node.getText());
    if (value > 1_000_000n) reject("too-many-hops", `${node.getText()} hops is far beyond any useful path length.`);
    return Number(value);
  };
  if (c.done()) return { min: 1, max: null };
  let min: number | null = null;
  if (isToken(c.peek(), P.UNSIGNED_DECIMAL_INTEGER)) min = int(c.next());
  if (!c.acceptToken(P.DOTDOT)) {
    c.end();
    if (min === null) unexpected(c.peek(), "a variable-length relationship");
    return { min, max: min };
  }
  const max = isToken(c.peek(), P.UNSIGNED_DECIMAL_INTEGER) ? int(c.next()) : null;
  c.end();
  return { min: min ?? 1, max };
}

/** Label or relationship-type names: `:A` (nodes) or `:A|B` (relationships); anything richer is rejected. */
function buildLabels(ctx: InstanceType<typeof Cypher.LabelExpressionContext>, of: "node" | "relationship"): string[] {
  const advice =
    of === "node"
      ? "Label expressions are not supported: write one label, like (n:Span)."
      : "Type expressions are not supported: write one type or alternatives, like -[:CALLS|CHILD_OF]->.";
  const c = new Cursor(kids(ctx), "a label");
  if (!c.acceptToken(P.COLON)) reject("unsupported-pattern", advice);
  const four = c.expect(Cypher.LabelExpression4Context);
  c.end();
  const names: string[] = [];
  const f = new Cursor(kids(four), "a label");
  for (;;) {
    const three = f.accept(Cypher.LabelExpression3Context);
    if (!three) reject("unsupported-pattern", advice);
    const threeKids = kids(three);
    // `:A:B` or `:A&B` on a node means several labels, which Kuzu and Neo4j read differently.
    if (threeKids.length !== 1) reject("unsupported-pattern", advice);
    const two = threeKids[0];
    if (!(two instanceof Cypher.LabelExpression2Context) || kids(two).length !== 1) {
      reject("unsupported-pattern", advice);
    }
    const one = kids(two)[0];
    if (!(one instanceof Cypher.LabelNameContext)) reject("unsupported-pattern", advice);
    names.push(buildSymbolicName(one.symbolicNameString()));
    if (f.done()) break;
    f.expectToken(P.BAR);
    if (of === "node") reject("unsupported-pattern", advice);
    f.acceptToken(P.COLON);
  }
  return names;
}

function buildProperties(ctx: InstanceType<typeof Cypher.PropertiesContext>): MapEntry[] {
  const c = new Cursor(kids(ctx), "a property map");
  const map = c.accept(Cypher.MapContext);
  if (!map) {
    reject("unsupported-pattern", "A parameter as a property map is not supported: write {key: $value} instead.");
  }
  c.end();
  return buildMapEntries(map);
}

function buildMapEntries(ctx: InstanceType<typeof Cypher.MapContext>): MapEntry[] {
  const c = new Cursor(kids(ctx), "a map");
  c.expectToken(P.LCURLY);
  const entries: MapEntry[] = [];
  while (!c.acceptToken(P.RCURLY)) {
    if (entries.length > 0) c.expectToken(P.COMMA);
    const key = buildSymbolicName(c.expect(Cypher.PropertyKeyNameContext).symbolicNameString());
    c.expectToken(P.COLON);
    entries.push({ key, value: buildExpr(c.expect(Cypher.ExpressionContext)) });
  }
  c.end();
  const keys = new Set(entries.map((e) => e.key));
  if (keys.size !== entries.length) reject("unsupported-expression", "A map must not repeat a key.");
  return entries;
}

function buildProjection(ctx: InstanceType<typeof Cypher.ReturnBodyContext>, clause: string): Projection {
  const c = new Cursor(kids(ctx), clause);
  const distinct = c.acceptToken(P.DISTINCT);
  if (!distinct) c.acceptToken(P.ALL);
  const itemsCtx = c.expect(Cypher.ReturnItemsContext);
  if (c.accept(Cypher.GroupByContext))
    reject("unsupported-clause", "GROUP BY is not supported: Cypher groups by the non-aggregated items.");
  const order = c.accept(Cypher.OrderByContext);
  const skip = c.accept(Cypher.SkipContext);
  const limit = c.accept(Cypher.LimitContext);
  c.end();
  const ic = new Cursor(kids(itemsCtx), clause);
  const star = ic.acceptToken(P.TIMES);
  const items: Projection["items"] = [];
  while (!ic.done()) {
    if (star || items.length > 0) ic.expectToken(P.COMMA);
    const item = ic.expect(Cypher.ReturnItemContext);
    const it = new Cursor(kids(item), clause);
    const exprCtx = it.expect(Cypher.ExpressionContext);
    const expr = buildExpr(exprCtx);
    let alias: string | null = null;
    if (it.acceptToken(P.AS)) alias = buildVariable(it.expect(Cypher.VariableContext));
    // The printed expression differs from the written one, so a RETURN column keeps the name the model wrote.
    else if (clause === "RETURN" && expr.k !== "var") alias = sourceText(exprCtx);
    it.end();
    items.push({ expr, alias });
  }
  const orderBy: Projection["orderBy"] = [];
  if (order) {
    const o = new Cursor(kids(order), "ORDER BY");
    o.expectToken(P.ORDER);
    o.expectToken(P.BY);
    while (!o.done()) {
      if (orderBy.length > 0) o.expectToken(P.COMMA);
      const oi = new Cursor(kids(o.expect(Cypher.OrderItemContext)), "ORDER BY");
      const expr = buildExpr(oi.expect(Cypher.ExpressionContext));
      const descending = oi.accept(Cypher.DescTokenContext) !== null;
      if (!descending) oi.accept(Cypher.AscTokenContext);
      oi.end();
      orderBy.push({ expr, descending });
    }
  }
  const skipOrLimit = (node: Ctx | null, keyword: number, alt?: number): Expr | null => {
    if (!node) return null;
    const s = new Cursor(kids(node), "SKIP/LIMIT");
    if (!s.acceptToken(keyword) && (alt === undefined || !s.acceptToken(alt))) unexpected(s.peek(), "SKIP/LIMIT");
    const expr = buildExpr(s.expect(Cypher.ExpressionContext));
    s.end();
    return expr;
  };
  return {
    distinct,
    star,
    items,
    orderBy,
    skip: skipOrLimit(skip, P.SKIPROWS, P.OFFSET),
    limit: skipOrLimit(limit, P.LIMITROWS),
  };
}

// Expressions -------------------------------------------------------------------------------------------------

/** Left-associative chains `a OP b OP c` share one reader. */
function chain(
  ctx: Ctx,
  where: string,
  operand: (c: Ctx) => Expr,
  ops: Record<number, string>,
): { first: Expr; rest: { op: string; e: Expr }[] } {
  const c = new Cursor(kids(ctx), where);
  const readOperand = (): Expr => {
    const node = c.next();
    if (!(node instanceof ParserRuleContext)) unexpected(node, where);
    return operand(node);
  };
  const first = readOperand();
  const rest: { op: string; e: Expr }[] = [];
  while (!c.done()) {
    const opNode = c.next();
    const op = ops[tokenType(opNode) ?? -1];
    if (op === undefined) unexpected(opNode, where);
    rest.push({ op, e: readOperand() });
  }
  return { first, rest };
}

export function buildExpr(ctx: Ctx): Expr {
  if (!(ctx instanceof Cypher.ExpressionContext)) unexpected(ctx, "an expression");
  return logic(ctx, "OR", P.OR, (c) => logic(c, "XOR", P.XOR, (d) => logic(d, "AND", P.AND, buildNot)));
}

function logic(ctx: Ctx, op: "OR" | "XOR" | "AND", token: number, operand: (c: Ctx) => Expr): Expr {
  const { first, rest } = chain(ctx, "an expression", operand, { [token]: op });
  if (rest.length === 0) return first;
  return { k: "logic", op, args: [first, ...rest.map((r) => r.e)] };
}

function buildNot(ctx: Ctx): Expr {
  const c = new Cursor(kids(ctx), "an expression");
  let nots = 0;
  while (c.acceptToken(P.NOT)) nots += 1;
  let expr = buildComparison(c.expect(Cypher.Expression8Context));
  c.end();
  for (let i = 0; i < nots; i++) expr = { k: "not", arg: expr };
  return expr;
}

const COMPARISON: Record<number, ComparisonOp> = {
  [P.EQ]: "=",
  [P.NEQ]: "<>",
  [P.LT]: "<",
  [P.GT]: ">",
  [P.LE]: "<=",
  [P.GE]: ">=",
};

function buildComparison(ctx: Ctx): Expr {
  for (const child of kids(ctx)) {
    if (isToken(child, P.INVALID_NEQ)) reject("syntax", "`!=` is not Cypher: write `<>` for not equal.");
  }
  const { first, rest } = chain(ctx, "a comparison", buildPredicate, COMPARISON);
  if (rest.length === 0) return first;
  const [only] = rest;
  if (rest.length > 1 || only === undefined) {
    reject("unsupported-expression", "Chained comparisons are not supported: write a < b AND b < c.");
  }
  return { k: "compare", op: only.op as ComparisonOp, left: first, right: only.e };
}

function buildPredicate(ctx: Ctx): Expr {
  const c = new Cursor(kids(ctx), "an expression");
  const left = buildAdditive(c.expect(Cypher.Expression6Context));
  const cmp = c.accept(Cypher.ComparisonExpression6Context);
  c.end();
  if (!cmp) return left;
  if (cmp instanceof Cypher.StringAndListComparisonContext) {
    const s = new Cursor(kids(cmp), "a comparison");
    let op: StringListOp;
    if (s.acceptToken(P.REGEQ)) op = "=~";
    else if (s.acceptToken(P.STARTS)) {
      s.expectToken(P.WITH);
      op = "STARTS WITH";
    } else if (s.acceptToken(P.ENDS)) {
      s.expectToken(P.WITH);
      op = "ENDS WITH";
    } else if (s.acceptToken(P.CONTAINS)) op = "CONTAINS";
    else {
      s.expectToken(P.IN);
      op = "IN";
    }
    const right = buildAdditive(s.expect(Cypher.Expression6Context));
    s.end();
    return { k: "stringList", op, left, right };
  }
  if (cmp instanceof Cypher.NullComparisonContext) {
    const s = new Cursor(kids(cmp), "IS NULL");
    s.expectToken(P.IS);
    const negated = s.acceptToken(P.NOT);
    s.expectToken(P.NULL);
    s.end();
    return { k: "isNull", negated, arg: left };
  }
  if (cmp instanceof Cypher.LabelComparisonContext) {
    reject(
      "unsupported-expression",
      "Label checks in expressions (n:Label) are not supported: put the label in the pattern, (n:Label).",
    );
  }
  reject("unsupported-expression", "Type and normalization predicates (IS :: …, IS NORMALIZED) are not supported.");
}

function buildAdditive(ctx: Ctx): Expr {
  for (const child of kids(ctx)) {
    if (isToken(child, P.DOUBLEBAR))
      reject("unsupported-expression", "`||` is not supported: concatenate strings with +.");
  }
  return arith(ctx, { [P.PLUS]: "+", [P.MINUS]: "-" }, (c) =>
    arith(c, { [P.TIMES]: "*", [P.DIVIDE]: "/", [P.PERCENT]: "%" }, (d) => arith(d, { [P.POW]: "^" }, buildUnary)),
  );
}

function arith(ctx: Ctx, ops: Record<number, string>, operand: (c: Ctx) => Expr): Expr {
  const { first, rest } = chain(ctx, "arithmetic", operand, ops);
  let expr = first;
  for (const r of rest) expr = { k: "arith", op: r.op as "+", left: expr, right: r.e };
  return expr;
}

function buildUnary(ctx: Ctx): Expr {
  const c = new Cursor(kids(ctx), "an expression");
  const minus = c.acceptToken(P.MINUS);
  if (!minus) c.acceptToken(P.PLUS);
  const inner = buildPostfix(c.expect(Cypher.Expression2Context));
  c.end();
  return minus ? { k: "neg", arg: inner } : inner;
}

function buildPostfix(ctx: Ctx): Expr {
  const c = new Cursor(kids(ctx), "an expression");
  let expr = buildAtom(c.expect(Cypher.Expression1Context));
  while (!c.done()) {
    const post = c.next();
    if (post instanceof Cypher.PropertyPostfixContext) {
      const prop = post.property();
      expr = { k: "prop", target: expr, key: buildSymbolicName(prop.propertyKeyName().symbolicNameString()) };
      continue;
    }
    reject(
      "unsupported-expression",
      "Indexing and slicing (x[…]) are not supported: use head(), last() or a property access x.key.",
    );
  }
  return expr;
}

const KEYWORD_SUBQUERY = "EXISTS { }, COUNT { } and COLLECT { } subqueries are not supported";

function buildAtom(ctx: Ctx): Expr {
  const c = new Cursor(kids(ctx), "an expression");
  const node = c.next();
  c.end();
  if (node instanceof Cypher.LiteralContext) return buildLiteral(node);
  if (node instanceof Cypher.ParameterContext) return { k: "param", name: buildParameterName(node) };
  if (node instanceof Cypher.VariableContext) return { k: "var", name: buildVariable(node) };
  if (node instanceof Cypher.ParenthesizedExpressionContext) {
    const p = new Cursor(kids(node), "parentheses");
    p.expectToken(P.LPAREN);
    const inner = buildExpr(p.expect(Cypher.ExpressionContext));
    p.expectToken(P.RPAREN);
    p.end();
    return inner;
  }
  if (node instanceof Cypher.FunctionInvocationContext) return buildFunction(node);
  if (node instanceof Cypher.CountStarContext) return { k: "countStar" };
  if (node instanceof Cypher.ListLiteralContext) {
    const l = new Cursor(kids(node), "a list");
    l.expectToken(P.LBRACKET);
    const items: Expr[] = [];
    while (!l.acceptToken(P.RBRACKET)) {
      if (items.length > 0) l.expectToken(P.COMMA);
      items.push(buildExpr(l.expect(Cypher.ExpressionContext)));
    }
    l.end();
    return { k: "list", items };
  }
  if (node instanceof Cypher.CaseExpressionContext) {
    const k = new Cursor(kids(node), "CASE");
    k.expectToken(P.CASE);
    const whens: { when: Expr; then: Expr }[] = [];
    let alt;
    while ((alt = k.accept(Cypher.CaseAlternativeContext))) {
      const a = new Cursor(kids(alt), "CASE");
      a.expectToken(P.WHEN);
      const when = buildExpr(a.expect(Cypher.ExpressionContext));
      a.expectToken(P.THEN);
      const then = buildExpr(a.expect(Cypher.ExpressionContext));
      a.end();
      whens.push({ when, then });
    }
    const otherwise = k.acceptToken(P.ELSE) ? buildExpr(k.expect(Cypher.ExpressionContext)) : null;
    k.expectToken(P.END);
    k.end();
    return { k: "case", subject: null, whens, otherwise };
  }
  if (node instanceof Cypher.ExtendedCaseExpressionContext) {
    const k = new Cursor(kids(node), "CASE");
    k.expectToken(P.CASE);
    const subject = buildExpr(k.expect(Cypher.ExpressionContext));
    const whens: { when: Expr; then: Expr }[] = [];
    let alt;
    while ((alt = k.accept(Cypher.ExtendedCaseAlternativeContext))) {
      const a = new Cursor(kids(alt), "CASE");
      a.expectToken(P.WHEN);
      const w = a.expect(Cypher.ExtendedWhenContext);
      if (!(w instanceof Cypher.WhenEqualsContext) || kids(w).length !== 1) {
        reject(
          "unsupported-expression",
          "CASE x WHEN may only list values: write CASE WHEN x > 1 THEN … for conditions.",
        );
      }
      const when = buildExpr(kids(w)[0] as Ctx);
      a.expectToken(P.THEN);
      const then = buildExpr(a.expect(Cypher.ExpressionContext));
      a.end();
      whens.push({ when, then });
    }
    const otherwise = k.acceptToken(P.ELSE) ? buildExpr(k.expect(Cypher.ExpressionContext)) : null;
    k.expectToken(P.END);
    k.end();
    return { k: "case", subject, whens, otherwise };
  }
  if (node instanceof Cypher.ListComprehensionContext) {
    const l = new Cursor(kids(node), "a list comprehension");
    l.expectToken(P.LBRACKET);
    const variable = buildVariable(l.expect(Cypher.VariableContext));
    l.expectToken(P.IN);
    const list = buildExpr(l.expect(Cypher.ExpressionContext));
    const where = l.acceptToken(P.WHERE) ? buildExpr(l.expect(Cypher.ExpressionContext)) : null;
    const map = l.acceptToken(P.BAR) ? buildExpr(l.expect(Cypher.ExpressionContext)) : null;
    l.expectToken(P.RBRACKET);
    l.end();
    return { k: "listComp", variable, list, where, map };
  }
  if (node instanceof Cypher.ListItemsPredicateContext) {
    const l = new Cursor(kids(node), "a list predicate");
    const q = l.next();
    const quant = ({ [P.ALL]: "all", [P.ANY]: "any", [P.NONE]: "none", [P.SINGLE]: "single" } as const)[
      tokenType(q) ?? -1
    ];
    if (quant === undefined) unexpected(q, "a list predicate");
    l.expectToken(P.LPAREN);
    const variable = buildVariable(l.expect(Cypher.VariableContext));
    l.expectToken(P.IN);
    const list = buildExpr(l.expect(Cypher.ExpressionContext));
    if (!l.acceptToken(P.WHERE)) reject("unsupported-expression", `${quant}(x IN list) needs a WHERE condition.`);
    const where = buildExpr(l.expect(Cypher.ExpressionContext));
    l.expectToken(P.RPAREN);
    l.end();
    return { k: "quantifier", q: quant, variable, list, where };
  }
  if (node instanceof Cypher.TrimFunctionContext) {
    const t = new Cursor(kids(node), "trim()");
    t.expectToken(P.TRIM);
    t.expectToken(P.LPAREN);
    const arg = buildExpr(t.expect(Cypher.ExpressionContext));
    if (!t.acceptToken(P.RPAREN))
      reject("unsupported-expression", "Only trim(text) is supported; use ltrim()/rtrim().");
    t.end();
    return { k: "call", name: "trim", distinct: false, args: [arg] };
  }
  if (
    node instanceof Cypher.ExistsExpressionContext ||
    node instanceof Cypher.CountExpressionContext ||
    node instanceof Cypher.CollectExpressionContext
  ) {
    reject("subquery", `${KEYWORD_SUBQUERY}: use OPTIONAL MATCH with count() or collect() and WITH.`);
  }
  if (node instanceof Cypher.PatternExpressionContext || node instanceof Cypher.PatternComprehensionContext) {
    reject(
      "unsupported-pattern",
      "Patterns inside expressions are not supported: match them with OPTIONAL MATCH and aggregate with count() or collect().",
    );
  }
  if (node instanceof Cypher.ShortestPathExpressionContext) rejectShortestPath();
  reject(
    "unsupported-expression",
    `\`${node.getText().slice(0, 40)}\` is not supported by the guard; use plain expressions and functions.`,
  );
}

function buildLiteral(ctx: InstanceType<typeof Cypher.LiteralContext>): Expr {
  if (ctx instanceof Cypher.NumericLiteralContext) {
    const text = ctx.getText();
    const num = ctx.numberLiteral();
    if (num.DECIMAL_DOUBLE()) {
      if (!/^-?([0-9]+\.[0-9]+|\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
        reject("unsupported-expression", `The number ${text} is not supported: write plain decimal digits.`);
      }
      return { k: "float", text };
    }
    const value = decodeInteger(text);
    if (value > 9223372036854775807n || value < -9223372036854775808n) {
      reject("unsupported-expression", `${text} does not fit a 64-bit integer.`);
    }
    return { k: "int", value };
  }
  if (ctx instanceof Cypher.StringsLiteralContext) return { k: "string", value: decodeStringLiteral(ctx.getText()) };
  if (ctx instanceof Cypher.BooleanLiteralContext) return { k: "bool", value: ctx.TRUE() !== null };
  if (ctx instanceof Cypher.OtherLiteralContext) return { k: "map", entries: buildMapEntries(ctx.map()) };
  if (ctx instanceof Cypher.KeywordLiteralContext && ctx.NULL()) return { k: "null" };
  reject("unsupported-expression", `The literal ${ctx.getText()} is not supported.`);
}

function buildFunction(ctx: InstanceType<typeof Cypher.FunctionInvocationContext>): Expr {
  const c = new Cursor(kids(ctx), "a function call");
  const nameCtx = c.expect(Cypher.FunctionNameContext);
  const n = new Cursor(kids(nameCtx), "a function name");
  const namespace = n.expect(Cypher.NamespaceContext);
  const name = buildSymbolicName(n.expect(Cypher.SymbolicNameStringContext));
  n.end();
  if (kids(namespace).length > 0) {
    reject(
      "unsupported-function",
      `${nameCtx.getText()}() is not allowed: only built-in functions (count, collect, size, toLower, …) are.`,
    );
  }
  c.expectToken(P.LPAREN);
  const distinct = c.acceptToken(P.DISTINCT);
  if (!distinct) c.acceptToken(P.ALL);
  const args: Expr[] = [];
  while (!c.acceptToken(P.RPAREN)) {
    if (args.length > 0) c.expectToken(P.COMMA);
    const arg = c.expect(Cypher.FunctionArgumentContext);
    args.push(buildExpr(kids(arg)[0] as Ctx));
  }
  c.end();
  return { k: "call", name, distinct, args };
}

function buildParameterName(ctx: InstanceType<typeof Cypher.ParameterContext>): string {
  const c = new Cursor(kids(ctx), "a parameter");
  c.expectToken(P.DOLLAR);
  const name = c.expect(Cypher.ParameterNameContext);
  c.end();
  const sym = name.symbolicNameString();
  if (!sym) reject("unsupported-expression", `$${name.getText()}: name parameters with letters, like $service.`);
  return buildSymbolicName(sym);
}

function sourceText(ctx: Ctx): string {
  const start = ctx.start;
  const stop = ctx.stop;
  const text = start?.inputStream && stop ? start.inputStream.getTextFromRange(start.start, stop.stop) : ctx.getText();
  return text.replace(/\s+/g, " ");
}

function buildVariable(ctx: InstanceType<typeof Cypher.VariableContext>): string {
  return decodeName(ctx.getText());
}

function buildSymbolicName(ctx: InstanceType<typeof Cypher.SymbolicNameStringContext>): string {
  return decodeName(ctx.getText());
}
