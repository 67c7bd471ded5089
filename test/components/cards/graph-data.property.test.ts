import { describe, expect, it } from "vitest";
import { parseBlocks } from "../../../src/components/cypher/cypher-result";
import { extractGraph } from "../../../src/components/cypher/graph-data";
import { layoutGraph, MAX_DRAWN_NODES } from "../../../src/components/cypher/graph-layout";
import { neighbour } from "../../../src/components/cypher/graph-view";
import { parseJson } from "../../../src/protocol/exact-json";
import { mulberry32 } from "../../helpers/rng";

/** Ids as servers write them: element ids, small and 64-bit integers (as JSON text, so they stay exact), junk. */
const ID_TEXTS = [
  '"4:g:1"',
  '"4:g:2"',
  "3",
  "9007199254740993",
  "18446744073709551615",
  '""',
  "null",
  "1.5",
  "-0",
  "{}",
  "[]",
  '"__proto__"',
  '"constructor"',
];

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

/** A random graph-ish JSON document: nodes and relationships in the shapes the parser reads, and broken ones. */
function randomGraphJson(rng: () => number): string {
  const ids = Array.from({ length: 1 + Math.floor(rng() * 12) }, (_, i) =>
    rng() < 0.3 ? pick(rng, ID_TEXTS) : rng() < 0.5 ? `"4:g:${i}"` : `${9007199254740990 + i * 7}`,
  );
  const nodes = ids.map((id) => {
    const key = rng() < 0.6 ? "elementId" : pick(rng, ["id", "identity"]);
    const labels = rng() < 0.9 ? '["Span"]' : pick(rng, ['"Span"', "[1]", "null", "[]"]);
    const props =
      rng() < 0.8
        ? `{"name": "op", "big": 12345678901234567890, "tenant_id": "acme"}`
        : pick(rng, ["null", "[]", '"x"']);
    return `{"${key}": ${id}, "labels": ${labels}, "properties": ${props}}`;
  });
  const rels = Array.from({ length: Math.floor(rng() * 20) }, (_, i) => {
    const [s, e] =
      rng() < 0.5
        ? ["startNodeElementId", "endNodeElementId"]
        : pick(rng, [
            ["start", "end"],
            ["startNode", "endNode"],
            ["startNodeId", "endNodeId"],
          ] as const);
    // Ends may be any id, missing nodes and self-loops included, so cycles and dangling ends come up.
    const end = () => (rng() < 0.8 ? pick(rng, ids) : pick(rng, ID_TEXTS));
    const type = rng() < 0.9 ? pick(rng, ['"CHILD_OF"', '"CALLS"', '"HAS"']) : pick(rng, ["1", "null"]);
    return `{"elementId": "5:g:${i}", "type": ${type}, "${s}": ${end()}, "${e}": ${end()}, "properties": {}}`;
  });
  return rng() < 0.5
    ? `{"nodes": [${nodes.join(",")}], "relationships": [${rels.join(",")}]}`
    : `{"rows": [${nodes.map((n, i) => `{"n": ${n}, "r": ${rels[i] ?? "null"}}`).join(",")}]}`;
}

describe("graph parsing and layout, on random and hostile graph JSON (seeded)", () => {
  it("never throws, keeps 64-bit ids exact, and lays every node out once with finite positions", () => {
    const rng = mulberry32(0x96a9);
    for (let run = 0; run < 400; run++) {
      const text = randomGraphJson(rng);
      const parsed = parseBlocks([{ type: "text", text }]);
      const graph = parsed.graph;
      if (!graph) continue;
      for (const n of graph.nodes) {
        expect(typeof n.elementId).toBe("string");
        expect(n.elementId).not.toBe("");
        // An integer id appears in the text exactly as written: no rounding to a double.
        if (/^-?\d{16,}$/.test(n.elementId))
          expect(text).toMatch(new RegExp(`(?:elementId|id|identity)": ${n.elementId}\\b`));
      }
      for (const r of graph.relationships) {
        expect(typeof r.startNodeElementId).toBe("string");
        expect(typeof r.endNodeElementId).toBe("string");
      }
      const layout = layoutGraph(graph);
      const ids = layout.nodes.map((n) => n.node.elementId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(layout.nodes.length + layout.hiddenNodes).toBe(layout.totalNodes);
      for (const n of layout.nodes) {
        expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
        expect(n.x + 136).toBeLessThanOrEqual(layout.width);
        expect(n.y + 40).toBeLessThanOrEqual(layout.height);
      }
      for (const e of layout.edges) {
        expect(layout.nodes[e.from]).toBeDefined();
        expect(layout.nodes[e.to]).toBeDefined();
      }
      for (let i = 0; i < layout.nodes.length; i++) {
        for (const key of ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"]) {
          const next = neighbour(layout, i, key);
          expect(next >= 0 && next < layout.nodes.length).toBe(true);
        }
      }
    }
  });

  it("reads a 64-bit integer id beyond 2^53 digit for digit, in nodes and relationship ends", () => {
    const raw = parseJson(
      '{"nodes": [{"id": 9007199254740993, "labels": ["Span"], "properties": {}}, {"identity": 18446744073709551615, "labels": [], "properties": {}}],' +
        ' "relationships": [{"id": 9007199254740995, "type": "CHILD_OF", "start": 9007199254740993, "end": 18446744073709551615, "properties": {}}]}',
    );
    const graph = extractGraph(raw, null);
    expect(graph?.nodes.map((n) => n.elementId)).toEqual(["9007199254740993", "18446744073709551615"]);
    expect(graph?.relationships[0]).toMatchObject({
      elementId: "9007199254740995",
      startNodeElementId: "9007199254740993",
      endNodeElementId: "18446744073709551615",
    });
  });

  it("does not read a plain map with id, type, start and end as a relationship", () => {
    expect(extractGraph(null, [{ event: { id: 1, type: "deploy", start: 0, end: 5 } }])).toBeNull();
  });

  it("lays out a long chain and a big cycle without deep recursion, capped", () => {
    const n = 50_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ elementId: `n${i}`, labels: ["Span"], properties: {} }));
    const relationships = nodes.map((node, i) => ({
      elementId: `r${i}`,
      type: "CHILD_OF",
      startNodeElementId: node.elementId,
      endNodeElementId: `n${(i + 1) % n}`,
      properties: {},
    }));
    const layout = layoutGraph({ nodes, relationships });
    expect(layout.nodes).toHaveLength(MAX_DRAWN_NODES);
    expect(layout.hiddenNodes).toBe(n - MAX_DRAWN_NODES);
  });
});
