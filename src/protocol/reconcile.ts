import type { StreamEvent, UnknownEvent } from "./events";

type AnyEvent = StreamEvent | UnknownEvent;

/**
 * What to fold, after a history listing, of the live events one connection delivered while it
 * ran. The upstream has no replay, so a reconnect opens the stream first, then lists: live
 * events the listing already holds are duplicates (the fold skips them by id), the rest follow.
 *
 * Previews are never listed, so they can't be matched that way. One is dropped when it can no
 * longer be brought up to date: its connection is gone (no delta or end will follow on it), its
 * final event is listed, or it came before the last live event the listing holds (its model
 * request may have ended in the listing, and nothing would close it). A final event still shows
 * the message whole.
 */
export function liveAfterListing(
  live: readonly AnyEvent[],
  listedIds: ReadonlySet<string>,
  connectionOpen: boolean,
): AnyEvent[] {
  let covered = -1;
  for (let i = live.length - 1; i >= 0; i--) {
    const id = (live[i] as { id?: unknown }).id;
    if (typeof id === "string" && listedIds.has(id)) {
      covered = i;
      break;
    }
  }
  return live.filter((event, i) => {
    if (event.type !== "event_start" && event.type !== "event_delta") return true;
    const preview = event as StreamEvent & { type: "event_start" | "event_delta" };
    const id = preview.type === "event_start" ? preview.event.id : preview.event_id;
    return connectionOpen && i > covered && !listedIds.has(id);
  });
}
