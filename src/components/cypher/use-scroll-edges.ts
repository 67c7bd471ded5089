import { useEffect, useState, type RefObject } from "react";

/** Which sides of a sideways scroller hide content: logical (start is the right edge in a right-to-left panel). */
export interface ScrollEdges {
  start: boolean;
  end: boolean;
}

const NONE: ScrollEdges = { start: false, end: false };

/** Sub-pixel layouts leave a fraction of a pixel of "overflow" that hides nothing. */
const SLACK = 1;

export function scrollEdges(el: { scrollLeft: number; scrollWidth: number; clientWidth: number }): ScrollEdges {
  // scrollLeft runs 0 → negative in a right-to-left scroller, so its magnitude is the distance from the start.
  const fromStart = Math.abs(el.scrollLeft);
  const hidden = el.scrollWidth - el.clientWidth;
  if (hidden <= SLACK) return NONE;
  return { start: fromStart > SLACK, end: fromStart < hidden - SLACK };
}

/**
 * Columns hidden off either side of a table, so the card can shade that edge and say the table scrolls.
 * Re-measured when the scroller or its content resizes and on scroll; state only changes when an edge does.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>(NONE);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () =>
      setEdges((prev) => {
        const next = scrollEdges(el);
        return prev.start === next.start && prev.end === next.end ? prev : next;
      });
    measure();
    el.addEventListener("scroll", measure, { passive: true });
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", measure);
      observer?.disconnect();
    };
  }, [ref]);
  return edges;
}
