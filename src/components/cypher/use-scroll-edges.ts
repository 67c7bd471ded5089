import { useEffect, useState, type RefObject } from "react";

/** Which sides of a sideways scroller hide content: logical (start is the right edge in a right-to-left panel). */
export interface ScrollEdges {
  start: boolean;
  end: boolean;
}

export function scrollEdges(el: { scrollLeft: number; scrollWidth: number; clientWidth: number }): ScrollEdges {
  // scrollLeft runs 0 → negative in a right-to-left scroller, so its magnitude is the distance from the start.
  // Sub-pixel layouts leave a fraction of a pixel of "overflow" that hides nothing: 1 px of slack.
  const fromStart = Math.abs(el.scrollLeft);
  const hidden = el.scrollWidth - el.clientWidth;
  return { start: hidden > 1 && fromStart > 1, end: fromStart < hidden - 1 };
}

/**
 * Columns hidden off either side of a table, so the card can shade that edge and say the table scrolls.
 * Re-measured when the scroller or its content resizes and on scroll; kept as a number (start 1, end 2) so a
 * scroll that hides no new edge sets the same state and renders nothing.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const { start, end } = scrollEdges(el);
      setEdges((start ? 1 : 0) | (end ? 2 : 0));
    };
    measure();
    el.addEventListener("scroll", measure);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", measure);
      observer?.disconnect();
    };
  }, [ref]);
  return { start: (edges & 1) > 0, end: (edges & 2) > 0 };
}
