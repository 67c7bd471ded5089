import { useEffect, useState, type RefObject } from "react";

/**
 * Whether the element scrolls (its content is wider or taller than its box). A region that scrolls must be
 * reachable by keyboard, so it gets a tab stop and a name while it scrolls, and no extra tab stop otherwise.
 * Measured by a ResizeObserver (no forced layout at mount); `content` re-checks when what it shows changes.
 */
export function useScrolls(ref: RefObject<HTMLElement | null>, content: unknown): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() =>
      setScrolls(el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, content]);
  return scrolls;
}

/** Props that make a scrolling element a named, focusable region. */
export function scrollRegionProps(scrolls: boolean, label: string) {
  return scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {};
}
