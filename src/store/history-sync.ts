import { liveAfterListing } from "../protocol/reconcile";
import type { StatePort } from "./store-port";
import type { PanelEvent } from "./transcript-folding";

/** Live events held while history lists: past this, previews are dropped (their final events carry the text). */
export const MAX_HELD_EVENTS = 10_000;

function isPreview(event: PanelEvent): boolean {
  return event.type === "event_start" || event.type === "event_delta";
}

export interface HistorySyncDeps {
  state: StatePort;
  loadHistory(sessionId: string, signal: AbortSignal): Promise<Set<string> | null>;
  foldIn(events: PanelEvent[]): void;
  /** The whole history is folded and nothing live is held back. */
  onCaughtUp(): void;
}

/**
 * Keeps the transcript in log order across (re)connects. The upstream has no replay, so after
 * every connect the history is listed, and the live events of each connection opened before the
 * listing began are held back until it is folded (those the listing already had are no-ops).
 */
export function createHistorySync({ state, loadHistory, foldIn, onCaughtUp }: HistorySyncDeps) {
  /** Live events held back, one list per connection not yet reconciled. Empty when live. */
  let heldLive: PanelEvent[][] = [];
  /** The history listing in progress, if any. */
  let listing: AbortController | null = null;

  /**
   * A listing reconciles the connections opened before it began; one that opens during it waits
   * for the next listing, which starts right after, so a stream that keeps dropping can't keep
   * the transcript from catching up.
   */
  function sync(sessionId: string, streamSignal: AbortSignal): void {
    if (listing) return; // when it ends, it starts the next
    const run = new AbortController();
    listing = run;
    const stopWithStream = () => run.abort();
    streamSignal.addEventListener("abort", stopWithStream, { once: true });
    const covers = heldLive.length;
    void loadHistory(sessionId, run.signal).then((listed) => {
      // A stream that reconnects all day must not collect a listener per listing.
      streamSignal.removeEventListener("abort", stopWithStream);
      if (listing !== run) return;
      listing = null;
      if (!listed || run.signal.aborted) return;
      const reconciled = heldLive.splice(0, covers);
      reconciled.forEach((live, i) => {
        // Only the newest connection can still be open; the ones before it are gone.
        const open = heldLive.length === 0 && i === reconciled.length - 1 && state.get().connection === "open";
        foldIn(liveAfterListing(live, listed, open));
      });
      if (heldLive.length > 0) sync(sessionId, streamSignal);
      else onCaughtUp();
    });
  }

  return {
    sync,
    /** A connection opened: its live events are held until a listing reconciles it. */
    connectionOpened(): void {
      heldLive.push([]);
    },
    /** Holds a live event back if a listing is due; false when the panel is live and it may be folded. */
    hold(event: PanelEvent): boolean {
      const waiting = heldLive.at(-1);
      if (waiting === undefined) return false;
      // Previews are best-effort: past the cap only persisted events (which the listing may lack) are kept.
      if (waiting.length < MAX_HELD_EVENTS || !isPreview(event)) waiting.push(event);
      return true;
    },
    /** A new stream replaces the old one: what the old one held and its listing are dropped. */
    restart(): void {
      heldLive = [];
      listing?.abort();
      listing = null;
    },
    /** The scope changed: forget everything without aborting (the scope's abort already did). */
    reset(): void {
      heldLive = [];
      listing = null;
    },
  };
}

export type HistorySync = ReturnType<typeof createHistorySync>;
