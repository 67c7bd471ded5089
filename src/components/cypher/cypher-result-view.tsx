import { useMemo, useState } from "react";
import { stringifyJson } from "../../protocol/exact-json";
import { CopyButton } from "../copy-button";
import { LazyBoundary, lazyPart } from "../lazy-part";
import { TruncatedPre } from "../tool-parts/truncated-pre";
import { toCsv } from "./csv";
import type { ParsedCypherResult } from "./cypher-result";
import { ResultTable } from "./result-table";
import { useLabels } from "../../labels/labels-context";
import type { TracyLabels } from "../../labels/tracy-labels";

// Views most results never show, each in a chunk of its own.
const GraphView = lazyPart(() => import("./graph-view").then((m) => m.GraphView));
const RawJson = lazyPart(() => import("./raw-json").then((m) => m.RawJson));

export type ResultViewKind = "table" | "graph" | "raw";

const VIEW_LABEL = {
  table: "viewTable",
  graph: "viewGraph",
  raw: "viewRaw",
} as const satisfies Record<ResultViewKind, keyof TracyLabels>;

/** Loads a view's chunk when the pointer or focus reaches its button, ahead of the click. */
const PRELOAD: Partial<Record<ResultViewKind, () => void>> = {
  graph: () => void GraphView.preload().catch(() => {}), // a failure shows when the view renders
  raw: () => void RawJson.preload().catch(() => {}),
};

export interface CypherResultViewProps {
  parsed: ParsedCypherResult;
  /** `8 rows · 1.8 s`, shown above the result. */
  meta: string;
}

/** The views a result supports, best first. */
export function resultViews(parsed: ParsedCypherResult): ResultViewKind[] {
  const views: ResultViewKind[] = [];
  if (parsed.table && parsed.table.columns.length > 0) views.push("table");
  if (parsed.graph) views.push("graph");
  if (parsed.raw !== undefined) views.push("raw");
  return views;
}

/** A successful result: Table / Graph / Raw JSON, with copy as CSV or JSON. */
export function CypherResultView({ parsed, meta }: CypherResultViewProps) {
  const views = useMemo(() => resultViews(parsed), [parsed]);
  const [chosen, setView] = useState<ResultViewKind | null>(null);
  const view = chosen !== null && views.includes(chosen) ? chosen : (views[0] ?? "raw");
  const { table, graph } = parsed;
  const labels = useLabels();

  if (parsed.raw === undefined) {
    return parsed.text ? (
      <TruncatedPre text={parsed.text} className="tracy-code tracy-code-wrap" />
    ) : (
      <p className="tracy-muted">{labels.noOutput}</p>
    );
  }
  return (
    <div className="tracy-cypher-result">
      <div className="tracy-result-toolbar">
        <span className="tracy-result-meta">{meta}</span>
        {views.length > 1 && (
          <div className="tracy-segmented" role="group" aria-label={labels.resultView}>
            {views.map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                onPointerEnter={PRELOAD[v]}
                onFocus={PRELOAD[v]}
              >
                {labels[VIEW_LABEL[v]]}
              </button>
            ))}
          </div>
        )}
        <span className="tracy-copy-as" role="group" aria-label={labels.copyResult}>
          {table && (
            <span className="tracy-copy-format">
              <span aria-hidden="true">{labels.csv}</span>
              <CopyButton label={labels.copyAsCsv} getText={() => toCsv(table.columns, table.rows)} />
            </span>
          )}
          <span className="tracy-copy-format">
            <span aria-hidden="true">{labels.json}</span>
            <CopyButton
              label={labels.copyAsJson}
              getText={() => stringifyJson(table ? table.rows : parsed.raw, 2) ?? ""}
            />
          </span>
        </span>
      </div>
      {view === "table" && table && <ResultTable table={table} />}
      {view === "graph" && graph && (
        <LazyBoundary
          fallback={<Loading className="tracy-graph" text={labels.loadingGraph} />}
          failed={<p className="tracy-muted">{labels.graphNotLoaded}</p>}
        >
          <GraphView graph={graph} />
        </LazyBoundary>
      )}
      {view === "raw" && (
        <LazyBoundary
          fallback={<Loading className="tracy-truncated" text={labels.loadingJson} />}
          failed={<p className="tracy-muted">{labels.jsonNotLoaded}</p>}
        >
          <RawJson value={parsed.raw} />
        </LazyBoundary>
      )}
    </div>
  );
}

/** Where a view is about to appear, in its own container so the toolbar above stays put. */
function Loading({ className, text }: { className: string; text: string }) {
  return (
    <div className={className} aria-busy="true">
      <p className="tracy-muted">{text}</p>
    </div>
  );
}
