// @vitest-environment node
import { describe, expect, it } from "vitest";
import { highlightCypher, type CypherTokenKind } from "../../../src/components/cypher/highlight-cypher";

/** Tokens without whitespace, as `kind:text`. */
function kinds(query: string): string[] {
  return highlightCypher(query)
    .filter((t) => t.kind !== "space")
    .map((t) => `${t.kind}:${t.text}`);
}

function ofKind(query: string, kind: CypherTokenKind): string[] {
  return highlightCypher(query)
    .filter((t) => t.kind === kind)
    .map((t) => t.text);
}

describe("highlightCypher", () => {
  it("classifies keywords, labels, params, functions, punctuation and identifiers", () => {
    expect(kinds("MATCH (s:Span {tenant_id: $tenant}) RETURN elementId(s) AS id")).toEqual([
      "keyword:MATCH",
      "punct:(",
      "ident:s",
      "punct::",
      "label:Span",
      "punct:{",
      "ident:tenant_id",
      "punct::",
      "param:$tenant",
      "punct:}",
      "punct:)",
      "keyword:RETURN",
      "function:elementId",
      "punct:(",
      "ident:s",
      "punct:)",
      "keyword:AS",
      "ident:id",
    ]);
  });

  it("concatenates back to the exact input, whatever it is", () => {
    const inputs = [
      "MATCH (a)-[:R*1..4]->(b) // trailing comment\nRETURN a",
      "RETURN 'unterminated",
      "/* open comment",
      "MATCH (n:`Weird Label`) WHERE n.x =~ '.*\\'q' RETURN n, 1.5e3, 0xFF, $0, `odd``name`",
      "😀 ¿? ∑ \t\r\n",
      "",
    ];
    for (const input of inputs) {
      expect(
        highlightCypher(input)
          .map((t) => t.text)
          .join(""),
      ).toBe(input);
    }
  });

  it("colours strings, numbers and both comment styles", () => {
    const q = "WITH 'it''s' AS a, \"dq \\\" x\" AS b, 42 AS c, 3.14 AS d // line\n/* block */ RETURN a";
    expect(ofKind(q, "string")).toEqual(["'it'", "'s'", '"dq \\" x"']);
    expect(ofKind(q, "number")).toEqual(["42", "3.14"]);
    expect(ofKind(q, "comment")).toEqual(["// line", "/* block */"]);
  });

  it("reads variable-length ranges as numbers around a `..`", () => {
    expect(kinds("-[:CHILD_OF*0..4]->")).toEqual([
      "punct:-",
      "punct:[",
      "punct::",
      "label:CHILD_OF",
      "punct:*",
      "number:0",
      "punct:..",
      "number:4",
      "punct:]",
      "punct:->",
    ]);
  });

  it("treats relationship type alternatives and WHERE label checks as labels", () => {
    expect(ofKind("MATCH (a)-[r:CHILD_OF|EMITTED_BY]->(b) WHERE b:Service RETURN r", "label")).toEqual([
      "CHILD_OF",
      "EMITTED_BY",
      "Service",
    ]);
  });

  it("keeps map values and keyword-spelled property keys out of the label and keyword colours", () => {
    const q = "MATCH (n {limit: x, end: 1}) RETURN n.end, n.count, count(*) AS count";
    expect(ofKind(q, "label")).toEqual([]);
    expect(ofKind(q, "keyword")).toEqual(["MATCH", "RETURN", "AS"]);
    expect(ofKind(q, "function")).toEqual(["count"]);
    expect(ofKind(q, "ident")).toEqual(["n", "limit", "x", "end", "n", "end", "n", "count", "count"]);
  });

  it("marks namespaced procedure and function names as functions", () => {
    expect(ofKind("CALL db.labels() YIELD label RETURN datetime.truncate('hour', x)", "function")).toEqual([
      "db",
      "labels",
      "datetime",
      "truncate",
    ]);
  });

  it("is case-insensitive for keywords and handles unicode identifiers", () => {
    expect(kinds("match (straße:Größe) return straße")).toEqual([
      "keyword:match",
      "punct:(",
      "ident:straße",
      "punct::",
      "label:Größe",
      "punct:)",
      "keyword:return",
      "ident:straße",
    ]);
  });
});
