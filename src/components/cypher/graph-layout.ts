import type { GraphData, GraphNode, GraphRelationship } from "./graph-data";

/** Nodes drawn at most; past this the view says how many it left out (the table and raw views have them all). */
export const MAX_DRAWN_NODES = 200;

export const NODE_WIDTH = 136;
export const NODE_HEIGHT = 40;
const SLOT = NODE_WIDTH + 16;
const LAYER = NODE_HEIGHT + 44;
export const MARGIN = 12;

export interface LaidNode {
  node: GraphNode;
  /** Not in the result, only named by a relationship's end. */
  missing: boolean;
  /** Top-left corner. */
  x: number;
  y: number;
  depth: number;
  /** Index of the node it hangs from in the layout (its parent in a tree), or -1 for a root. */
  parent: number;
  children: number[];
}

export interface LaidEdge {
  rel: GraphRelationship;
  from: number;
  to: number;
}

export interface GraphLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
  /** Nodes (missing ends included) left out of the drawing. */
  hiddenNodes: number;
  totalNodes: number;
  /** Node indices per depth, left to right. */
  layers: number[][];
}

/**
 * Relationship types that point from child to parent, as a trace's `(child)-[:CHILD_OF]->(parent)` does; every other
 * type is read as parent to child, as `(parent)-[:HAS_CHILD]->(child)` or `(caller)-[:CALLS]->(callee)`.
 */
const CHILD_TO_PARENT = /child_?of|parent|belongs_?to|part_?of|member_?of|inside|within/i;

/**
 * A top-down layered layout. Every node hangs from the first parent a breadth-first walk from the roots reaches, so a
 * trace tree is drawn as its tree (leaves side by side, each parent centred over its children), and any other graph as
 * the tree of its first paths, with the remaining relationships drawn between the layers. Cycles and missing ends are
 * fine: a node is placed once, and an end that is not in the result is drawn as a node of its own, marked missing.
 */
export function layoutGraph(graph: GraphData, maxNodes = MAX_DRAWN_NODES): GraphLayout {
  const all = [...graph.nodes.map((node) => ({ node, missing: false }))];
  const index = new Map<string, number>();
  all.forEach((n, i) => index.set(n.node.elementId, i));
  for (const rel of graph.relationships) {
    for (const id of [rel.startNodeElementId, rel.endNodeElementId]) {
      if (!index.has(id)) {
        index.set(id, all.length);
        all.push({ node: { elementId: id, labels: [], properties: {} }, missing: true });
      }
    }
  }

  // Parent → children, in the relationships' order; self-loops say nothing about the layout.
  const kids: number[][] = all.map(() => []);
  const hasParent = new Array<boolean>(all.length).fill(false);
  for (const rel of graph.relationships) {
    const start = index.get(rel.startNodeElementId) ?? -1;
    const end = index.get(rel.endNodeElementId) ?? -1;
    if (start === end) continue;
    const [parent, child] = CHILD_TO_PARENT.test(rel.type) ? [end, start] : [start, end];
    kids[parent]?.push(child);
    hasParent[child] = true;
  }

  // Breadth first from the roots (then from whatever a cycle kept unreached), up to the cap.
  const order: number[] = [];
  const parentOf = new Array<number>(all.length).fill(-2); // -2: not reached
  const walk = (root: number) => {
    if (parentOf[root] !== -2 || order.length >= maxNodes) return;
    parentOf[root] = -1;
    const queue = [root];
    for (let q = 0; q < queue.length && order.length < maxNodes; q++) {
      const at = queue[q] as number;
      order.push(at);
      for (const child of kids[at] ?? []) {
        if (parentOf[child] !== -2) continue;
        parentOf[child] = at;
        queue.push(child);
      }
    }
    // Queued beyond the cap: not drawn.
    const drawn = new Set(order);
    for (const i of queue) if (!drawn.has(i)) parentOf[i] = -2;
  };
  for (let i = 0; i < all.length; i++) if (!hasParent[i]) walk(i);
  for (let i = 0; i < all.length; i++) walk(i);

  const drawnIndex = new Map<number, number>();
  order.forEach((original, i) => drawnIndex.set(original, i));
  const nodes: LaidNode[] = order.map((original) => ({
    ...(all[original] as { node: GraphNode; missing: boolean }),
    x: 0,
    y: 0,
    depth: 0,
    parent: drawnIndex.get(parentOf[original] ?? -1) ?? -1,
    children: [],
  }));
  nodes.forEach((n, i) => {
    if (n.parent >= 0) nodes[n.parent]?.children.push(i);
  });

  // Leaves take the next slot; a parent sits over the middle of its children. Iterative, so depth costs no stack.
  let slot = 0;
  const layers: number[][] = [];
  for (let root = 0; root < nodes.length; root++) {
    if (nodes[root]?.parent !== -1) continue;
    const stack: [number, number, boolean][] = [[root, 0, false]];
    while (stack.length > 0) {
      const [i, depth, done] = stack.pop() as [number, number, boolean];
      const n = nodes[i] as LaidNode;
      if (!done) {
        n.depth = depth;
        stack.push([i, depth, true]);
        for (let c = n.children.length - 1; c >= 0; c--) stack.push([n.children[c] as number, depth + 1, false]);
        continue;
      }
      const first = nodes[n.children[0] ?? -1];
      const last = nodes[n.children.at(-1) ?? -1];
      n.x = first && last ? (first.x + last.x) / 2 : MARGIN + SLOT * slot++;
      n.y = MARGIN + LAYER * depth;
      (layers[depth] ??= []).push(i);
    }
  }
  for (const layer of layers) layer.sort((a, b) => (nodes[a] as LaidNode).x - (nodes[b] as LaidNode).x);

  const edges: LaidEdge[] = [];
  for (const rel of graph.relationships) {
    const from = drawnIndex.get(index.get(rel.startNodeElementId) ?? -1);
    const to = drawnIndex.get(index.get(rel.endNodeElementId) ?? -1);
    if (from !== undefined && to !== undefined && from !== to) edges.push({ rel, from, to });
  }

  return {
    nodes,
    edges,
    width: Math.max(SLOT * slot - 16, NODE_WIDTH) + 2 * MARGIN,
    height: LAYER * Math.max(layers.length, 1) - (LAYER - NODE_HEIGHT) + 2 * MARGIN,
    hiddenNodes: all.length - nodes.length,
    totalNodes: all.length,
    layers,
  };
}
