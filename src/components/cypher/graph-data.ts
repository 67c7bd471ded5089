import { ExactInteger, isJsonObject } from "../../protocol/exact-json";

export interface GraphNode {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface GraphRelationship {
  elementId: string;
  type: string;
  startNodeElementId: string;
  endNodeElementId: string;
  properties: Record<string, unknown>;
}

export interface GraphData {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

/**
 * A node or relationship id as exact text: Neo4j 5's `elementId`, or the integer `id` (or `identity`) older servers
 * and drivers send. Integers past 2^53 arrive as `ExactInteger` and keep every digit; a rounded double is refused
 * rather than shown as an id it is not.
 */
function idText(v: unknown): string | null {
  if (typeof v === "string") return v.length > 0 ? v : null;
  if (v instanceof ExactInteger) return v.digits;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return null;
}

function firstId(v: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    if (!Object.hasOwn(v, key)) continue;
    const id = idText(v[key]);
    if (id !== null) return id;
  }
  return null;
}

const NODE_ID = ["elementId", "id", "identity"];
const START_ID = ["startNodeElementId", "startNode", "start"];
const END_ID = ["endNodeElementId", "endNode", "end"];

/**
 * Properties are optional beside an `elementId`; the older shapes always carry them, and requiring them keeps a plain
 * map such as `{id: 1, type: "deploy", start: 0, end: 5}` from reading as a relationship.
 */
function propertiesOf(v: Record<string, unknown>): Record<string, unknown> | null {
  if (v.properties === undefined) return typeof v.elementId === "string" ? {} : null;
  return isJsonObject(v.properties) ? v.properties : null;
}

/** A node in any of the shapes above, normalised to `elementId`; null when `v` is not one. */
export function toNode(v: unknown): GraphNode | null {
  if (!isJsonObject(v) || !Array.isArray(v.labels) || !v.labels.every((l) => typeof l === "string")) return null;
  const properties = propertiesOf(v);
  const elementId = firstId(v, NODE_ID);
  return elementId === null || properties === null ? null : { elementId, labels: v.labels, properties };
}

/** A relationship in any of the shapes above, normalised to element ids; null when `v` is not one. */
export function toRelationship(v: unknown): GraphRelationship | null {
  if (!isJsonObject(v) || typeof v.type !== "string" || Array.isArray(v.labels)) return null;
  const properties = propertiesOf(v);
  if (properties === null) return null;
  const elementId = firstId(v, NODE_ID);
  const startNodeElementId = firstId(v, START_ID);
  const endNodeElementId = firstId(v, END_ID);
  if (elementId === null || startNodeElementId === null || endNodeElementId === null) return null;
  return { elementId, type: v.type, startNodeElementId, endNodeElementId, properties };
}

/** Collects nodes and relationships, each once by element id. */
class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly relationships = new Map<string, GraphRelationship>();

  /** Paths come as lists or `{nodes, relationships}`; two levels deep covers both without walking whole documents. */
  add(value: unknown, depth = 0): void {
    const node = toNode(value);
    if (node) {
      if (!this.nodes.has(node.elementId)) this.nodes.set(node.elementId, node);
      return;
    }
    const rel = toRelationship(value);
    if (rel) {
      if (!this.relationships.has(rel.elementId)) this.relationships.set(rel.elementId, rel);
    } else if (depth < 2 && Array.isArray(value)) {
      for (const item of value) this.add(item, depth + 1);
    } else if (depth < 2 && isJsonObject(value) && (Array.isArray(value.nodes) || Array.isArray(value.relationships))) {
      this.add(value.nodes, depth + 1);
      this.add(value.relationships, depth + 1);
    }
  }

  result(): GraphData | null {
    if (this.nodes.size === 0 && this.relationships.size === 0) return null;
    return { nodes: [...this.nodes.values()], relationships: [...this.relationships.values()] };
  }
}

/**
 * Graph-shaped parts of a result: a top-level `{nodes, relationships}`, or node and relationship
 * values in rows (directly, or in lists and paths). Null when there are none.
 */
export function extractGraph(raw: unknown, rows: readonly Record<string, unknown>[] | null): GraphData | null {
  const collector = new GraphCollector();
  if (isJsonObject(raw) && (Array.isArray(raw.nodes) || Array.isArray(raw.relationships))) collector.add(raw);
  for (const row of rows ?? []) {
    for (const value of Object.values(row)) collector.add(value);
  }
  return collector.result();
}

const CAPTION_KEYS: readonly string[] = ["name", "service", "title", "operation", "trace_id", "span_id", "id"];

/** The properties worth showing at a glance: well-known names first, tenant scoping left out. */
export function keyProperties(
  properties: Record<string, unknown>,
  max = 3,
  { captionKeys = CAPTION_KEYS, hidden = "tenant_id" }: { captionKeys?: readonly string[]; hidden?: string } = {},
): [string, unknown][] {
  const keys = Object.keys(properties).filter((k) => k !== hidden);
  const preferred = captionKeys.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !captionKeys.includes(k));
  return [...preferred, ...rest].slice(0, max).map((k) => [k, properties[k]]);
}

/** Short element id for display: Neo4j-style ids end in `:<n>`. */
export function shortElementId(elementId: string): string {
  const tail = elementId.slice(elementId.lastIndexOf(":") + 1);
  return tail && tail.length < elementId.length ? `…${tail}` : elementId;
}
