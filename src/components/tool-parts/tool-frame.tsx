import { useId, type ReactNode } from "react";
import type { ToolItem } from "../../protocol/transcript";
import { isServerRunTool } from "../../protocol/server-tools";
import { DisclosureButton } from "../disclosure-button";
import type { ToolState } from "./tool-status";
import { useLabels } from "../../labels/labels-context";

export interface ToolFrameProps {
  tool: ToolItem;
  state: ToolState;
  /** One line after the name: the query, or the input in brief. */
  summary: string | null;
  /** Right-hand status: `running…`, `8 rows · 1.8 s`, `error`. */
  status: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Extra class on the root, e.g. `tracy-cypher`. */
  className?: string;
  /** The body; only rendered while open. */
  children: ReactNode;
}

/** The collapsible shell every tool card shares: a disclosure button over a body. */
export function ToolFrame({ tool, state, summary, status, open, onOpenChange, className, children }: ToolFrameProps) {
  const bodyId = useId();
  const labels = useLabels();
  const chip =
    tool.source !== "custom" ? tool.serverName : isServerRunTool(tool.name) ? labels.serverTool : labels.clientTool;
  return (
    // A group, not a region landmark: a conversation calls the same tool many times, and a landmark per call would
    // fill the landmark list with identical names.
    <section
      role="group"
      className={className ? `tracy-tool ${className}` : "tracy-tool"}
      data-state={state}
      data-source={tool.source}
      data-open={open ? "" : undefined}
      aria-label={labels.toolCall(tool.name)}
    >
      <DisclosureButton className="tracy-tool-trigger" open={open} onOpenChange={onOpenChange} controls={bodyId}>
        <span className="tracy-tool-chevron" aria-hidden="true" />
        <span className="tracy-tool-name">{tool.name}</span>
        {chip && <span className="tracy-tool-server">{chip}</span>}
        {summary && <span className="tracy-tool-summary">{summary}</span>}
        <span className="tracy-tool-status">{status}</span>
      </DisclosureButton>
      <div className="tracy-tool-body" id={bodyId} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
