import { decodeEvent } from "../protocol/decode";
import { isAbortError } from "../transport/errors";
import type { TracyRequestContext, TracyTransport } from "../transport/types";
import { describeError } from "./describe-error";
import { within, type StatePort } from "./store-port";
import type { PanelEvent } from "./transcript-folding";

/** While history pages keep arriving faster than this, they are shown together. */
export const HISTORY_SHOW_EVERY_MS = 250;
/** Empty pages in a row that still point to a next page: a backend that pages forever. */
export const MAX_EMPTY_PAGES = 3;

/** The backend's history pages lead back to a page already read. */
export class HistoryLoopError extends Error {
  constructor() {
    super("The conversation's history pages repeat, so it can't be loaded in full.");
    this.name = "HistoryLoopError";
  }
}

export interface HistoryPagesDeps {
  state: StatePort;
  transport: TracyTransport;
  ctx: () => TracyRequestContext;
  pageSize: number;
  now: () => number;
  foldIn(events: PanelEvent[]): void;
}

/**
 * Lists history and folds it in: ids already seen are no-ops. Pages that arrive quickly are
 * shown together: rendering each page of a long conversation would mount (and then drop) its
 * items one page at a time. Resolves with the ids listed once every page is folded, or null
 * when the listing was aborted or failed (the failure is set as the panel's error).
 */
export function createHistoryPages({ state, transport, ctx, pageSize, now, foldIn }: HistoryPagesDeps) {
  return async function loadHistory(sessionId: string, signal: AbortSignal): Promise<Set<string> | null> {
    let page: string | null = null;
    const listed = new Set<string>();
    const cursors = new Set<string>();
    let emptyPages = 0;
    let unshown: PanelEvent[] = [];
    let shownAt = now();
    const show = () => {
      foldIn(unshown);
      unshown = [];
      shownAt = now();
    };
    try {
      do {
        const result = await transport.listEvents(ctx(), sessionId, { limit: pageSize, page }, signal);
        if (signal.aborted) return null;
        let skipped = 0;
        for (const raw of result.data) {
          const decoded = decodeEvent(raw);
          if (decoded.ok) unshown.push(decoded.event);
          else skipped += 1;
          const id = (raw as { id?: unknown } | null)?.id;
          if (typeof id === "string") listed.add(id);
        }
        if (skipped) state.set({ warning: { kind: "unreadable-history", count: skipped } });
        page = typeof result.next_page === "string" && result.next_page !== "" ? result.next_page : null;
        emptyPages = result.data.length === 0 ? emptyPages + 1 : 0;
        if (page !== null && (cursors.has(page) || emptyPages >= MAX_EMPTY_PAGES)) throw new HistoryLoopError();
        if (page !== null) cursors.add(page);
        if (page && now() - shownAt >= HISTORY_SHOW_EVERY_MS) show();
      } while (page);
      show();
      return listed;
    } catch (error) {
      within(signal, () => {
        if (isAbortError(error)) return;
        show();
        state.set({ error: { ...describeError(error, "load"), retry: "history" } });
      });
      return null;
    }
  };
}
