// @vitest-environment node
import { describe, expect, it } from "vitest";
import { cypherHints, deepestHops, hintText } from "../../../src/components/cypher/cypher-hints";
import { en } from "../../helpers/labels";
import { highlightCypher } from "../../../src/components/cypher/highlight-cypher";
import { GOOD_QUERY } from "./tools";

const ids = (query: string, message: string) => cypherHints(query, message).map((h) => h.id);
const hops = (query: string) => deepestHops(highlightCypher(query).filter((t) => t.kind !== "space"));

const ID_QUERY = `MATCH (v:Span {tenant_id: $tenant})
WHERE v.id = $span_id
RETURN v.service AS service`;

const DEEP_QUERY = `MATCH path = (root:Span {tenant_id: $tenant})<-[:CHILD_OF*1..6]-(leaf:Span {tenant_id: $tenant})
RETURN elementId(leaf) AS span_id`;

describe("cypherHints", () => {
  it("gives no hint for a well-formed query failing for another reason", () => {
    expect(cypherHints(GOOD_QUERY, "Connection reset by peer")).toEqual([]);
    expect(cypherHints(GOOD_QUERY, "Variable `x` not defined (line 3)")).toEqual([]);
  });

  it("(a) spots `v.id` in the query and names the variable in the advice", () => {
    const hints = cypherHints(ID_QUERY, "Something went wrong");
    expect(hints.map((h) => h.id)).toEqual(["element-id"]);
    expect(hints[0]).toEqual({ id: "element-id", variable: "v" });
    expect(hintText(en, hints[0]!).text).toBe(en.hintElementId("v"));
    expect(hintText(en, hints[0]!).text).toContain("`elementId(v)`");
  });

  it("(a) recognises the engine's message even when the query looks fine", () => {
    expect(ids(GOOD_QUERY, "Unknown property 'id' on vertex label 'Span' (line 2, column 7).")).toEqual(["element-id"]);
  });

  it("(a) ignores `.id` inside strings, comments and parameter maps", () => {
    const q =
      "MATCH (s:Span {tenant_id: $tenant}) // not s.id\nWHERE s.name = 'a.id' AND elementId(s) = $p.id RETURN s";
    expect(ids(q, "boom")).toEqual([]);
  });

  it("(b) flags a MATCH without tenant_id, or a message about tenant scoping", () => {
    expect(ids("MATCH (s:Span) WHERE s.trace_id = $trace RETURN elementId(s)", "failed")).toEqual(["tenant-scope"]);
    expect(ids(GOOD_QUERY, "Rejected: query must filter on tenant_id")).toEqual(["tenant-scope"]);
    expect(ids(GOOD_QUERY, "Query rejected: missing scope filter")).toEqual(["tenant-scope"]);
    expect(hintText(en, cypherHints("MATCH (s:Span) RETURN s", "x")[0]!).text).toContain(
      "`MATCH (s:Span {tenant_id: $tenant})`",
    );
  });

  it("(b) does not ask schema calls for a tenant, nor count tenant_id inside a comment", () => {
    expect(ids("CALL db.labels() YIELD label RETURN label", "failed")).toEqual([]);
    expect(ids("MATCH (s:Span) // tenant_id later\nRETURN s", "failed")).toEqual(["tenant-scope"]);
  });

  it("(c) explains a timeout, and a deep traversal that failed at run time", () => {
    expect(ids(GOOD_QUERY, "Query timed out after 30000 ms")).toEqual(["deep-traversal"]);
    expect(ids(DEEP_QUERY, "Query timed out after 30000 ms (multi-hop traversal over 6 hops)")).toEqual([
      "deep-traversal",
    ]);
    expect(ids(DEEP_QUERY, "Out of memory")).toEqual(["deep-traversal"]);
  });

  it("(c) stays quiet for shallow paths and for compile errors on deep ones", () => {
    expect(ids(GOOD_QUERY, "Out of memory")).toEqual([]);
    expect(ids(DEEP_QUERY, "Invalid input 'RETRUN' (line 2)")).toEqual([]);
  });

  it("combines hints when several pitfalls apply", () => {
    expect(ids("MATCH (v:Span)-[:CHILD_OF*]->(r) WHERE v.id = 1 RETURN r", "timeout")).toEqual([
      "element-id",
      "tenant-scope",
      "deep-traversal",
    ]);
  });
});

describe("deepestHops", () => {
  it("reads the upper bound of variable-length relationships only", () => {
    expect(hops("MATCH (a)-[:R*1..3]->(b)")).toBe(3);
    expect(hops("MATCH (a)-[:R*4]->(b)")).toBe(4);
    expect(hops("MATCH (a)-[*..5]->(b)")).toBe(5);
    expect(hops("MATCH (a)<-[:R*2..]-(b)")).toBe(Infinity);
    expect(hops("MATCH (a)-[:R*]->(b)")).toBe(Infinity);
    expect(hops("MATCH (a)-[:R]->(b) RETURN [x IN a.xs | x * 10]")).toBe(0);
  });
});

describe("cypherHints with the host's tenant property", () => {
  it("looks for that property and words the hint with it", () => {
    const options = { tenantProperty: "org_id", tenantParameter: "org" };
    expect(cypherHints("MATCH (s:Span {org_id: $org}) RETURN s", "failed", options)).toEqual([]);
    const [hint] = cypherHints("MATCH (s:Span {tenant_id: $tenant}) RETURN s", "failed", options);
    expect(hint).toEqual({ id: "tenant-scope", property: "org_id", parameter: "org" });
    expect(hintText(en, hint!).text).toContain("`org_id = $org`");
  });
});
