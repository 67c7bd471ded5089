import type { Transcript } from "../protocol/transcript";
import type { PendingSend } from "./tracy-state";

/** How far back an echo of a message still being sent can be: it arrives moments after the POST. */
const ECHO_WINDOW = 20;

/**
 * The outbox entries (the state's `pending`) to show. The stream can echo a user message before
 * its POST has answered with the event id; until then the same message would show twice, so a
 * sending message whose text matches a recent user message no send has claimed is left out.
 */
export function selectShownSends(
  outbox: readonly PendingSend[],
  transcript: Transcript,
  claimed: Readonly<Record<string, unknown>>,
): readonly PendingSend[] {
  if (!outbox.some((s) => s.status === "sending" && s.eventIds.length === 0)) return outbox;
  const echoes = new Map<string, number>();
  const { order, items } = transcript;
  for (let i = order.length - 1; i >= Math.max(0, order.length - ECHO_WINDOW); i--) {
    const id = order[i] as string;
    const item = items.get(id);
    if (item?.kind !== "message" || item.role !== "user" || id in claimed) continue;
    echoes.set(item.text, (echoes.get(item.text) ?? 0) + 1);
  }
  const shown = outbox.filter((s) => {
    if (s.status !== "sending" || s.eventIds.length > 0) return true;
    const left = echoes.get(s.text) ?? 0;
    if (left === 0) return true;
    echoes.set(s.text, left - 1);
    return false;
  });
  return shown.length === outbox.length ? outbox : shown;
}
