import type { Transcript } from "../protocol/transcript";
import type { PendingSend } from "./tracy-state";

/** How far back an echo of a message still being sent can be: it arrives moments after the POST. */
const ECHO_WINDOW = 20;

/**
 * The pending sends to show. The stream can echo a user message before its POST has answered
 * with the event id; until then the same message would show twice, so a sending message whose
 * text matches a recent user message no send has claimed is left out.
 */
export function selectShownPending(
  pending: readonly PendingSend[],
  transcript: Transcript,
  claimed: Readonly<Record<string, unknown>>,
): readonly PendingSend[] {
  if (!pending.some((p) => p.status === "sending" && p.eventIds.length === 0)) return pending;
  const echoes = new Map<string, number>();
  const { order, items } = transcript;
  for (let i = order.length - 1; i >= Math.max(0, order.length - ECHO_WINDOW); i--) {
    const id = order[i] as string;
    const item = items.get(id);
    if (item?.kind !== "message" || item.role !== "user" || id in claimed) continue;
    echoes.set(item.text, (echoes.get(item.text) ?? 0) + 1);
  }
  const shown = pending.filter((p) => {
    if (p.status !== "sending" || p.eventIds.length > 0) return true;
    const left = echoes.get(p.text) ?? 0;
    if (left === 0) return true;
    echoes.set(p.text, left - 1);
    return false;
  });
  return shown.length === pending.length ? pending : shown;
}
