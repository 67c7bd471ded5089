import { memo, useId } from "react";
import type { ToolItem } from "../protocol/transcript";
import { CopyButton } from "./copy-button";
import { formatCell, parseToolContent, queryOf, type ToolPayload } from "./tool-content";
import { useDisclosure } from "./use-controllable-state";

export interface ToolCardProps {
  tool: ToolItem;
  /** Controlled open state; by default a card is open while running and closed once done. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

const ROW_PREVIEW = 50;

/** One tool call and its result, collapsible. */
export const ToolCard = memo(function ToolCard({ tool, open: controlled, onOpenChange }: ToolCardProps) {
  const running = tool.result === null;
  const [open, setOpen] = useDisclosure(running, controlled, onOpenChange);
  const bodyId = useId();
  const query = queryOf(tool.input);
  const payloads = tool.result ? parseToolContent(tool.result.content) : [];
  const state = running ? "running" : tool.result?.isError ? "error" : "done";
  const rest = Object.fromEntries(Object.entries(tool.input).filter(([k]) => !query || (k !== "query" && k !== "cypher" && k !== "statement")));

  return (
    <section className="tracy-tool" data-state={state} data-open={open ? "" : undefined} aria-label={`Tool call ${tool.name}`}>
      <button type="button" className="tracy-tool-trigger" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        <span className="tracy-tool-chevron" aria-hidden="true" />
        <span className="tracy-tool-name">{tool.name}</span>
        {tool.serverName && <span className="tracy-tool-server">{tool.serverName}</span>}
        {query && <span className="tracy-tool-summary">{oneLine(query)}</span>}
        <span className="tracy-tool-status">{statusText(state, payloads)}</span>
      </button>
      {open && (
        <div className="tracy-tool-body" id={bodyId}>
          {query && (
            <div className="tracy-tool-section">
              <div className="tracy-tool-label">
                Query <CopyButton label="Copy query" getText={() => query} />
              </div>
              <pre className="tracy-code">
                <code>{query}</code>
              </pre>
            </div>
          )}
          {Object.keys(rest).length > 0 && (
            <div className="tracy-tool-section">
              <div className="tracy-tool-label">{query ? "Parameters" : "Input"}</div>
              <pre className="tracy-code">
                <code>{JSON.stringify(rest, null, 2)}</code>
              </pre>
            </div>
          )}
          {tool.result && (
            <div className="tracy-tool-section">
              <div className="tracy-tool-label">{tool.result.isError ? "Error" : "Result"}</div>
              {payloads.length === 0 && <p className="tracy-muted">No output.</p>}
              {payloads.map((p, i) => (
                <Payload key={i} payload={p} isError={tool.result?.isError === true} />
              ))}
            </div>
          )}
          {running && <p className="tracy-muted">Running…</p>}
        </div>
      )}
    </section>
  );
});

function Payload({ payload, isError }: { payload: ToolPayload; isError: boolean }) {
  if (payload.kind === "table") {
    const shown = payload.rows.slice(0, ROW_PREVIEW);
    return (
      <div className="tracy-result-table" role="region" aria-label="Query result" tabIndex={0}>
        <table>
          <thead>
            <tr>
              {payload.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {payload.columns.map((c) => (
                  <td key={c} data-null={row[c] === null ? "" : undefined}>
                    {formatCell(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {payload.rows.length > shown.length && (
          <p className="tracy-muted">
            Showing {shown.length} of {payload.rows.length} rows.
          </p>
        )}
      </div>
    );
  }
  if (payload.kind === "json") {
    return (
      <pre className="tracy-code">
        <code>{JSON.stringify(payload.value, null, 2)}</code>
      </pre>
    );
  }
  if (payload.kind === "media") return <p className="tracy-muted">{payload.label}</p>;
  return <pre className={isError ? "tracy-code tracy-code-error" : "tracy-code"}>{payload.text}</pre>;
}

function statusText(state: "running" | "error" | "done", payloads: ToolPayload[]): string {
  if (state === "running") return "running…";
  if (state === "error") return "error";
  const table = payloads.find((p) => p.kind === "table");
  if (table && table.kind === "table") {
    const rows = `${table.rows.length} row${table.rows.length === 1 ? "" : "s"}`;
    return table.elapsedMs !== null ? `${rows} · ${formatMs(table.elapsedMs)}` : rows;
  }
  return "done";
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function oneLine(query: string): string {
  const flat = query.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
