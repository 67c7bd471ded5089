import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";
import { selectRequiredActions } from "./select-required-actions";

export type PhaseKind =
  "loading" | "idle" | "sending" | "thinking" | "working" | "responding" | "retrying" | "waiting" | "ended";

export interface Phase {
  kind: PhaseKind;
  label: string;
  /** Whether Stop makes sense now. */
  busy: boolean;
}

/** What Tracy is doing right now, in words, derived from the folded session state. */
export function selectPhase(state: TracyState): Phase {
  const { transcript, pending: outbox } = state;
  const { status } = transcript;
  if (state.sessionId && !state.historyLoaded && transcript.log.size === 0 && state.connection !== "failed" && outbox.length === 0) {
    return { kind: "loading", label: "Loading conversation…", busy: false };
  }
  if (status.state === "terminated") return { kind: "ended", label: "Session ended", busy: false };
  if (status.state === "rescheduled") return { kind: "retrying", label: "Retrying…", busy: true };
  if (status.state === "running") {
    for (const id of transcript.streamingIds) {
      const item = transcript.items.get(id);
      if (item?.kind === "message") return { kind: "responding", label: "Writing…", busy: true };
      if (item?.kind === "thinking") return { kind: "thinking", label: "Thinking…", busy: true };
    }
    const tool = lastRunningTool(transcript.order, transcript.items);
    if (tool) return { kind: "working", label: `Running ${tool.name}…`, busy: true };
    return { kind: "thinking", label: "Thinking…", busy: true };
  }
  if (status.state === "idle" && status.stopReason?.type === "requires_action") {
    const required = selectRequiredActions(transcript);
    if (required.some((a) => a.kind === "approval"))
      return { kind: "waiting", label: "Waiting for your approval", busy: false };
    if (required.length > 0)
      return { kind: "working", label: `Running ${required[0]?.tool.name ?? "a tool"} here…`, busy: true };
    return { kind: "thinking", label: "Continuing…", busy: true };
  }
  if (outbox.some((s) => s.status === "sending")) return { kind: "sending", label: "Sending…", busy: false };
  // Sent, and maybe folded in, but no status since: the turn is about to start.
  if (outbox.some((s) => s.status === "sent") || askedSinceLastStatus(transcript)) {
    return { kind: "sending", label: "Waiting for Tracy…", busy: false };
  }
  return { kind: "idle", label: "Ready", busy: false };
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
