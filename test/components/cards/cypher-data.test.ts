// @vitest-environment node
import { describe, expect, it } from "vitest";
import { cellText } from "../../../src/components/cypher/cell-value";
import { csvField, toCsv } from "../../../src/components/cypher/csv";
import { parseBlocks, parseCypherResult } from "../../../src/components/cypher/cypher-result";
import { isCypherTool, looksLikeCypher } from "../../../src/components/cypher/is-cypher-tool";
import { compactJson } from "../../../src/components/tool-parts/compact-json";
import { ExactInteger } from "../../../src/protocol/exact-json";
import { mulberry32 } from "../../helpers/rng";
import { GOOD_QUERY, jsonResult, tool } from "./tools";

const node = (id: number, service: string) => ({
  elementId: `4:g:${id}`,
  labels: ["Span"],
  properties: { tenant_id: "acme", service, duration_ms: id * 10 },
});
const rel = (id: number, from: number, to: number) => ({
  elementId: `5:g:${id}`,
  type: "CHILD_OF",
  startNodeElementId: `4:g:${from}`,
  endNodeElementId: `4:g:${to}`,
  properties: {},
});

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes or line breaks and doubles inner quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(false)).toBe("false");
    expect(csvField({ a: [1, "x"] })).toBe('"{""a"":[1,""x""]}"');
  });

  it('keeps null (empty) distinct from "" (quoted empty)', () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField("")).toBe('""');
  });

  it("writes a header and CRLF-separated rows in column order", () => {
    const csv = toCsv(
      ["id", "note"],
      [
        { note: "x, y", id: 1 },
        { id: 2, note: null },
        { id: 3, note: "" },
      ],
    );
    expect(csv).toBe('id,note\r\n1,"x, y"\r\n2,\r\n3,""');
  });
});

describe("CSV and spreadsheet formulas (OWASP CSV injection)", () => {
  it("prefixes text that a spreadsheet would run as a formula with '", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe('"\'\r=1"');
    // Column names too.
    expect(toCsv(["=cmd()"], [{ "=cmd()": 1 }])).toBe("'=cmd()\r\n1");
  });

  it("keeps negative numbers as numbers and leaves ordinary text alone", () => {
    expect(csvField(-42)).toBe("-42");
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(new ExactInteger("-9223372036854775808"))).toBe("-9223372036854775808");
    expect(csvField("-42")).toBe("-42");
    expect(csvField("-1.5e3")).toBe("-1.5e3");
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("user@example.com")).toBe("user@example.com");
    expect(csvField({ a: "=1" })).toBe('"{""a"":""=1""}"');
  });

  it("never lets a generated cell start a formula", () => {
    const random = mulberry32(0xc5f);
    const alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", ",", '"', "'", "a", "1", " ", "(", ")", "."];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      const field = csvField(text);
      const content = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
      const risky = /^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text);
      // Nothing is lost: the text as it was, behind a ' when it could start a formula.
      expect(content, JSON.stringify(text)).toBe(risky ? `'${text}` : text);
    }
  });
});

describe("columns named like Object.prototype members", () => {
  it("read only the row's own keys, in the table data and in CSV", () => {
    const parsed = parseBlocks([
      {
        type: "text",
        text: '{"columns":["constructor","toString","__proto__","hasOwnProperty"],"rows":[{"constructor":1},{"toString":"x","__proto__":2},{}]}',
      },
    ]);
    expect(toCsv(parsed.table?.columns ?? [], parsed.table?.rows ?? [])).toBe(
      "constructor,toString,__proto__,hasOwnProperty\r\n1,,,\r\n,x,2,\r\n,,,",
    );
    const union = parseBlocks([{ type: "text", text: '[{"valueOf":1},{"__proto__":{"a":1}}]' }]);
    expect(union.table?.columns).toEqual(["valueOf", "__proto__"]);
    expect(toCsv(union.table?.columns ?? [], union.table?.rows ?? [])).toBe('valueOf,__proto__\r\n1,\r\n,"{""a"":1}"');
  });
});

describe("cellText", () => {
  it("distinguishes null, empty string and missing", () => {
    expect(cellText(null)).toMatchObject({ kind: "null", text: "null" });
    expect(cellText("")).toMatchObject({ kind: "empty", text: '""' });
    expect(cellText(undefined)).toMatchObject({ kind: "missing", text: "" });
    expect(cellText("null")).toMatchObject({ kind: "string", text: "null" });
  });

  it("shortens long strings and nested values, offering the full value", () => {
    const long = cellText("x".repeat(200));
    expect(long.text).toHaveLength(80);
    expect(long.expandable).toBe(true);
    expect(cellText({ a: 1 })).toEqual({ kind: "json", text: '{"a":1}', expandable: false, clip: false });
    expect(cellText(node(1, "db")).text).toBe('(:Span {service: "db", duration_ms: 10})');
  });

  it("stops serialising a huge value once the budget is spent", () => {
    const huge = { rows: Array.from({ length: 100_000 }, (_, i) => ({ i })) };
    const json = compactJson(huge, 80);
    expect(json.truncated).toBe(true);
    expect(json.text.length).toBe(80);
    expect(json.text.startsWith('{"rows":[{"i":0},{"i":1}')).toBe(true);
  });
});

describe("parseCypherResult", () => {
  it("takes columns from `columns`, else the union of row keys in first-seen order", () => {
    expect(
      parseBlocks([{ type: "text", text: JSON.stringify({ columns: ["b", "a"], rows: [{ a: 1, b: 2 }] }) }]).table
        ?.columns,
    ).toEqual(["b", "a"]);
    const parsed = parseBlocks([{ type: "text", text: JSON.stringify([{ a: 1 }, { c: 3, a: 2 }, { b: null }]) }]);
    expect(parsed.table?.columns).toEqual(["a", "c", "b"]);
    expect(parsed.table?.rows).toHaveLength(3);
  });

  it("pairs array rows with declared columns", () => {
    const parsed = parseBlocks([
      {
        type: "text",
        text: JSON.stringify({
          columns: ["x", "y"],
          rows: [
            [1, "a"],
            [2, null],
          ],
        }),
      },
    ]);
    expect(parsed.table?.rows).toEqual([
      { x: 1, y: "a" },
      { x: 2, y: null },
    ]);
  });

  it("reads the elapsed time under any of its spellings", () => {
    expect(parseBlocks([{ type: "text", text: '{"rows":[],"elapsed_ms":12}' }]).elapsedMs).toBe(12);
    expect(parseBlocks([{ type: "text", text: '{"rows":[],"elapsedMs":13}' }]).elapsedMs).toBe(13);
    expect(parseBlocks([{ type: "text", text: '{"rows":[],"took_ms":14}' }]).elapsedMs).toBe(14);
    expect(parseBlocks([{ type: "text", text: '{"rows":[]}' }]).elapsedMs).toBeNull();
  });

  it("keeps non-JSON text as text", () => {
    const parsed = parseBlocks([{ type: "text", text: "Query timed out" }]);
    expect(parsed).toMatchObject({ text: "Query timed out", raw: undefined, table: null, graph: null });
  });

  it("parses each result once", () => {
    const r = jsonResult({ rows: [{ a: 1 }] });
    expect(parseCypherResult(r)).toBe(parseCypherResult(r));
  });

  it("finds nodes and relationships in rows, lists and paths, each once", () => {
    const rows = [
      { s: node(1, "api"), r: rel(9, 1, 2), t: node(2, "db") },
      { path: [node(1, "api"), rel(9, 1, 2), node(2, "db")] },
      { p: { nodes: [node(3, "cache")], relationships: [] } },
    ];
    const graph = parseBlocks([{ type: "text", text: JSON.stringify({ rows }) }]).graph;
    expect(graph?.nodes.map((n) => n.elementId)).toEqual(["4:g:1", "4:g:2", "4:g:3"]);
    expect(graph?.relationships.map((r) => r.type)).toEqual(["CHILD_OF"]);
  });

  it("reads a top-level {nodes, relationships} as a graph without a table", () => {
    const parsed = parseBlocks([
      { type: "text", text: JSON.stringify({ nodes: [node(1, "api")], relationships: [rel(2, 1, 1)] }) },
    ]);
    expect(parsed.table).toBeNull();
    expect(parsed.graph?.nodes).toHaveLength(1);
    expect(parsed.graph?.relationships).toHaveLength(1);
  });

  it("sees no graph in plain rows", () => {
    expect(
      parseBlocks([{ type: "text", text: JSON.stringify([{ elementId: "x", service: "api" }]) }]).graph,
    ).toBeNull();
  });
});

describe("isCypherTool", () => {
  it("matches tools named like cypher", () => {
    expect(isCypherTool(tool({ name: "run_cypher", input: {} }))).toBe(true);
    expect(isCypherTool(tool({ name: "CypherQuery", input: {} }))).toBe(true);
  });

  it("matches other tools whose query or cypher input is Cypher", () => {
    expect(isCypherTool(tool({ name: "graph_query", input: { query: GOOD_QUERY } }))).toBe(true);
    expect(
      isCypherTool(tool({ name: "q", input: { cypher: "// why\nCALL db.labels() YIELD label RETURN label" } })),
    ).toBe(true);
    expect(isCypherTool(tool({ name: "q", input: { query: "UNWIND $ids AS id RETURN id" } }))).toBe(true);
  });

  it("leaves prose, SQL and non-string inputs alone", () => {
    expect(
      isCypherTool(tool({ name: "search_docs", input: { query: "match spans and return the slowest with a limit" } })),
    ).toBe(false);
    expect(
      isCypherTool(tool({ name: "sql", input: { query: "WITH t AS (SELECT * FROM spans) SELECT count(*) FROM t" } })),
    ).toBe(false);
    expect(isCypherTool(tool({ name: "describe_schema", input: { labels: true } }))).toBe(false);
    expect(isCypherTool(tool({ name: "x", input: { query: 42 } }))).toBe(false);
    expect(looksLikeCypher("")).toBe(false);
  });
});

describe("keyProperties with the host's graph conventions", () => {
  it("puts the host's caption keys first and leaves its tenant property out", async () => {
    const { keyProperties } = await import("../../../src/components/cypher/graph-data");
    const props = { org_id: "acme", name: "checkout", team: "payments", zone: "eu" };
    expect(keyProperties(props, 2, { captionKeys: ["zone", "team"], hidden: "org_id" })).toEqual([
      ["zone", "eu"],
      ["team", "payments"],
    ]);
    expect(keyProperties(props, 4).map(([k]) => k)).toEqual(["name", "org_id", "team", "zone"]);
  });
});
