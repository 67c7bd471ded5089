import { useLabels } from "../../labels/labels-context";
import { TruncatedPre } from "../tool-parts/truncated-pre";
import type { CypherFailure as Failure } from "./guard-report";
import { GuardNoteList } from "./guard-notes";

import { CypherHintList } from "./cypher-syntax";

export interface CypherFailureProps {
  query: string | null;
  failure: Failure;
}

/** (In the highlighter's chunk, with the hints.) A run_cypher error answer: what happened in words, the guard's reasons as a list, then the usual hints. */
export function CypherFailureView({ query, failure }: CypherFailureProps) {
  const labels = useLabels();
  const title =
    failure.kind === "rejected"
      ? labels.guardRejected
      : failure.kind === "timeout"
        ? labels.queryTimedOut
        : labels.queryFailed;
  const hintText = [failure.message, ...failure.reasons.map((r) => r.message)].join("\n");
  return (
    <div className="tracy-cypher-error" data-kind={failure.kind}>
      <p className="tracy-tool-label">{title}</p>
      {failure.reasons.length > 0 ? (
        <GuardNoteList notes={failure.reasons} label={labels.guardReasons} tone="reason" />
      ) : (
        <TruncatedPre text={failure.message || labels.queryFailedNoMessage} className="tracy-code tracy-code-error" />
      )}
      {/* The guard's reasons are the advice; its tenant scoping makes the tenant hint wrong here. */}
      {failure.reasons.length === 0 && <CypherHintList query={query ?? ""} message={hintText} />}
    </div>
  );
}
