import { useEffect, useRef, type RefObject } from "react";

/** The attribute flipped on a reply group to release its layout (see `useReleasableLayout`). */
export const RELAYOUT_ATTRIBUTE = "data-relayout";

const SKIP_CHANGE = "contentvisibilityautostatechange";

/**
 * A finished reply group that gives its layout back while the browser skips it.
 *
 * A finished group is `content-visibility: auto`: while it is off screen (past the browser's margin), the browser
 * skips its layout and paint but keeps the boxes, line fragments and shaped glyph runs of when it was shown. After
 * a long reply those are most of the page's heap (about 50,000 movable backings after 320 KB), and every
 * memory-reducing garbage collection compacts them in one pause. So when the browser starts skipping a group that
 * has layout, the group is flipped between two displays that lay it out alike (`flow-root`, and `block` with the
 * attribute: a contained box is its own formatting context either way). A change of display rebuilds the group's
 * layout tree, and a skipped subtree is only built again when it is shown. The DOM stays as it is, and the group
 * keeps its remembered height: the browser treats it as any other skipped group (one never shown has no layout either).
 *
 * Only on the browser's word that it skips the group: rebuilt while still rendered, a group is laid out again at
 * once, whole. Where the browser does not send `contentvisibilityautostatechange`, nothing is released.
 */
export function useReleasableLayout(): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const group = ref.current;
    if (!group) return;
    // It may have been laid out before it was finished, as the reply's last group, still growing.
    let laidOut = true;
    let frame = 0;
    const release = () => {
      laidOut = false;
      group.toggleAttribute(RELAYOUT_ATTRIBUTE);
    };
    const onSkipChange = (event: Event) => {
      // Cancelling a frame that has already run does nothing.
      cancelAnimationFrame(frame);
      if (!(event as ContentVisibilityAutoStateChangeEvent).skipped) laidOut = true;
      // A group that just became `content-visibility: auto` is reported skipped until the browser has placed it,
      // then shown a frame later if it is on screen: only a skip that lasts two frames releases. The last group (the
      // one still growing) is not `content-visibility: auto`: it would be laid out again at once.
      else if (laidOut && group.nextElementSibling !== null)
        frame = requestAnimationFrame(() => (frame = requestAnimationFrame(release)));
    };
    group.addEventListener(SKIP_CHANGE, onSkipChange);
    return () => {
      group.removeEventListener(SKIP_CHANGE, onSkipChange);
      cancelAnimationFrame(frame);
    };
  }, []);
  return ref;
}
