import type { ToolItem, TranscriptItem } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";
import { requiredActionsOf } from "./select-required-actions";

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

/** What Tracy is doing, as {@link selectPhase} tells it. */
export interface Phase {
  readonly kind: PhaseKind;
  /** Which status line to show. */
  readonly step: PhaseStep;
  /** The tool running, for `running-tool` and `running-here` (null when unknown). */
  readonly tool: string | null;
  /** Whether Stop makes sense now. */
  readonly busy: boolean;
}

/**
 * Phases are shared values: the same phase is always the same object, so `useTracy(selectPhase)` is
 * stable (a new object per call would make React re-render forever) and re-renders only when the
 * phase changes. The fixed ones are constants; those naming a tool are kept per tool item.
 */
const PHASES = {
  loading: fixed("loading", "loading", false),
  ended: fixed("ended", "ended", false),
  retrying: fixed("retrying", "retrying", true),
  responding: fixed("responding", "writing", true),
  thinking: fixed("thinking", "thinking", true),
  waiting: fixed("waiting", "waiting-approval", false),
  continuing: fixed("thinking", "continuing", true),
  sending: fixed("sending", "sending", false),
  sent: fixed("sending", "awaiting-reply", false),
  idle: fixed("idle", "ready", false),
} as const;
const running = new WeakMap<ToolItem, Phase>();
const runningHere = new WeakMap<ToolItem, Phase>();

function fixed(kind: PhaseKind, step: PhaseStep, busy: boolean, tool: string | null = null): Phase {
  return Object.freeze({ kind, step, tool, busy });
}

function perTool(cache: WeakMap<ToolItem, Phase>, tool: ToolItem, step: PhaseStep): Phase {
  let hit = cache.get(tool);
  if (!hit) cache.set(tool, (hit = fixed("working", step, true, tool.name)));
  return hit;
}

/**
 * What Tracy is doing right now, as a code, derived from the folded session state. The same object
 * while the phase stays the same, so it can be passed to `useTracy` as it is.
 */
export function selectPhase(state: TracyState): Phase {
  const { transcript, pending: outbox } = state;
  const { status } = transcript;
  if (
    state.sessionId &&
    !state.historyLoaded &&
    transcript.log.size === 0 &&
    state.connection !== "failed" &&
    outbox.length === 0
  ) {
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
    if (tool) return perTool(running, tool, "running-tool");
    return PHASES.thinking;
  }
  if (status.state === "idle" && status.stopReason?.type === "requires_action") {
    const required = requiredActionsOf(transcript);
    if (required.some((a) => a.kind === "approval")) return PHASES.waiting;
    // The app's own tools first: the server's run without the user.
    const first = required.find((a) => a.kind === "client_tool") ?? required[0];
    if (first)
      return first.kind === "client_tool"
        ? perTool(runningHere, first.tool, "running-here")
        : perTool(running, first.tool, "running-tool");
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
