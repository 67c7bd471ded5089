// @vitest-environment node
import { describe, expect, it } from "vitest";
import { highlightCypher } from "../../../src/components/cypher/highlight-cypher";
import { querySummary } from "../../../src/components/cypher/query-summary";
import { oneLine } from "../../../src/components/tool-parts/tool-status";
import { GOOD_QUERY } from "./tools";

/** What the header showed when it ran the highlighter's tokenizer: the summary must read queries the same way. */
const byTokens = (query: string) =>
  oneLine(
    highlightCypher(query)
      .filter((t) => t.kind !== "comment")
      .map((t) => t.text)
      .join(""),
  );

const QUERIES = [
  GOOD_QUERY,
  "// find the slow spans\nMATCH (s:Span) RETURN s",
  "MATCH (a)-[:R*1..4]->(b) // trailing comment\nRETURN a",
  "MATCH (s) /* block\n comment */ WHERE s.url = 'http://x//y' RETURN s",
  "RETURN \"a // not a comment\", `odd // name`, $`p//q`, 'it\\'s // still a string'",
  "RETURN 'unterminated // string",
  "/* open comment",
  "RETURN 6 / 2 /* halve */, 1//2",
  "MATCH (n:`Weird Label`) WHERE n.x =~ '.*\\'q' RETURN n, 1.5e3, 0xFF, $0, `odd``name`",
  "😀 ¿? ∑ \t\r\n",
];

describe("querySummary", () => {
  it.each(QUERIES)("reads %j as the tokenizer does", (query) => {
    expect(querySummary(query)).toBe(byTokens(query));
  });

  it("puts the query on one line, comments dropped, and cut", () => {
    expect(querySummary("// slow spans\nMATCH (s:Span)\n  RETURN   s")).toBe("MATCH (s:Span) RETURN s");
    expect(querySummary(`RETURN ${"x".repeat(5_000)}`)).toHaveLength(120);
  });
});
