import type { StreamEvent, UnknownEvent } from "../protocol/events";
import { foldEvents } from "../protocol/fold";
import type { Transcript } from "../protocol/transcript";
import type { StatePort } from "./store-port";
import { withoutDelivered } from "./unconfirmed-sends";

export type PanelEvent = StreamEvent | UnknownEvent;

export interface TranscriptFoldingDeps {
  state: StatePort;
  /** After each fold: settles sends, answers client tools and tells the host what was folded. */
  onFolded(transcript: Transcript, events: readonly PanelEvent[], source: "history" | "live"): void;
}

/** Folds decoded events into the transcript; sends whose events it now shows leave the outbox. */
export function createTranscriptFolding({ state, onFolded }: TranscriptFoldingDeps) {
  return {
    foldIn(events: PanelEvent[], source: "history" | "live" = "live"): void {
      if (events.length === 0) return;
      const transcript = foldSafely(state.get().transcript, events, (skipped) =>
        state.set({ warning: { kind: "unshown-events", count: skipped } }),
      );
      state.set({ transcript, pending: withoutDelivered(state.get().pending, transcript) });
      onFolded(transcript, events, source);
    },
  };
}

/**
 * Decoding guarantees the shapes the fold reads; should the fold still throw on some event, only
 * that event is lost: the batch is folded again one event at a time, skipping those that throw.
 */
export function foldSafely(base: Transcript, events: PanelEvent[], onSkipped: (count: number) => void): Transcript {
  try {
    return foldEvents(base, events);
  } catch {
    let transcript = base;
    let skipped = 0;
    for (const event of events) {
      try {
        transcript = foldEvents(transcript, [event]);
      } catch {
        skipped += 1;
      }
    }
    onSkipped(skipped);
    return transcript;
  }
}
