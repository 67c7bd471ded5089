import { describe, expect, it } from "vitest";
import { kuzuValueToJson, UnsafeIntegerError, type KuzuSchema } from "../../src/cypher/kuzu-values.js";

const SCHEMA: KuzuSchema = new Map([
  [
    "Span",
    new Map([
      ["uid", "STRING"],
      ["count", "INT64"],
      ["ratio", "DOUBLE"],
      ["day", "DATE"],
      ["span_id64", "INT128"],
    ]),
  ],
  ["CHILD_OF", new Map([["tenant_id", "STRING"]])],
]);

/** Values shaped as Kuzu's Node.js binding hands them over. */
const spanValue = (offset: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  uid: `acme/t/${offset}`,
  count: 3,
  ratio: 1e300,
  day: new Date(Date.UTC(2026, 0, 2)),
  span_id64: 6548116860245011007n,
  error_message: null,
  _label: "Span",
  _id: { offset, table: 2 },
  ...extra,
});

describe("kuzuValueToJson", () => {
  it("maps nodes, relationships and paths to Neo4j's JSON shape", () => {
    expect(kuzuValueToJson(spanValue(5), "NODE", "s", SCHEMA)).toEqual({
      elementId: "2:5",
      labels: ["Span"],
      properties: { uid: "acme/t/5", count: 3, ratio: 1e300, day: "2026-01-02", span_id64: 6548116860245011007n },
    });
    const rel = {
      tenant_id: "acme",
      _src: { offset: 5, table: 2 },
      _dst: { offset: 4, table: 2 },
      _label: "CHILD_OF",
      _id: { offset: 9, table: 5 },
    };
    expect(kuzuValueToJson(rel, "REL", "c", SCHEMA)).toEqual({
      elementId: "5:9",
      type: "CHILD_OF",
      startNodeElementId: "2:5",
      endNodeElementId: "2:4",
      properties: { tenant_id: "acme" },
    });
    const path = kuzuValueToJson(
      { _nodes: [spanValue(5), null, spanValue(4)], _rels: [rel, 7] },
      "RECURSIVE_REL",
      "p",
      SCHEMA,
    );
    expect(path).toMatchObject({
      nodes: [{ elementId: "2:5" }, { elementId: "2:4" }],
      relationships: [{ elementId: "5:9" }],
    });
    expect(kuzuValueToJson({ offset: 3, table: 1 }, "INTERNAL_ID", "id", SCHEMA)).toBe("1:3");
  });

  it("fails on a 64-bit integer the binding already rounded, wherever it sits", () => {
    const rounded = 2 ** 53 + 2;
    expect(() => kuzuValueToJson(rounded, "INT64", "x", SCHEMA)).toThrow(UnsafeIntegerError);
    expect(() => kuzuValueToJson([1, rounded], "INT64[]", "x", SCHEMA)).toThrow(UnsafeIntegerError);
    expect(() => kuzuValueToJson({ a: rounded }, "STRUCT(a UINT64)", "x", SCHEMA)).toThrow(UnsafeIntegerError);
    expect(() => kuzuValueToJson(spanValue(1, { count: rounded }), "NODE", "s", SCHEMA)).toThrow(/s\.count/);
    // The same magnitude in a DOUBLE column or property is a double, not a rounded id.
    expect(kuzuValueToJson(rounded, "DOUBLE", "x", SCHEMA)).toBe(rounded);
    expect(kuzuValueToJson(spanValue(1, { ratio: rounded }), "NODE", "s", SCHEMA)).toMatchObject({
      properties: { ratio: rounded },
    });
    expect(kuzuValueToJson(2 ** 53 - 1, "INT64", "x", SCHEMA)).toBe(2 ** 53 - 1);
  });

  it("turns every other value into plain JSON without touching prototypes", () => {
    expect(kuzuValueToJson(12n, "INT128", "x", SCHEMA)).toBe(12);
    expect(kuzuValueToJson(-(2n ** 100n), "INT128", "x", SCHEMA)).toBe(-(2n ** 100n));
    expect(kuzuValueToJson(Number.NaN, "DOUBLE", "x", SCHEMA)).toBeNull();
    expect(kuzuValueToJson(new Date(Number.NaN), "TIMESTAMP", "x", SCHEMA)).toBeNull();
    expect(kuzuValueToJson(new Date(Date.UTC(2026, 0, 2, 3)), "TIMESTAMP", "x", SCHEMA)).toBe(
      "2026-01-02T03:00:00.000Z",
    );
    expect(kuzuValueToJson(Buffer.from("AB"), "BLOB", "x", SCHEMA)).toBe("QUI=");
    expect(kuzuValueToJson(undefined, "ANY", "x", SCHEMA)).toBeNull();
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2}') as unknown;
    const mapped = kuzuValueToJson(hostile, "MAP(STRING, INT64)", "m", SCHEMA) as Record<string, unknown>;
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(Object.keys(mapped)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // A node of a table missing from the schema: every integer property is treated as possibly rounded.
    expect(() =>
      kuzuValueToJson({ n: 2 ** 60, _label: "Other", _id: { offset: 0, table: 9 } }, "NODE", "o", SCHEMA),
    ).toThrow(UnsafeIntegerError);
  });
});
