import { useCallback, useLayoutEffect, useRef, type RefObject } from "react";

const SLACK_PX = 24;

/**
 * Keeps a scroll container pinned to the bottom while new content arrives, but only while the
 * user is already there: scrolling up to read stops the auto-scroll until they come back down.
 */
export function useStickToBottom(ref: RefObject<HTMLElement | null>, contentKey: unknown) {
  const pinned = useRef(true);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
  }, [ref]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [ref, contentKey]);
  return { onScroll, isPinned: () => pinned.current };
}
