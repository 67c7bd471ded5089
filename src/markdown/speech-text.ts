/** Longest text a finished block is announced with: a screen reader user can read on in the reply itself. */
export const SPEECH_LIMIT = 600;

/**
 * A markdown block as a screen reader should speak it when it is announced: markup removed (heading
 * and list markers, emphasis, code ticks, fences, table rules), links and images as their text, at
 * most `SPEECH_LIMIT` characters (cut at a word, with "…"). Linear in the block.
 */
export function speechText(block: string): string {
  const lines: string[] = [];
  for (const raw of block.split("\n")) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(raw)) continue; // fence lines
    if (/^[\s|:-]+$/.test(raw) && raw.includes("-")) continue; // table delimiter rows, thematic breaks
    const heading = /^\s{0,3}#{1,6}\s+/.exec(raw);
    let line = heading
      ? raw.slice(heading[0].length)
      : raw.replace(/^\s*(?:>\s?)+/, "").replace(/^\s*(?:[-+*]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/, "");
    line = line
      .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
      .replace(/(\*\*|__|~~|[*_`])/g, "")
      .replace(/\s*\|\s*/g, " ")
      .trim();
    if (line) lines.push(line);
    if (lines.join(" ").length > SPEECH_LIMIT) break;
  }
  const text = lines.join(" ");
  if (text.length <= SPEECH_LIMIT) return text;
  const cut = text.lastIndexOf(" ", SPEECH_LIMIT);
  return `${text.slice(0, cut > SPEECH_LIMIT / 2 ? cut : SPEECH_LIMIT)}…`;
}
