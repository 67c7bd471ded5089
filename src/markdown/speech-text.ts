/** Longest text a finished block is announced with: a screen reader user can read on in the reply itself. */
export const SPEECH_LIMIT = 600;

/**
 * A markdown block as a screen reader should speak it when it is announced: markup removed (heading,
 * quote and list markers, emphasis, code ticks, fences, table rules), links and images as their
 * text, at most `SPEECH_LIMIT` characters (cut at a word, with "…"). Linear in the block.
 */
export function speechText(block: string): string {
  const text = block
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, "")
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/^\s*(#{1,6}|>|[-+*]|\d{1,9}[.)])\s+|[*`~]/gm, "")
    .replace(/^[\s|:-]*-[\s|:-]*$/gm, "")
    .replace(/[\s|]+/g, " ")
    .trim();
  if (text.length <= SPEECH_LIMIT) return text;
  const cut = text.lastIndexOf(" ", SPEECH_LIMIT);
  return `${text.slice(0, cut > SPEECH_LIMIT / 2 ? cut : SPEECH_LIMIT)}…`;
}
