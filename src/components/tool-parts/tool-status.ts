import { toolDurationMs as measuredDurationMs } from "../../protocol/fold";
import type { ToolItem } from "../../protocol/transcript";
import type { TracyFormat } from "../../labels/format";
import type { TracyLabels } from "../../labels/tracy-labels";

export type ToolState = "running" | "stopped" | "done" | "error";

export function toolState(tool: ToolItem): ToolState {
  if (tool.result === null) return tool.unfinished ? "stopped" : "running";
  return tool.result.isError ? "error" : "done";
}

/** Open by default only while it runs: an approval prompt shows the input itself, and done cards stay out of the way. */
export function openByDefault(tool: ToolItem): boolean {
  return tool.result === null && !tool.unfinished && !(tool.permission === "ask" && tool.confirmation === null);
}

/** What a pending call waits for, in words; null once it has a result. */
export function pendingText(tool: ToolItem, labels: Readonly<TracyLabels>): string | null {
  if (tool.result !== null) return null;
  if (tool.confirmation?.result === "deny") return labels.statusDenied;
  if (tool.unfinished) return labels.statusNotFinished;
  if (tool.permission === "ask" && tool.confirmation === null) return labels.statusAwaitingApproval;
  return labels.statusRunning;
}

/**
 * How long the call took: the time the backend reported if any, else what the fold measured from
 * the backend's timestamps (from the approval, when the call waited for one).
 */
export function toolDurationMs(tool: ToolItem, reported: number | null = null): number | null {
  if (reported !== null) return reported;
  // A card given a tool item built by hand (a host's own, a story) measures it the fold's way.
  return tool.durationMs !== undefined ? tool.durationMs : measuredDurationMs(tool);
}

export function formatDuration(ms: number, labels: Readonly<TracyLabels>, format: TracyFormat): string {
  if (ms < 1000) return labels.durationMilliseconds(format.number(Math.round(ms)));
  if (ms < 60_000) return labels.durationSeconds(format.decimal(ms / 1000));
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return labels.durationMinutes(format.number(minutes), seconds ? format.number(seconds) : null);
}

/** `status · duration`, the duration left out when unknown. */
export function withDuration(
  status: string,
  ms: number | null,
  labels: Readonly<TracyLabels>,
  format: TracyFormat,
): string {
  return ms === null ? status : labels.statusWithDuration(status, formatDuration(ms, labels, format));
}

/** Whitespace collapsed and cut, for one-line summaries. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
