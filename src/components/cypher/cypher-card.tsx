import "../../styles/tracy-panel.css";
import "../../styles/tool-cards.css";
import { memo, useEffect, useMemo } from "react";
import { stringifyJson } from "../../protocol/exact-json";
import type { ToolItem, ToolResult } from "../../protocol/transcript";
import { CopyButton } from "../copy-button";
import { PendingNote } from "../tool-parts/pending-note";
import { ToolFrame } from "../tool-parts/tool-frame";
import { ToolSection } from "../tool-parts/tool-section";
import {
  openByDefault,
  pendingText,
  toolDurationMs,
  toolState,
  withDuration,
  type ToolState,
} from "../tool-parts/tool-status";
import { useDisclosure } from "../use-disclosure";
import { CypherCode } from "./cypher-code";
import { CypherError } from "./cypher-error";
import { cypherFailureOf, guardReportOf } from "./guard-report";
import { LazyBoundary, lazyPart } from "../lazy-part";

// Rare: a query the guard changed or refused. These views come with the highlighter's chunk.
const CypherFailureView = lazyPart(() => import("./cypher-syntax").then((m) => m.CypherFailureView));
const GuardRewriteNotes = lazyPart(() => import("./cypher-syntax").then((m) => m.GuardRewriteNotes));
import { parseCypherResult, peekCypherResult, type ParsedCypherResult } from "./cypher-result";
import { CypherResultView } from "./cypher-result-view";
import { QUERY_KEYS, queryOf } from "./is-cypher-tool";
import { querySummary } from "./query-summary";
import { glanceAtResult, type ResultGlance } from "./result-glance";
import type { TracyFormat } from "../../labels/format";
import { useFormat, useLabels } from "../../labels/labels-context";
import type { TracyLabels } from "../../labels/tracy-labels";

/** Props of {@link CypherCard}. */
export interface CypherCardProps {
  /** The tool call to show, as the transcript holds it. */
  tool: ToolItem;
  /**
   * Controlled open state; leave it out and the card manages its own: open while the query runs and closed once done.
   * @default undefined (uncontrolled)
   */
  open?: boolean;
  /** Called when the user opens or closes the card (controlled or not). */
  onOpenChange?: (open: boolean) => void;
}

/** A Cypher tool call: the highlighted query, then its rows, graph or error with hints. */
export const CypherCard = memo(function CypherCard({ tool, open: controlled, onOpenChange }: CypherCardProps) {
  const state = toolState(tool);
  const [open, setOpen] = useDisclosure(openByDefault(tool), controlled, onOpenChange);
  const query = queryOf(tool.input);
  const summary = useMemo(() => (query ? querySummary(query) : null), [query]);
  const params = useMemo(() => otherInput(tool.input), [tool.input]);
  const { result } = tool;
  // Parsing a large result is the card's costliest work, so it waits for the card to open. A closed card's
  // header reads a glance at the text instead (or a parse made earlier).
  const parsed = result ? (open ? parseCypherResult(result) : peekCypherResult(result)) : null;
  useParseWhenIdle(open || state === "error" ? null : result);
  const glance = result && !parsed && state !== "error" ? glanceAtResult(result) : null;
  const known = parsed ?? glance;
  const labels = useLabels();
  const format = useFormat();
  const meta = withDuration(
    countText(known, state, labels, format),
    toolDurationMs(tool, known?.elapsedMs ?? null),
    labels,
    format,
  );

  return (
    <ToolFrame
      tool={tool}
      state={state}
      summary={summary}
      status={pendingText(tool, labels) ?? meta}
      open={open}
      onOpenChange={setOpen}
      className="tracy-cypher"
    >
      {query && (
        <ToolSection label={labels.query} actions={<CopyButton label={labels.copyQuery} getText={() => query} />}>
          <CypherCode query={query} />
        </ToolSection>
      )}
      {params && (
        <ToolSection label={query ? labels.parameters : labels.input} defaultOpen={false}>
          <pre className="tracy-code tracy-code-wrap">{params}</pre>
        </ToolSection>
      )}
      {result === null ? (
        <PendingNote tool={tool} />
      ) : parsed === null ? null : state === "error" ? (
        <ErrorView query={query} text={parsed.text} />
      ) : (
        <>
          <GuardRewrite raw={parsed.raw} written={query} />
          <CypherResultView parsed={parsed} meta={meta} />
        </>
      )}
    </ToolFrame>
  );
});

/** tracy-server's error answer (rejected by the guard, timed out, failed) as such; any other error text as it came. */
function ErrorView({ query, text }: { query: string | null; text: string }) {
  const failure = useMemo(() => cypherFailureOf(text), [text]);
  const plain = <CypherError query={query} message={text} />;
  if (!failure) return plain;
  return (
    <LazyBoundary fallback={plain}>
      <CypherFailureView query={query} failure={failure} />
    </LazyBoundary>
  );
}

/** What the server's guard changed before the query ran: its notes, and the query that ran (folded). */
function GuardRewrite({ raw, written }: { raw: unknown; written: string | null }) {
  const labels = useLabels();
  const report = useMemo(() => guardReportOf(raw), [raw]);
  if (!report?.rewritten) return null;
  const ran = report.query !== null && report.query !== written ? report.query : null;
  return (
    <ToolSection
      label={labels.guardRewritten}
      defaultOpen={false}
      actions={ran ? <CopyButton label={labels.copyQueryThatRan} getText={() => ran} /> : undefined}
    >
      <div className="tracy-guard-rewrite">
        <LazyBoundary fallback={null}>
          <GuardRewriteNotes notes={report.notes} />
        </LazyBoundary>
        {ran && (
          <>
            <p className="tracy-guard-ran">{labels.queryThatRan}</p>
            <CypherCode query={ran} />
          </>
        )}
      </div>
    </ToolSection>
  );
}

/** Results up to this size are parsed ahead, while the page is idle: about 20 ms per 2 MB. */
const IDLE_PARSE_MAX_CHARS = 2_500_000;

/** Parses a closed card's result when the page is idle, so opening it is quick and mounting stays light. */
function useParseWhenIdle(result: ToolResult | null): void {
  useEffect(() => {
    if (!result || peekCypherResult(result) || resultLength(result) > IDLE_PARSE_MAX_CHARS) return;
    return whenIdle(() => parseCypherResult(result));
  }, [result]);
}

function resultLength(result: ToolResult): number {
  let n = 0;
  for (const block of result.content) if (block.type === "text") n += block.text.length;
  return n;
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(run, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 500);
  return () => clearTimeout(id);
}

function countText(
  known: ParsedCypherResult | ResultGlance | null,
  state: ToolState,
  labels: Readonly<TracyLabels>,
  format: TracyFormat,
): string {
  if (state === "error") return labels.statusError;
  if (known && "table" in known) {
    if (known.table) return labels.rowCount(format.count(known.table.rows.length));
    if (known.graph) return labels.nodeCount(format.count(known.graph.nodes.length));
  } else if (known?.rows != null) {
    return labels.rowCount(format.count(known.rows));
  }
  return labels.statusDone;
}

/** Everything but the query, pretty-printed; null when there is nothing else. */
function otherInput(input: Record<string, unknown>): string | null {
  const query = queryOf(input);
  const rest = Object.entries(input).filter(
    ([k, v]) => !(query !== null && v === query && (QUERY_KEYS as readonly string[]).includes(k)),
  );
  return rest.length > 0 ? (stringifyJson(Object.fromEntries(rest), 2) ?? null) : null;
}
