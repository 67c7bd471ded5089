import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";
import { requiredActionsOf } from "./select-required-actions";

export type PhaseKind =
  "loading" | "idle" | "sending" | "thinking" | "working" | "responding" | "retrying" | "waiting" | "ended";

/** What Tracy is doing, as {@link selectPhase} tells it. */
export interface Phase {
  readonly kind: PhaseKind;
  /** The phase in words, for the status line. */
  readonly label: string;
  /** Whether Stop makes sense now. */
  readonly busy: boolean;
}

/**
 * Phases are shared values: the same phase is always the same object, so `useTracy(selectPhase)` is
 * stable (a new object per call would make React re-render forever) and re-renders only when the
 * phase changes. The fixed ones are constants; those naming a tool are kept per tool item.
 */
const PHASES = {
  loading: fixed("loading", "Loading conversation…", false),
  ended: fixed("ended", "Session ended", false),
  retrying: fixed("retrying", "Retrying…", true),
  responding: fixed("responding", "Writing…", true),
  thinking: fixed("thinking", "Thinking…", true),
  waiting: fixed("waiting", "Waiting for your approval", false),
  continuing: fixed("thinking", "Continuing…", true),
  sending: fixed("sending", "Sending…", false),
  sent: fixed("sending", "Waiting for Tracy…", false),
  idle: fixed("idle", "Ready", false),
} as const;
const running = new WeakMap<ToolItem, Phase>();
const runningHere = new WeakMap<ToolItem, Phase>();

function fixed(kind: PhaseKind, label: string, busy: boolean): Phase {
  return Object.freeze({ kind, label, busy });
}

function perTool(cache: WeakMap<ToolItem, Phase>, tool: ToolItem, label: string): Phase {
  let hit = cache.get(tool);
  if (!hit) cache.set(tool, (hit = fixed("working", label, true)));
  return hit;
}

/**
 * What Tracy is doing right now, in words, derived from the folded session state. The same object
 * while the phase stays the same, so it can be passed to `useTracy` as it is.
 */
export function selectPhase(state: TracyState): Phase {
  const { transcript, pending: outbox } = state;
  const { status } = transcript;
  if (state.sessionId && !state.historyLoaded && transcript.log.size === 0 && state.connection !== "failed" && outbox.length === 0) {
    return PHASES.loading;
  }
  if (status.state === "terminated") return PHASES.ended;
  if (status.state === "rescheduled") return PHASES.retrying;
  if (status.state === "running") {
    for (const id of transcript.streamingIds) {
      const item = transcript.items.get(id);
      if (item?.kind === "message") return PHASES.responding;
      if (item?.kind === "thinking") return PHASES.thinking;
    }
    const tool = lastRunningTool(transcript.order, transcript.items);
    if (tool) return perTool(running, tool, `Running ${tool.name}…`);
    return PHASES.thinking;
  }
  if (status.state === "idle" && status.stopReason?.type === "requires_action") {
    const required = requiredActionsOf(transcript);
    if (required.some((a) => a.kind === "approval")) return PHASES.waiting;
    const first = required[0];
    if (first) return perTool(runningHere, first.tool, `Running ${first.tool.name} here…`);
    return PHASES.continuing;
  }
  if (outbox.some((s) => s.status === "sending")) return PHASES.sending;
  // Sent, and maybe folded in, but no status since: the turn is about to start.
  if (outbox.some((s) => s.status === "sent") || askedSinceLastStatus(transcript)) return PHASES.sent;
  return PHASES.idle;
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
