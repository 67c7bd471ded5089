import type { MonetaryAmount } from "../protocol/events";
import { ZERO_USAGE, type Transcript, type UsageTotals } from "../protocol/transcript";
import type { TracyState } from "./tracy-state";

export interface TurnUsage {
  /** The user message that started the turn; null for work before any message. */
  userMessageId: string | null;
  totals: UsageTotals;
  modelRequests: number;
}

export interface UsageSummary {
  turns: readonly TurnUsage[];
  /** Session totals: the backend's cumulative `session.usage` when present, else the sum of model requests. */
  session: UsageTotals;
  cost: MonetaryAmount | null;
  budget: MonetaryAmount | null;
  budgetReached: boolean;
}

const cache = new WeakMap<Transcript, UsageSummary>();

/**
 * Token usage per turn and for the session, attributed by log order. The same object for the same
 * transcript, so `useTracy(selectUsage)` re-renders only when the transcript changes.
 */
export function selectUsage(state: Pick<TracyState, "transcript">): UsageSummary {
  return usageOf(state.transcript);
}

/** {@link selectUsage} of a transcript. Memoised per transcript. */
export function usageOf(t: Transcript): UsageSummary {
  const hit = cache.get(t);
  if (hit) return hit;
  const userIds = t.order.filter((id) => {
    const item = t.items.get(id);
    return item?.kind === "message" && item.role === "user";
  });
  const byTurn = new Map<string | null, TurnUsage>();
  const place = (id: string) => t.log.get(id) ?? -1;
  const endIds = Object.keys(t.requestUsage).sort((a, b) => place(a) - place(b));
  let u = 0;
  for (const endId of endIds) {
    while (u < userIds.length && place(userIds[u] as string) < place(endId)) u += 1;
    const turnId = u === 0 ? null : (userIds[u - 1] as string);
    const usage = t.requestUsage[endId];
    if (!usage) continue;
    const turn = byTurn.get(turnId) ?? { userMessageId: turnId, totals: ZERO_USAGE, modelRequests: 0 };
    byTurn.set(turnId, {
      userMessageId: turnId,
      modelRequests: turn.modelRequests + 1,
      totals: {
        inputTokens: turn.totals.inputTokens + (usage.input_tokens ?? 0),
        outputTokens: turn.totals.outputTokens + (usage.output_tokens ?? 0),
        cacheReadTokens: turn.totals.cacheReadTokens + (usage.cache_read_input_tokens ?? 0),
        cacheWriteTokens: turn.totals.cacheWriteTokens + (usage.cache_creation_input_tokens ?? 0),
      },
    });
  }
  const summary: UsageSummary = {
    turns: [...byTurn.values()],
    session: t.sessionUsage?.totals ?? t.usage,
    cost: t.sessionUsage?.cost ?? null,
    budget: t.sessionUsage?.budget ?? null,
    budgetReached: t.status.state === "idle" && t.status.stopReason?.type === "budget_reached",
  };
  cache.set(t, summary);
  return summary;
}

/** Every token of a usage total, cached or not. */
export function totalTokens(u: UsageTotals): number {
  return u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}
