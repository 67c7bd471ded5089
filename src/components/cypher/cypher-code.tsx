import { memo } from "react";
import { LazyBoundary, lazyPart } from "../lazy-part";

/** Past this length the query is shown plain: thousands of spans buy nothing. */
export const HIGHLIGHT_LIMIT = 20_000;

const HighlightedCypher = lazyPart(() => import("./cypher-syntax").then((m) => m.HighlightedCypher));

export interface CypherCodeProps {
  query: string;
}

/** A Cypher query, highlighted once the highlighter's chunk is in; until then (or if it fails) the same text, plain. */
export const CypherCode = memo(function CypherCode({ query }: CypherCodeProps) {
  const plain = <PlainCypher query={query} />;
  if (query.length > HIGHLIGHT_LIMIT) return plain;
  return (
    <LazyBoundary fallback={plain}>
      <HighlightedCypher query={query} />
    </LazyBoundary>
  );
});

/** The same `<pre>` as the highlighted query, so nothing moves when the colours arrive. */
function PlainCypher({ query }: CypherCodeProps) {
  return (
    <pre className="tracy-code tracy-code-wrap tracy-cy">
      <code>{query}</code>
    </pre>
  );
}
