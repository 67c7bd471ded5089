// @vitest-environment node
import { describe, expect, it } from "vitest";
import { spanRows } from "../../../bench/lib/event-fixtures";
import { parseBlocks } from "../../../src/components/cypher/cypher-result";
import { glanceAtJson } from "../../../src/components/cypher/result-glance";

const node = { elementId: "4:g:1", labels: ["Span"], properties: { service: "api" } };

/** Results in every shape the card reads, and some it does not. */
const TEXTS = [
  JSON.stringify({ rows: [{ a: 1 }, { a: 2, b: null }], elapsed_ms: 1840 }),
  JSON.stringify([{ a: 1 }, { b: "x" }, {}]),
  JSON.stringify({
    columns: ["a", "b"],
    rows: [
      [1, "x"],
      [2, "y"],
    ],
    took_ms: 12.5,
  }),
  JSON.stringify({ keys: ["a"], records: [[1], [2], [3]] }),
  JSON.stringify({ columns: [1, 2], rows: [[1, 2]] }), // columns not names: no table
  JSON.stringify({ rows: [[1, 2]] }), // arrays without columns: no table
  JSON.stringify({ rows: null, records: [{ a: 1 }], elapsedMs: 3 }), // `??` skips null
  JSON.stringify({ rows: "n/a", records: [{ a: 1 }] }), // … but not a string
  JSON.stringify({ data: [{ a: '[{"rows": [1]}]' }, { a: '\\"}' }] }), // brackets and quotes inside strings
  JSON.stringify({ rows: [{ a: 1 }, 2, "three", true, null] }),
  JSON.stringify({ rows: [] }),
  JSON.stringify([]),
  JSON.stringify({}),
  JSON.stringify([1, 2, 3]),
  JSON.stringify([[{ a: 1 }]]),
  JSON.stringify({ nodes: [node], relationships: [] }),
  JSON.stringify({ meta: { rows: [{ a: 1 }], elapsed_ms: 9 }, elapsed_ms: "slow", took_ms: -1, tookMs: 4 }),
  JSON.stringify({ "r\u006fws": [{ a: 1 }] }).replace("rows", "r\\u006fws"), // escaped member name
  JSON.stringify({ rows: [{ a: 1 }], rows2: [], elapsed_ms: 1e3 }),
  '{"rows": [{"a": 1}], "rows": [{"a": 1}, {"a": 2}]}', // the last duplicate wins, as in JSON.parse
  '  \n {"rows" : [ {"a":1} , {"a":2} ] , "elapsed_ms" : 7 }  \n',
  JSON.stringify({ rows: spanRows(300), elapsed_ms: 1840 }),
];

/** Not JSON, or not an array or object: no glance (the header says "done", as the parse does). */
const NOT_JSON = [
  "",
  "Connection reset by peer",
  '"a string"',
  "42",
  '{"rows": [{"a": 1}]', // cut off
  '{"rows": [{"a": "unterminated}]}',
  '{"rows": [{"a": 1}]]}',
  '{"rows": [{"a": 1}]} trailing',
  "[1, 2]]",
];

describe("glanceAtJson", () => {
  it.each(TEXTS.map((t) => [t.length > 80 ? `${t.slice(0, 77)}…` : t, t]))(
    "reads %s as the full parse does",
    (_, text) => {
      const parsed = parseBlocks([{ type: "text", text }]);
      expect(glanceAtJson(text)).toEqual({ rows: parsed.table?.rows.length ?? null, elapsedMs: parsed.elapsedMs });
    },
  );

  it.each(NOT_JSON)("has nothing to say about %j", (text) => {
    expect(glanceAtJson(text)).toBeNull();
    expect(parseBlocks([{ type: "text", text }]).table).toBeNull();
  });

  it("counts 10,000 rows of a 1.9 MB result", () => {
    const text = JSON.stringify({ rows: spanRows(10_000), elapsed_ms: 1840 });
    expect(glanceAtJson(text)).toEqual({ rows: 10_000, elapsedMs: 1840 });
  });
});
