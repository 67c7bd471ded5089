import { LazyBoundary, lazyPart } from "../lazy-part";
import { TruncatedPre } from "../tool-parts/truncated-pre";
import { useLabels } from "../../labels/labels-context";

// The hints read the query with the highlighter's tokenizer, so they come with its chunk.
const CypherHintList = lazyPart(() => import("./cypher-syntax").then((m) => m.CypherHintList));

export interface CypherErrorProps {
  query: string | null;
  /** The error text exactly as the agent received it. */
  message: string;
}

/** A failed query: the full message, then plain hints for the pitfalls it matches. */
export function CypherError({ query, message }: CypherErrorProps) {
  const labels = useLabels();
  return (
    <div className="tracy-cypher-error">
      <p className="tracy-tool-label">{labels.error}</p>
      <TruncatedPre text={message || labels.queryFailedNoMessage} className="tracy-code tracy-code-error" />
      <LazyBoundary fallback={null}>
        <CypherHintList query={query ?? ""} message={message} />
      </LazyBoundary>
    </div>
  );
}
