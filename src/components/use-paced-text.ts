import { useEffect, useRef, useState } from "react";

/**
 * How often a streaming reply's text is shown anew: 20 times a second. Reading speed is a few
 * words a second, so this looks as live as every frame, and it renders, lays out and paints a
 * third as often as a 60 Hz display would ask.
 */
export const STREAM_PACE_MS = 50;

/**
 * The text to show of a reply that may be streaming: while `streaming`, at most one new text per
 * `intervalMs` (the latest, never a stale one: a change arriving early is shown when the interval
 * ends); otherwise `text` itself, at once, so the final reply never waits.
 */
export function usePacedText(text: string, streaming: boolean, intervalMs: number = STREAM_PACE_MS): string {
  const [shown, setShown] = useState(text);
  const lastShown = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (!streaming || text === shown) return;
    const wait = Math.max(0, lastShown.current + intervalMs - Date.now());
    const id = setTimeout(() => {
      lastShown.current = Date.now();
      setShown(text);
    }, wait);
    return () => clearTimeout(id);
  }, [text, streaming, shown, intervalMs]);
  return streaming ? shown : text;
}
