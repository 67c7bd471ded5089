import { ExactInteger, stringifyJson } from "../../protocol/exact-json";
import { compactJson, ELLIPSIS } from "../tool-parts/compact-json";
import { keyProperties, shortElementId, toNode, toRelationship, type GraphNode } from "./graph-data";

/** Characters a table cell shows before it offers to expand. */
export const CELL_MAX = 80;
/** Text longer than this is clipped to the column's width (ellipsis), whole on focus, hover and in copies. */
export const CELL_CLIP = 24;

/** The host's graph conventions: which properties caption a node, which one (the tenant) is never shown. */
export interface CaptionKeys {
  captionKeys?: readonly string[];
  hidden?: string;
}

export type CellKind = "null" | "missing" | "empty" | "string" | "number" | "boolean" | "json";

export interface CellText {
  kind: CellKind;
  text: string;
  /** Shortened: the cell offers the full value. */
  expandable: boolean;
  /** Longer than a narrow column: shown clipped, whole on focus and hover. */
  clip: boolean;
}

/** `(:Span {service: "payments-db"})` and `[:CHILD_OF]`: how graph values read in a cell. */
function graphValueText(value: unknown, keys: CaptionKeys): string | null {
  const node = toNode(value);
  if (node) {
    const labels = node.labels.map((l) => `:${l}`).join("");
    const props = keyProperties(node.properties, 2, keys)
      .map(([k, v]) => `${k}: ${compactJson(v, 40).text}`)
      .join(", ");
    return props ? `(${labels} {${props}})` : `(${labels})`;
  }
  const rel = toRelationship(value);
  if (rel) return `[:${rel.type}]`;
  return null;
}

/** A cell value in a few characters. `null` stays distinct from `""` and from a missing key. */
export function cellText(value: unknown, max = CELL_MAX, keys: CaptionKeys = {}): CellText {
  const short = (kind: CellKind, text: string): CellText => ({ kind, text, expandable: false, clip: false });
  if (value === null) return short("null", "null");
  if (value === undefined) return short("missing", "");
  if (value === "") return short("empty", '""');
  if (typeof value === "string") {
    return value.length > max
      ? { kind: "string", text: value.slice(0, max - 1) + ELLIPSIS, expandable: true, clip: true }
      : { kind: "string", text: value, expandable: false, clip: value.length > CELL_CLIP };
  }
  if (typeof value === "number" || typeof value === "bigint" || value instanceof ExactInteger) {
    return short("number", String(value));
  }
  if (typeof value === "boolean") return short("boolean", String(value));
  const graph = graphValueText(value, keys);
  if (graph !== null && graph.length <= max) {
    return { kind: "json", text: graph, expandable: true, clip: graph.length > CELL_CLIP };
  }
  const json = compactJson(value, max);
  return { kind: "json", text: json.text, expandable: json.truncated, clip: json.text.length > CELL_CLIP };
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
  keys: CaptionKeys = {},
): string {
  if (!node) return shortElementId(elementId);
  const label = node.labels[0] ?? unlabelled;
  const first = keyProperties(node.properties, 1, keys)[0];
  return first ? `${label} ${compactJson(first[1], 40).text}` : `${label} ${shortElementId(elementId)}`;
}
