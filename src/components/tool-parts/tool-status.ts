import type { ToolItem } from "../../protocol/transcript";

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
export function pendingText(tool: ToolItem): string | null {
  if (tool.result !== null) return null;
  if (tool.confirmation?.result === "deny") return "denied";
  if (tool.unfinished) return "not finished";
  if (tool.permission === "ask" && tool.confirmation === null) return "awaiting approval";
  return "running…";
}

/**
 * How long the call took: the time the backend reported if any, else the gap between the
 * tool use and its result (both backend timestamps, so client clock skew does not matter).
 */
export function toolDurationMs(tool: ToolItem, reported: number | null = null): number | null {
  if (reported !== null) return reported;
  if (!tool.at || !tool.result?.at) return null;
  const ms = Date.parse(tool.result.at) - Date.parse(tool.at);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** `status · duration`, the duration left out when unknown. */
export function withDuration(status: string, ms: number | null): string {
  return ms === null ? status : `${status} · ${formatDuration(ms)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** Whitespace collapsed and cut, for one-line summaries. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
