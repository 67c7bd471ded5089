import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Items kept mounted at the end of a long conversation; earlier ones mount when the reader asks. */
export const TRANSCRIPT_WINDOW = 40;
/** How many earlier items each "show earlier" (or scrolling to the top) adds. */
export const TRANSCRIPT_STEP = 40;
/** The window slides only after this many extra items, so it is not re-cut on every message. */
const SLACK = 20;

export interface TranscriptWindow {
  /** Index of the first mounted item. */
  start: number;
  /** Mounts the previous step of items, keeping what the reader sees where it is. */
  showEarlier: () => void;
}

/**
 * Windowing for a transcript that grows all day: only the last items are mounted. While the
 * reader is at the bottom, the window follows new items, so the DOM (and every re-render) stays
 * bounded; scrolling up to the top, or the "show earlier" button, mounts more.
 */
export function useTranscriptWindow(
  count: number,
  scroller: RefObject<HTMLElement | null>,
  isPinned: () => boolean,
): TranscriptWindow {
  const [start, setStart] = useState(() => Math.max(0, count - TRANSCRIPT_WINDOW));
  const [seenCount, setSeenCount] = useState(count);
  let next = start;
  if (count !== seenCount) {
    // Derived during render (not in an effect), so a history page never mounts items it then drops.
    if (count < seenCount && start >= count) next = Math.max(0, count - TRANSCRIPT_WINDOW);
    else if (count > seenCount && isPinned() && count - start > TRANSCRIPT_WINDOW + SLACK)
      next = count - TRANSCRIPT_WINDOW;
    setSeenCount(count);
  }
  if (next !== start) setStart(next);

  const keepBottomOffset = useRef<number | null>(null);
  const showEarlier = useCallback(() => {
    const el = scroller.current;
    keepBottomOffset.current = el ? el.scrollHeight - el.scrollTop : null;
    setStart((s) => Math.max(0, s - TRANSCRIPT_STEP));
  }, [scroller]);

  // Items mounted above must not move what the reader is looking at.
  useLayoutEffect(() => {
    const el = scroller.current;
    const offset = keepBottomOffset.current;
    if (!el || offset === null) return;
    keepBottomOffset.current = null;
    el.scrollTop = el.scrollHeight - offset;
  }, [scroller, start]);

  return { start: next, showEarlier };
}
