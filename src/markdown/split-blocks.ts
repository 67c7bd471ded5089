const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Splits markdown into top-level blocks at blank lines, never inside a fenced code block, so a
 * streaming reply can re-render only its last, growing block. Joining the blocks with "\n\n"
 * gives back equivalent markdown.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      current.push(line);
      continue;
    }
    if (line.trim() === "") {
      if (current.length) blocks.push(current.join("\n"));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join("\n"));
  return blocks;
}

/**
 * Makes the unfinished tail of a streaming reply render as it will once complete: an open code
 * fence is closed, and a dangling `**`, `_` or backtick is balanced, so nothing flickers between
 * literal markers and formatting.
 */
export function repairTail(block: string): string {
  const lines = block.split("\n");
  const first = FENCE.exec(lines[0] ?? "")?.[1];
  if (first) {
    const closed = lines.length > 1 && (lines[lines.length - 1] ?? "").trim().startsWith(first);
    return closed ? block : `${block}\n${first}`;
  }
  let out = block;
  if (count(out, "**") % 2 === 1) out += "**";
  if (count(out.replace(/\*\*/g, ""), "`") % 2 === 1) out += "`";
  return out;
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n += 1;
  return n;
}
