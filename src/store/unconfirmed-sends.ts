import type { Transcript } from "../protocol/transcript";
import type { PendingSend, TracyState } from "./tracy-state";

/** Outbox entries whose events the transcript now shows are done; same array when nothing changed. */
export function withoutDelivered(outbox: PendingSend[], transcript: Transcript): PendingSend[] {
  const kept = outbox.filter((s) => !(s.eventIds.length > 0 && s.eventIds.every((id) => transcript.log.has(id))));
  return kept.length === outbox.length ? outbox : kept;
}

/**
 * Sends that may have arrived without the panel hearing so (cut off by a stop, or whose answer
 * was lost) are settled by the log: a question it shows that no other send claims, after every
 * claimed one, is theirs. Once a whole listing is folded (`final`), the rest weren't sent.
 * Returns the state patch, or null when no send is unconfirmed.
 */
export function settleUnconfirmed(
  { pending: outbox, transcript, traceByEventId }: Pick<TracyState, "pending" | "transcript" | "traceByEventId">,
  final: boolean,
): Pick<TracyState, "pending" | "traceByEventId"> | null {
  if (!outbox.some((s) => s.unconfirmed)) return null;
  const claimed = new Set([...Object.keys(traceByEventId), ...outbox.flatMap((s) => s.eventIds)]);
  const questions: string[] = [];
  for (const id of transcript.order) {
    const item = transcript.items.get(id);
    if (item?.kind !== "message" || item.role !== "user") continue;
    if (claimed.has(id)) questions.length = 0;
    else questions.push(id);
  }
  const traces = { ...traceByEventId };
  const settled = outbox.flatMap((s): PendingSend[] => {
    if (!s.unconfirmed) return [s];
    const at = questions.findIndex((id) => {
      const item = transcript.items.get(id);
      return item?.kind === "message" && item.text === s.text;
    });
    if (at < 0) {
      if (!final) return [s];
      return [
        s.status === "failed"
          ? { ...s, unconfirmed: false }
          : { ...s, unconfirmed: false, status: "failed", error: null },
      ];
    }
    traces[questions[at] as string] = s.traceId;
    questions.splice(0, at + 1);
    return [];
  });
  return { pending: settled, traceByEventId: traces };
}

/**
 * The outbox after a stop: a send cut off while sending may still have reached the backend. With
 * a session, the next history listing tells; without one, it can't have been sent.
 */
export function cutOffSends(outbox: PendingSend[], hasSession: boolean): PendingSend[] {
  return outbox.map((s) =>
    s.status !== "sending" ? s : hasSession ? { ...s, unconfirmed: true } : { ...s, status: "failed", error: null },
  );
}
