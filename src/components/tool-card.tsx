import "../styles/tracy-panel.css";
import "../styles/tool-cards.css";
import { memo, useMemo } from "react";
import { stringifyJson } from "../protocol/exact-json";
import type { ToolItem, ToolResult } from "../protocol/transcript";
import { CopyButton } from "./copy-button";
import { describeContent, type ContentPart } from "./tool-content";
import { compactJson } from "./tool-parts/compact-json";
import { ContentParts, copyableText, hasCopyableText } from "./tool-parts/content-parts";
import { PendingNote } from "./tool-parts/pending-note";
import { ToolFrame } from "./tool-parts/tool-frame";
import { ToolSection } from "./tool-parts/tool-section";
import { oneLine, openByDefault, pendingText, toolDurationMs, toolState, withDuration } from "./tool-parts/tool-status";
import { TruncatedPre } from "./tool-parts/truncated-pre";
import { useDisclosure } from "./use-disclosure";
import { useFormat, useLabels } from "../labels/labels-context";

/** Props of {@link ToolCard}. */
export interface ToolCardProps {
  /** The tool call to show, as the transcript holds it. */
  tool: ToolItem;
  /**
   * Controlled open state; leave it out and the card manages its own: a card is open while running and closed once done.
   * @default undefined (uncontrolled)
   */
  open?: boolean;
  /** Called when the user opens or closes the card (controlled or not). */
  onOpenChange?: (open: boolean) => void;
}

/** One tool call (built-in, MCP or client tool) and its result, collapsible. */
export const ToolCard = memo(function ToolCard({ tool, open: controlled, onOpenChange }: ToolCardProps) {
  const state = toolState(tool);
  const [open, setOpen] = useDisclosure(openByDefault(tool), controlled, onOpenChange);
  const summary = useMemo(() => inputSummary(tool.input), [tool.input]);
  const labels = useLabels();
  const format = useFormat();
  const pending = pendingText(tool, labels);
  const status =
    pending ??
    withDuration(state === "error" ? labels.statusError : labels.statusDone, toolDurationMs(tool), labels, format);

  return (
    <ToolFrame tool={tool} state={state} summary={summary} status={status} open={open} onOpenChange={setOpen}>
      <ToolCardBody tool={tool} />
    </ToolFrame>
  );
});

/**
 * What an open card shows. Its own component, so a closed card prints no input and parses no result:
 * a transcript mounts many closed cards, and one result can be megabytes of JSON.
 */
function ToolCardBody({ tool }: { tool: ToolItem }) {
  const input = useMemo(
    () => (Object.keys(tool.input).length > 0 ? (stringifyJson(tool.input, 2) ?? "") : ""),
    [tool.input],
  );
  const parts = tool.result ? resultParts(tool.result) : NO_PARTS;
  // Joined only when copied: the parts of a large result are megabytes.
  const copyable = hasCopyableText(parts);
  const labels = useLabels();

  return (
    <>
      <ToolSection
        label={labels.input}
        actions={input ? <CopyButton label={labels.copyInput} getText={() => input} /> : null}
      >
        {input ? <TruncatedPre text={input} label={labels.input} /> : <p className="tracy-muted">{labels.noInput}</p>}
      </ToolSection>
      {tool.result ? (
        <ToolSection
          label={tool.result.isError ? labels.error : labels.output}
          actions={copyable ? <CopyButton label={labels.copyOutput} getText={() => copyableText(parts)} /> : null}
        >
          <ContentParts parts={parts} isError={tool.result.isError} />
        </ToolSection>
      ) : (
        <PendingNote tool={tool} />
      )}
    </>
  );
}

const NO_PARTS: readonly ContentPart[] = [];
const partsCache = new WeakMap<ToolResult, readonly ContentPart[]>();

/** A result's parts, described once: a folded `ToolResult` never changes, so reopening a card costs nothing. */
function resultParts(result: ToolResult): readonly ContentPart[] {
  let parts = partsCache.get(result);
  if (!parts) {
    parts = describeContent(result.content);
    partsCache.set(result, parts);
  }
  return parts;
}

/** `labels: true, limit: 5`: the input at a glance. */
function inputSummary(input: Record<string, unknown>): string | null {
  const entries = Object.entries(input);
  if (entries.length === 0) return null;
  const text = entries
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v.slice(0, 100) : compactJson(v, 60).text}`)
    .join(", ");
  return oneLine(text, 100);
}
