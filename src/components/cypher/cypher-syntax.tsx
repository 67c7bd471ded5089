import { memo, useMemo } from "react";
import { useLabels } from "../../labels/labels-context";
import { cypherHints, hintText } from "./cypher-hints";
import { useViewConfig } from "../view-config";
import { highlightCypher, TOKEN_CLASS } from "./highlight-cypher";

// Everything that needs the Cypher tokenizer, in one chunk loaded on demand (see cypher-code.tsx, cypher-error.tsx).

export interface HighlightedCypherProps {
  query: string;
}

/** A Cypher query, syntax-highlighted with class names only (no inline styles, no HTML injection). */
export const HighlightedCypher = memo(function HighlightedCypher({ query }: HighlightedCypherProps) {
  const tokens = useMemo(() => highlightCypher(query), [query]);
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

export interface CypherHintListProps {
  query: string;
  message: string;
}

/** Plain hints for the pitfalls a failed query matches; nothing when none does. */
export function CypherHintList({ query, message }: CypherHintListProps) {
  const { cypher } = useViewConfig();
  const { tenantProperty, tenantParameter } = cypher;
  const hints = useMemo(
    () => cypherHints(query, message, { tenantProperty, tenantParameter }),
    [query, message, tenantProperty, tenantParameter],
  );
  const labels = useLabels();
  if (hints.length === 0) return null;
  return (
    <ul className="tracy-hints" aria-label={labels.hints}>
      {hints.map((h) => {
        const { title, text } = hintText(labels, h);
        return (
          <li key={h.id} className="tracy-hint" data-hint={h.id}>
            <strong>{title}.</strong> <InlineCode text={text} />
          </li>
        );
      })}
    </ul>
  );
}

/** Text with `backticked` spans as code: the hints' only markup, no markdown parser needed. */
function InlineCode({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

export { CypherFailureView } from "./cypher-failure";
export { GuardRewriteNotes } from "./guard-notes";
