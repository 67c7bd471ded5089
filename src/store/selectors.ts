import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";
import { selectRequiredActions } from "./select-required-actions";

export type PhaseKind =
  "loading" | "idle" | "sending" | "thinking" | "working" | "responding" | "retrying" | "waiting" | "ended";

/** Which status line the phase shows; finer than `kind` (worded by the views, see `TracyLabels`). */
export type PhaseStep =
  | "loading"
  | "ended"
  | "retrying"
  | "writing"
  | "thinking"
  | "running-tool"
  | "waiting-approval"
  | "running-here"
  | "continuing"
  | "sending"
  | "awaiting-reply"
  | "ready";

export interface Phase {
  kind: PhaseKind;
  step: PhaseStep;
  /** The tool running, for `running-tool` and `running-here` (null when unknown). */
  tool: string | null;
  /** Whether Stop makes sense now. */
  busy: boolean;
}

/** What Tracy is doing right now, as a code, derived from the folded session state. */
export function selectPhase(state: TracyState): Phase {
  const { transcript, pending } = state;
  const { status } = transcript;
  if (state.sessionId && !state.historyLoaded && transcript.log.size === 0 && state.connection !== "failed" && pending.length === 0) {
    return { kind: "loading", step: "loading", tool: null, busy: false };
  }
  if (status.state === "terminated") return { kind: "ended", step: "ended", tool: null, busy: false };
  if (status.state === "rescheduled") return { kind: "retrying", step: "retrying", tool: null, busy: true };
  if (status.state === "running") {
    for (const id of transcript.streamingIds) {
      const item = transcript.items.get(id);
      if (item?.kind === "message") return { kind: "responding", step: "writing", tool: null, busy: true };
      if (item?.kind === "thinking") return { kind: "thinking", step: "thinking", tool: null, busy: true };
    }
    const tool = lastRunningTool(transcript.order, transcript.items);
    if (tool) return { kind: "working", step: "running-tool", tool: tool.name, busy: true };
    return { kind: "thinking", step: "thinking", tool: null, busy: true };
  }
  if (status.state === "idle" && status.stopReason?.type === "requires_action") {
    const required = selectRequiredActions(transcript);
    if (required.some((a) => a.kind === "approval"))
      return { kind: "waiting", step: "waiting-approval", tool: null, busy: false };
    if (required.length > 0)
      return { kind: "working", step: "running-here", tool: required[0]?.tool.name ?? null, busy: true };
    return { kind: "thinking", step: "continuing", tool: null, busy: true };
  }
  if (pending.some((p) => p.status === "sending")) return { kind: "sending", step: "sending", tool: null, busy: false };
  // Sent, and maybe folded in, but no status since: the turn is about to start.
  if (pending.some((p) => p.status === "sent") || askedSinceLastStatus(transcript)) {
    return { kind: "sending", step: "awaiting-reply", tool: null, busy: false };
  }
  return { kind: "idle", step: "ready", tool: null, busy: false };
}

function askedSinceLastStatus(t: TracyState["transcript"]): boolean {
  if (t.status.state === "terminated") return false;
  for (let i = t.order.length - 1; i >= 0; i--) {
    const id = t.order[i] as string;
    const item = t.items.get(id);
    if (item?.kind === "message" && item.role === "user") {
      return t.status.eventId === null || (t.log.get(id) ?? -1) > (t.log.get(t.status.eventId) ?? -1);
    }
  }
  return false;
}

function lastRunningTool(order: readonly string[], items: ReadonlyMap<string, TranscriptItem>): ToolItem | null {
  for (let i = order.length - 1; i >= 0 && i >= order.length - 20; i--) {
    const item = items.get(order[i] as string);
    if (item?.kind === "tool" && item.result === null) return item;
  }
  return null;
}
