import "../styles/tracy-panel.css";
import "../styles/tool-cards.css";
import { memo, useMemo } from "react";
import { stringifyJson } from "../protocol/exact-json";
import type { ToolItem } from "../protocol/transcript";
import { CopyButton } from "./copy-button";
import { describeContent } from "./tool-content";
import { compactJson } from "./tool-parts/compact-json";
import { ContentParts, copyableText } from "./tool-parts/content-parts";
import { PendingNote } from "./tool-parts/pending-note";
import { ToolFrame } from "./tool-parts/tool-frame";
import { ToolSection } from "./tool-parts/tool-section";
import { oneLine, openByDefault, pendingText, toolDurationMs, toolState, withDuration } from "./tool-parts/tool-status";
import { TruncatedPre } from "./tool-parts/truncated-pre";
import { useDisclosure } from "./use-controllable-state";

export interface ToolCardProps {
  tool: ToolItem;
  /** Controlled open state; by default a card is open while running and closed once done. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** One tool call (built-in, MCP or client tool) and its result, collapsible. */
export const ToolCard = memo(function ToolCard({ tool, open: controlled, onOpenChange }: ToolCardProps) {
  const state = toolState(tool);
  const [open, setOpen] = useDisclosure(openByDefault(tool), controlled, onOpenChange);
  const input = useMemo(
    () => (Object.keys(tool.input).length > 0 ? (stringifyJson(tool.input, 2) ?? "") : ""),
    [tool.input],
  );
  const summary = useMemo(() => inputSummary(tool.input), [tool.input]);
  const parts = useMemo(() => (tool.result ? describeContent(tool.result.content) : []), [tool.result]);
  const pending = pendingText(tool);
  const status = pending ?? withDuration(state, toolDurationMs(tool));
  const output = copyableText(parts);

  return (
    <ToolFrame tool={tool} state={state} summary={summary} status={status} open={open} onOpenChange={setOpen}>
      <ToolSection label="Input" actions={input ? <CopyButton label="Copy input" getText={() => input} /> : null}>
        {input ? <TruncatedPre text={input} label="Input" /> : <p className="tracy-muted">No input.</p>}
      </ToolSection>
      {tool.result ? (
        <ToolSection
          label={tool.result.isError ? "Error" : "Output"}
          actions={output ? <CopyButton label="Copy output" getText={() => output} /> : null}
        >
          <ContentParts parts={parts} isError={tool.result.isError} />
        </ToolSection>
      ) : (
        <PendingNote tool={tool} />
      )}
    </ToolFrame>
  );
});

/** `labels: true, limit: 5`: the input at a glance. */
function inputSummary(input: Record<string, unknown>): string | null {
  const entries = Object.entries(input);
  if (entries.length === 0) return null;
  const text = entries
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v.slice(0, 100) : compactJson(v, 60).text}`)
    .join(", ");
  return oneLine(text, 100);
}
