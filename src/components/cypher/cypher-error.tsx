import { useMemo } from "react";
import { TruncatedPre } from "../tool-parts/truncated-pre";
import { cypherHints } from "./cypher-hints";

export interface CypherErrorProps {
  query: string | null;
  /** The error text exactly as the agent received it. */
  message: string;
}

/** A failed query: the full message, then plain hints for the pitfalls it matches. */
export function CypherError({ query, message }: CypherErrorProps) {
  const hints = useMemo(() => cypherHints(query ?? "", message), [query, message]);
  return (
    <div className="tracy-cypher-error">
      <p className="tracy-tool-label">Error</p>
      <TruncatedPre text={message || "The query failed without a message."} className="tracy-code tracy-code-error" />
      {hints.length > 0 && (
        <ul className="tracy-hints" aria-label="Hints">
          {hints.map((h) => (
            <li key={h.id} className="tracy-hint" data-hint={h.id}>
              <strong>{h.title}.</strong> <InlineCode text={h.text} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Text with `backticked` spans as code: the hints' only markup, no markdown parser needed. */
function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}
