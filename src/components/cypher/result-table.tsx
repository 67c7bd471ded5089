import { memo, useId, useMemo, useRef, useState } from "react";
import { compactJson } from "../tool-parts/compact-json";
import { TruncatedPre } from "../tool-parts/truncated-pre";
import { cellText, fullText, type CaptionKeys } from "./cell-value";
import { cellOf, type CypherTable } from "./cypher-result";
import { Pager, usePage } from "./pager";
import { useScrollEdges } from "./use-scroll-edges";
import { useViewConfig } from "../view-config";
import { useFormat, useLabels } from "../../labels/labels-context";

/** Rows shown before "Show all"; then pages of PAGE_ROWS, so 10,000 rows never reach the DOM at once. */
export const PREVIEW_ROWS = 50;
export const PAGE_ROWS = 100;
/** Columns shown at once; wider results page sideways, so 5,000 columns cost what 50 do. */
export const PAGE_COLUMNS = 50;

export interface ResultTableProps {
  table: CypherTable;
}

/** Query rows as a table: a preview, then paged; columns paged too. Scrolls sideways inside the card when wide. */
export function ResultTable({ table }: ResultTableProps) {
  const { columns: allColumns, rows } = table;
  const columnPage = usePage(allColumns.length, PAGE_COLUMNS);
  // One array per page, so the memoised rows re-render only when the page changes.
  const columns = useMemo(
    () => allColumns.slice(columnPage.start, columnPage.end),
    [allColumns, columnPage.start, columnPage.end],
  );
  const [all, setAll] = useState(false);
  const page = usePage(rows.length, PAGE_ROWS);
  const start = all ? page.start : 0;
  const end = all ? page.end : Math.min(rows.length, PREVIEW_ROWS);
  const shown = rows.slice(start, end);
  const labels = useLabels();
  const format = useFormat();
  const total = format.number(rows.length);
  const { cypher } = useViewConfig();
  // One object per setting, so the memoised rows re-render only when the host changes its conventions.
  const keys = useMemo<CaptionKeys>(
    () => ({ captionKeys: cypher.captionKeys, hidden: cypher.tenantProperty }),
    [cypher.captionKeys, cypher.tenantProperty],
  );
  const scrollerRef = useRef<HTMLDivElement>(null);
  const edges = useScrollEdges(scrollerRef);
  const hintId = useId();
  const sideways = edges.start || edges.end;

  return (
    <div className="tracy-result">
      {allColumns.length > PAGE_COLUMNS && (
        <Pager page={columnPage} total={allColumns.length} noun={labels.columns} label={labels.columnPages} />
      )}
      {/* The frame shades the edge where columns are hidden; the scroller inside it scrolls. */}
      <div
        className="tracy-result-frame"
        data-more-start={edges.start ? "" : undefined}
        data-more-end={edges.end ? "" : undefined}
      >
        <div
          ref={scrollerRef}
          className="tracy-result-table"
          role="region"
          aria-label={labels.queryResult}
          aria-describedby={sideways ? hintId : undefined}
          tabIndex={0}
        >
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                <ResultRow key={start + i} columns={columns} row={row} keys={keys} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {sideways && (
        <p className="tracy-result-scroll-hint tracy-muted" id={hintId}>
          {labels.tableScrollHint}
        </p>
      )}
      {rows.length === 0 && <p className="tracy-muted">{labels.noRows}</p>}
      {!all && rows.length > PREVIEW_ROWS && (
        <p className="tracy-result-more">
          <span className="tracy-muted">{labels.rowsShowing({ shown: format.number(PREVIEW_ROWS), total })}</span>{" "}
          <button type="button" className="tracy-button tracy-button-small" onClick={() => setAll(true)}>
            {labels.showAllRows(format.count(rows.length))}
          </button>
        </p>
      )}
      {all && rows.length > PAGE_ROWS && (
        <Pager page={page} total={rows.length} noun={labels.rows} label={labels.resultPages} />
      )}
    </div>
  );
}

interface ResultRowProps {
  columns: readonly string[];
  row: Record<string, unknown>;
  keys: CaptionKeys;
}

const ResultRow = memo(function ResultRow({ columns, row, keys }: ResultRowProps) {
  return (
    <tr>
      {columns.map((c) => (
        <Cell key={c} value={cellOf(row, c)} keys={keys} />
      ))}
    </tr>
  );
});

function Cell({ value, keys }: { value: unknown; keys: CaptionKeys }) {
  const [expanded, setExpanded] = useState(false);
  const labels = useLabels();
  const cell = cellText(value, undefined, keys);
  switch (cell.kind) {
    case "null":
      return (
        <td>
          <span className="tracy-cell-null" data-null="">
            {labels.cellNull}
          </span>
        </td>
      );
    case "empty":
      return (
        <td>
          <span className="tracy-cell-empty" data-empty="" aria-hidden="true">
            {cell.text}
          </span>
          <span className="tracy-visually-hidden">{labels.cellEmpty}</span>
        </td>
      );
    case "missing":
      return <td data-missing="" />;
  }
  if (!cell.expandable && !cell.clip) return <td data-kind={cell.kind}>{cell.text}</td>;
  if (expanded) {
    return (
      <td data-kind={cell.kind} data-expanded="">
        <button type="button" className="tracy-cell-toggle" aria-expanded="true" onClick={() => setExpanded(false)}>
          {labels.collapse}
        </button>
        <TruncatedPre text={fullText(value)} className="tracy-cell-full" />
      </td>
    );
  }
  // Clipped to the column by CSS: the button holds the shown text whole (its accessible name), the title
  // shows the value on hover, focus unclips it, and a click opens it in full. Copies take the raw rows.
  return (
    <td data-kind={cell.kind} data-clip={cell.clip ? "" : undefined}>
      <button
        type="button"
        className="tracy-cell-more"
        aria-expanded="false"
        title={typeof value === "string" ? value.slice(0, 1000) : compactJson(value, 1000).text}
        onClick={() => setExpanded(true)}
      >
        {cell.text}
      </button>
    </td>
  );
}
