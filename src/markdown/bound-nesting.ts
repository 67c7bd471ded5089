/**
 * Block containers (block quotes, list items, footnote definitions) one line may be nested in
 * before its next marker is shown as text. Markdown's parser and renderer cost grows faster than
 * the nesting (and overflows the stack past a few thousand levels), so a model could otherwise
 * freeze or crash the page with 4 KB of `- - - - …`.
 */
export const MAX_NESTING = 16;

const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/y;
const FOOTNOTE_LABEL = /\[\^[^\]\n]+\]:/y;

/**
 * Escapes every container marker that could open a container deeper than `max` levels, so the
 * rest of that line is text. Decided line by line: a line's depth is at most its markers plus
 * half its indentation columns (each list level continued by indentation takes at least two), so
 * counting both over-estimates the real depth and no container is ever opened deeper than `max`.
 * Legitimate replies never come near; the cost is a stray backslash in a code line indented more
 * than 2 × `max` columns that starts with `-`, `>` or `1.`.
 */
export function boundNesting(text: string, max: number = MAX_NESTING): string {
  let lines: string[] | null = null;
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end === -1 ? text.length : end);
    const bounded = boundLine(line, max);
    if (bounded !== line) {
      lines ??= text.split("\n");
      lines[index] = bounded;
    }
    if (end === -1) break;
    start = end + 1;
    index += 1;
  }
  return lines ? lines.join("\n") : text;
}

function boundLine(line: string, max: number): string {
  let depth = 0;
  let pos = 0;
  while (pos < line.length) {
    let columns = 0;
    for (let c = line[pos]; c === " " || c === "\t"; c = line[++pos]) columns += c === "\t" ? 4 : 1;
    depth += columns >> 1;
    const marker = markerAt(line, pos);
    if (marker === 0) return line;
    if (depth + 1 > max) return escapeAt(line, pos, marker);
    depth += 1;
    pos += marker;
  }
  return line;
}

/** Length of the container marker starting at `pos`, or 0. */
function markerAt(line: string, pos: number): number {
  if (line[pos] === ">") return 1;
  LIST_MARKER.lastIndex = pos;
  const list = LIST_MARKER.exec(line);
  if (list) return list[0].length;
  FOOTNOTE_LABEL.lastIndex = pos;
  return FOOTNOTE_LABEL.exec(line)?.[0].length ?? 0;
}

/** A backslash before the marker's punctuation makes it literal text. */
function escapeAt(line: string, pos: number, length: number): string {
  const at = /\d/.test(line[pos] ?? "") ? pos + length - 1 : pos;
  return `${line.slice(0, at)}\\${line.slice(at)}`;
}

/**
 * Link brackets a block may leave open at once before all its brackets are shown as text. The parser's link
 * matching is quadratic in open brackets: the hostile corpus's 80 kB of `[[[…]]]`, shown whole, was a 3.8 s task (0.5 s bounded).
 * Replies leave one or two open.
 */
export const MAX_OPEN_BRACKETS = 1_000;

const OPEN_BRACKET = 91; // "["
const CLOSE_BRACKET = 93; // "]"

/** `text`, or with every bracket escaped once more than `max` are open at the same time. */
export function boundBrackets(text: string, max: number = MAX_OPEN_BRACKETS): string {
  // Most blocks are shorter than the limit: the streaming one is checked on every update, so they skip the scan.
  if (text.length <= max) return text;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET) {
      if (++open > max) return text.replace(/[[\]]/g, "\\$&");
    } else if (c === CLOSE_BRACKET && open > 0) open -= 1;
  }
  return text;
}
