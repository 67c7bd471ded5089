import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Near enough to the bottom to count as there (sub-pixel rounding, a last line half in view). */
const SLACK_PX = 24;

export interface StickToBottom {
  /** Whether the view follows new content (read during render by the transcript window). */
  isPinned: () => boolean;
  /** The same, as state: false shows "Jump to latest". */
  pinned: boolean;
  /** Items that arrived since the reader scrolled away (0 while following). */
  unseen: number;
  /** Scrolls to the bottom and follows again (the user sent something, or asked to jump). */
  follow: () => void;
}

export interface StickOptions {
  /** Items shown (messages, cards, …): counts what arrived while the reader was away. */
  itemCount: number;
  /** Nothing to follow yet: the view stays at the top, so an empty state is read from its start. */
  empty: boolean;
  /** The scrolled content, watched for growth that is not a re-render (lazy cards, images). */
  content?: RefObject<HTMLElement | null>;
  /**
   * Index of the first item mounted (the transcript window). When it changes, items above the view were
   * mounted or dropped, which moves `scrollTop` without the reader moving.
   */
  windowStart?: number;
}

/**
 * Keeps a scroll container at the bottom while new content arrives, but only while the reader is
 * there: scrolling up, by any amount, stops following; scrolling back to the bottom (or `follow`)
 * resumes it. Moves are told apart by direction, not distance, so content that grows between a
 * scroll and its event never reads as the reader leaving.
 */
export function useStickToBottom(
  ref: RefObject<HTMLElement | null>,
  contentKey: unknown,
  { itemCount, empty, content, windowStart = 0 }: StickOptions,
): StickToBottom {
  const pinnedRef = useRef(true);
  const lastTop = useRef(0);
  const [pinned, setPinned] = useState(true);
  const [seenCount, setSeenCount] = useState(itemCount);
  const count = useRef(itemCount);
  const emptyRef = useRef(empty);
  useLayoutEffect(() => {
    count.current = itemCount;
    emptyRef.current = empty;
  });

  const pin = useCallback((on: boolean) => {
    if (pinnedRef.current === on) return;
    pinnedRef.current = on;
    setPinned(on);
    setSeenCount(count.current);
  }, []);

  const toBottom = useCallback(() => {
    const el = ref.current;
    if (!el || emptyRef.current) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }, [ref]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    const up = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    // At the very bottom first: content that shrank pulls scrollTop up without the reader moving.
    if (distance <= 1) pin(true);
    else if (up) pin(false);
    else if (distance <= SLACK_PX) pin(true);
  }, [ref, pin]);

  // A listener of its own, not React's `onScroll`: the view scrolls on every streamed update, and React's event
  // system (a synthetic event, a batched dispatch) cost each scroll more than the handler.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [ref, onScroll]);

  const followedStart = useRef(windowStart);
  useLayoutEffect(() => {
    const shifted = followedStart.current !== windowStart;
    followedStart.current = windowStart;
    if (!pinnedRef.current) return;
    // The reader scrolled up and new content arrived before that scroll's event was handled: the move
    // stands, instead of being undone by following the new content. (Not when the window moved: then
    // scrollTop moved with the items dropped above, not with the reader.)
    const el = ref.current;
    if (el && !shifted && el.scrollTop < lastTop.current - 1) {
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (distance > SLACK_PX) {
        lastTop.current = el.scrollTop;
        pin(false);
        return;
      }
    }
    toBottom();
  }, [ref, pin, toBottom, contentKey, empty, windowStart]);

  // Growth no render announces (a lazy card mounting, an image loading) keeps the bottom in view too.
  useEffect(() => {
    const el = content?.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => pinnedRef.current && toBottom());
    observer.observe(el);
    return () => observer.disconnect();
  }, [content, toBottom]);

  const follow = useCallback(() => {
    pin(true);
    toBottom();
  }, [pin, toBottom]);

  const isPinned = useCallback(() => pinnedRef.current, []);
  return {
    isPinned,
    pinned,
    unseen: pinned ? 0 : Math.max(0, itemCount - seenCount),
    follow,
  };
}
