import { useId, useMemo, type ReactNode } from "react";
import { compactJson } from "../tool-parts/compact-json";
import { nodeCaption } from "./cell-value";
import { useViewConfig } from "../view-config";
import { keyProperties, shortElementId, type GraphData, type GraphNode, type GraphRelationship } from "./graph-data";
import { Pager, usePage } from "./pager";
import { useFormat, useLabels } from "../../labels/labels-context";

/** Items per page in the node and relationship lists. */
export const GRAPH_PAGE = 100;

export interface GraphViewProps {
  graph: GraphData;
}

/** Nodes with their labels and key properties, and relationships as `(a)-[:TYPE]->(b)`. */
export function GraphView({ graph }: GraphViewProps) {
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.elementId, n])), [graph]);
  const labels = useLabels();
  return (
    <div className="tracy-graph">
      {graph.nodes.length > 0 && (
        <GraphList title={labels.nodes} items={graph.nodes} render={(node) => <NodeItem node={node} />} />
      )}
      {graph.relationships.length > 0 && (
        <GraphList
          title={labels.relationships}
          items={graph.relationships}
          render={(rel) => <RelationshipItem rel={rel} byId={byId} />}
        />
      )}
    </div>
  );
}

interface GraphListProps<T extends { elementId: string }> {
  title: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
}

function GraphList<T extends { elementId: string }>({ title, items, render }: GraphListProps<T>) {
  const page = usePage(items.length, GRAPH_PAGE);
  const headingId = useId();
  const labels = useLabels();
  const format = useFormat();
  return (
    <div className="tracy-graph-section">
      <p className="tracy-tool-label" id={headingId}>
        {title} ({format.number(items.length)})
      </p>
      <ul className="tracy-graph-list" aria-labelledby={headingId}>
        {items.slice(page.start, page.end).map((item) => (
          <li key={item.elementId}>{render(item)}</li>
        ))}
      </ul>
      {items.length > GRAPH_PAGE && <Pager page={page} total={items.length} noun={title} label={labels.listPages(title)} />}
    </div>
  );
}

function NodeItem({ node }: { node: GraphNode }) {
  const { cypher } = useViewConfig();
  const keys = { captionKeys: cypher.captionKeys, hidden: cypher.tenantProperty };
  return (
    <span className="tracy-graph-node">
      <span className="tracy-graph-labels">
        {node.labels.map((l) => (
          <span key={l} className="tracy-graph-label">
            {l}
          </span>
        ))}
      </span>
      {keyProperties(node.properties, 3, keys).map(([k, v]) => (
        <span key={k} className="tracy-graph-prop">
          <span className="tracy-graph-key">{k}:</span> {typeof v === "string" ? v : compactJson(v, 60).text}
        </span>
      ))}
      <code className="tracy-graph-id" title={node.elementId}>
        {shortElementId(node.elementId)}
      </code>
    </span>
  );
}

function RelationshipItem({ rel, byId }: { rel: GraphRelationship; byId: ReadonlyMap<string, GraphNode> }) {
  const unlabelled = useLabels().unlabelledNode;
  const { cypher } = useViewConfig();
  const keys = { captionKeys: cypher.captionKeys, hidden: cypher.tenantProperty };
  const from = nodeCaption(byId.get(rel.startNodeElementId), rel.startNodeElementId, unlabelled, keys);
  const to = nodeCaption(byId.get(rel.endNodeElementId), rel.endNodeElementId, unlabelled, keys);
  return (
    <code className="tracy-graph-rel" title={rel.elementId}>
      ({from})-[<span className="tracy-cy-label">:{rel.type}</span>]-&gt;({to})
    </code>
  );
}
