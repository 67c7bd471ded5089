import { splitBlocksWithStarts } from "./split-blocks";

/**
 * Link and image brackets a block may open before it counts as one that cannot be rendered cheaply: the markdown
 * parser's link matching is quadratic in them (40,000 `[` take minutes), while real replies open a handful per block.
 */
export const BLOCK_BRACKET_LIMIT = 2_000;

const OPEN_BRACKET = 91; // "["
const NEWLINE = 10;

/**
 * Decides where a reply is cut for display, if at all, looking at each character once however
 * often it is asked (a streaming reply asks every frame): a reply is cut when `force` (too long to
 * show whole) or when it holds a block that cannot be rendered cheaply: longer than `blockLimit`
 * characters (a run without a blank line: re-parsing it every frame would freeze the page), or opening
 * more than `bracketLimit` brackets. The cut is the end of the last whole block within `limit`
 * characters and before that block, so it never falls inside a block, except when the first block
 * alone is longer than `limit`. Returns the cut, or null to show the whole text.
 */
export function displayCut(
  limit: number,
  blockLimit: number,
  bracketLimit = BLOCK_BRACKET_LIMIT,
): (text: string, force: boolean) => number | null {
  let scanned = 0;
  let runStart = 0;
  let brackets = 0;
  let longAt: number | null = null;
  let cut: { upTo: number; at: number } | null = null;
  const tooCostly = (runEnd: number) => runEnd - runStart > blockLimit || brackets > bracketLimit;
  return (text, force) => {
    if (text.length < scanned) {
      scanned = 0;
      runStart = 0;
      brackets = 0;
      longAt = null;
      cut = null;
    }
    // Only the new text is scanned; a blank line that straddles the old end is found by looking one character back.
    for (let i = scanned; longAt === null && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === OPEN_BRACKET) brackets += 1;
      else if (c === NEWLINE && text.charCodeAt(i - 1) === NEWLINE) {
        if (tooCostly(i - 1)) longAt = runStart;
        runStart = i + 1;
        brackets = 0;
      }
    }
    scanned = text.length;
    if (longAt === null && tooCostly(text.length)) longAt = runStart;
    if (!force && longAt === null) return null;
    // A long first block leaves nothing whole to show: it is cut inside, at the limit.
    const upTo = longAt ? Math.min(limit, longAt) : limit;
    if (cut === null || cut.upTo !== upTo) cut = { upTo, at: cutAt(text, upTo, longAt) };
    return cut.at;
  };
}

function cutAt(text: string, upTo: number, longAt: number | null): number {
  if (text.length <= upTo) return text.length;
  // The prefix ends where the long block starts: its blocks are all whole.
  if (upTo === longAt) return trimEnd(text, upTo);
  // Up to the end of the line the cut falls in: whether a line starts a block is decided on the whole line.
  const lineEnd = text.indexOf("\n", upTo);
  const { starts } = splitBlocksWithStarts(text.slice(0, lineEnd === -1 ? text.length : lineEnd));
  // The last block starting within the limit may go on past it; every block before it is whole.
  let last = starts.length - 1;
  while (last > 0 && (starts[last] as number) > upTo) last -= 1;
  if (last <= 0) return upTo;
  return trimEnd(text, starts[last] as number);
}

function trimEnd(text: string, end: number): number {
  return text.slice(0, end).trimEnd().length;
}
