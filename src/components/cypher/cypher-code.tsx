import { memo, useMemo } from "react";
import { highlightCypher, TOKEN_CLASS, type CypherToken } from "./highlight-cypher";

/** Past this length the query is shown plain: thousands of spans buy nothing. */
export const HIGHLIGHT_LIMIT = 20_000;

export interface CypherCodeProps {
  query: string;
}

/** A Cypher query, syntax-highlighted with class names only (no inline styles, no HTML injection). */
export const CypherCode = memo(function CypherCode({ query }: CypherCodeProps) {
  const tokens = useMemo<CypherToken[]>(
    () => (query.length > HIGHLIGHT_LIMIT ? [{ kind: "ident", text: query }] : highlightCypher(query)),
    [query],
  );
  return (
    <pre className="tracy-code tracy-code-wrap tracy-cy">
      <code>
        {tokens.map((t, i) => {
          const className = TOKEN_CLASS[t.kind];
          return className ? (
            <span key={i} className={className}>
              {t.text}
            </span>
          ) : (
            t.text
          );
        })}
      </code>
    </pre>
  );
});
