import { isJsonObject } from "../../protocol/exact-json";

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

export function isNode(v: unknown): v is GraphNode {
  return (
    isJsonObject(v) &&
    typeof v.elementId === "string" &&
    Array.isArray(v.labels) &&
    v.labels.every((l) => typeof l === "string") &&
    (v.properties === undefined || isJsonObject(v.properties))
  );
}

export function isRelationship(v: unknown): v is GraphRelationship {
  return (
    isJsonObject(v) &&
    typeof v.elementId === "string" &&
    typeof v.type === "string" &&
    typeof v.startNodeElementId === "string" &&
    typeof v.endNodeElementId === "string" &&
    (v.properties === undefined || isJsonObject(v.properties))
  );
}

/** Collects nodes and relationships, each once by element id. */
class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly relationships = new Map<string, GraphRelationship>();

  /** Paths come as lists or `{nodes, relationships}`; two levels deep covers both without walking whole documents. */
  add(value: unknown, depth = 0): void {
    if (isNode(value)) {
      if (!this.nodes.has(value.elementId)) this.nodes.set(value.elementId, { ...value, properties: value.properties ?? {} });
    } else if (isRelationship(value)) {
      if (!this.relationships.has(value.elementId)) {
        this.relationships.set(value.elementId, { ...value, properties: value.properties ?? {} });
      }
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
