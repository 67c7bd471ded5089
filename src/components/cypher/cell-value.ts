import { ExactInteger, stringifyJson } from "../../protocol/exact-json";
import { compactJson, ELLIPSIS } from "../tool-parts/compact-json";
import { keyProperties, shortElementId, toNode, toRelationship, type GraphNode } from "./graph-data";

/** Characters a table cell shows before it offers to expand. */
export const CELL_MAX = 80;

export type CellKind = "null" | "missing" | "empty" | "string" | "number" | "boolean" | "json";

export interface CellText {
  kind: CellKind;
  text: string;
  /** Shortened: the cell offers the full value. */
  expandable: boolean;
}

/** `(:Span {service: "payments-db"})` and `[:CHILD_OF]`: how graph values read in a cell. */
function graphValueText(value: unknown): string | null {
  const node = toNode(value);
  if (node) {
    const labels = node.labels.map((l) => `:${l}`).join("");
    const props = keyProperties(node.properties, 2)
      .map(([k, v]) => `${k}: ${compactJson(v, 40).text}`)
      .join(", ");
    return props ? `(${labels} {${props}})` : `(${labels})`;
  }
  const rel = toRelationship(value);
  if (rel) return `[:${rel.type}]`;
  return null;
}

/** A cell value in a few characters. `null` stays distinct from `""` and from a missing key. */
export function cellText(value: unknown, max = CELL_MAX): CellText {
  if (value === null) return { kind: "null", text: "null", expandable: false };
  if (value === undefined) return { kind: "missing", text: "", expandable: false };
  if (value === "") return { kind: "empty", text: '""', expandable: false };
  if (typeof value === "string") {
    return value.length > max
      ? { kind: "string", text: value.slice(0, max - 1) + ELLIPSIS, expandable: true }
      : { kind: "string", text: value, expandable: false };
  }
  if (typeof value === "number" || typeof value === "bigint" || value instanceof ExactInteger) {
    return { kind: "number", text: String(value), expandable: false };
  }
  if (typeof value === "boolean") return { kind: "boolean", text: String(value), expandable: false };
  const graph = graphValueText(value);
  if (graph !== null && graph.length <= max) return { kind: "json", text: graph, expandable: true };
  const json = compactJson(value, max);
  return { kind: "json", text: json.text, expandable: json.truncated };
}

/** The whole value, for an expanded cell: strings as they are, the rest as indented JSON. */
export function fullText(value: unknown): string {
  if (typeof value === "string") return value;
  return stringifyJson(value, 2) ?? String(value);
}

/** `Span "POST /checkout"`, or the short element id when the node is not in the result. */
export function nodeCaption(
  node: GraphNode | undefined,
  elementId: string,
  unlabelled = "node",
  keys: { captionKeys?: readonly string[]; hidden?: string } = {},
): string {
  if (!node) return shortElementId(elementId);
  const label = node.labels[0] ?? unlabelled;
  const first = keyProperties(node.properties, 1, keys)[0];
  return first ? `${label} ${compactJson(first[1], 40).text}` : `${label} ${shortElementId(elementId)}`;
}
