const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)/;
/** Link reference definitions and footnotes resolve across the whole document. */
const DOCUMENT_WIDE = /^ {0,3}\[[^\]\n]+\]:|\[\^[^\]\n]+\]/m;

/**
 * Splits markdown into top-level blocks at blank lines, so a reply can be rendered as memoised
 * blocks and only its last, growing block re-parses. Never splits inside a fenced code block, a
 * list (a blank line followed by another item) or an indented continuation (a list item's next
 * paragraph). Joining the blocks with "\n\n" gives back equivalent markdown.
 */
export function splitBlocks(text: string): string[] {
  return splitBlocksFrom(text, 0).blocks;
}

/** The blocks of `text` and the offset of each block's first line. */
export function splitBlocksWithStarts(text: string): BlockSplit {
  return { text, ...splitBlocksFrom(text, 0) };
}

/** Blocks of a text and where each starts (the offset of its first line). */
export interface BlockSplit {
  readonly text: string;
  readonly blocks: readonly string[];
  readonly starts: readonly number[];
}

/**
 * The blocks of `text` from offset `from` (a line start where a block begins: nothing before it
 * can continue into it, so the split from there equals the tail of the whole text's split).
 */
function splitBlocksFrom(text: string, from: number): { blocks: string[]; starts: number[] } {
  const blocks: string[] = [];
  const starts: number[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let blankBefore = false;
  let at = from;
  while (at <= text.length) {
    const newline = text.indexOf("\n", at);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(at, end);
    const lineStart = at;
    at = end + 1;
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (line.trim() === "") {
      if (current.length) blankBefore = true;
      continue;
    }
    if (blankBefore) {
      blankBefore = false;
      if (continuesBlock(current, line)) current.push("");
      else {
        blocks.push(current.join("\n"));
        current = [];
      }
    }
    if (marker) fence = marker;
    if (current.length === 0) starts.push(lineStart);
    current.push(line);
  }
  if (current.length) blocks.push(current.join("\n"));
  return { blocks, starts };
}

/**
 * The split of `text`, reusing `previous` when `text` only appends to it (a streaming reply): only
 * the last blocks are split again, so a delta costs the length of the growing block, not of the
 * reply. A block is final once the first line of the next block is complete: whether that line
 * continues it (another list item, an indented line) is decided on the whole line.
 */
export function extendSplit(previous: BlockSplit | null, text: string): BlockSplit & { reused: number } {
  const reused = previous ? reusable(previous, text) : 0;
  if (!previous || reused === 0) return { text, ...splitBlocksFrom(text, 0), reused: 0 };
  const tail = splitBlocksFrom(text, previous.starts[reused] as number);
  return {
    text,
    blocks: previous.blocks.slice(0, reused).concat(tail.blocks),
    starts: previous.starts.slice(0, reused).concat(tail.starts),
    reused,
  };
}

/** How many leading blocks of `previous` are final in `text` (0: split it all again). */
function reusable(previous: BlockSplit, text: string): number {
  // Not `startsWith`: it compares character by character, a millisecond a delta at 300 KB; equal flat strings are
  // compared as memory.
  if (text.length < previous.text.length || text.slice(0, previous.text.length) !== previous.text) return 0;
  const last = previous.blocks.length - 1;
  if (last <= 0) return 0;
  const lastLineDone = previous.text.indexOf("\n", previous.starts[last]) !== -1;
  return lastLineDone ? last : last - 1;
}

function continuesBlock(block: readonly string[], line: string): boolean {
  if (/^\s/.test(line)) return true;
  return LIST_ITEM.test(block[0] ?? "") && LIST_ITEM.test(line);
}

/** True when the text needs to be parsed as one document (reference links, footnotes). */
export function needsWholeDocument(text: string): boolean {
  return DOCUMENT_WIDE.test(text);
}

/**
 * Makes the unfinished tail of a streaming reply render as it will once complete, so nothing
 * flickers between literal markup and formatting: an open code fence is closed, a dangling `**`,
 * `*`, `_` or backtick is balanced, a half-written link shows its text, and a table whose delimiter
 * row has not arrived yet is already a table.
 */
export function repairTail(block: string): string {
  const open = openFence(block);
  if (open !== null) return `${block}\n${open}`;
  // A marker that opens nothing yet (the text ends with it) is left out: closed, it would show as `****` (or, alone
  // on a line, a thematic break) or as an empty code span's backticks until the next delta.
  let out = block.replace(TRAILING_OPENER, "$1").replace(TRAILING_NUMBER, "");
  out = repairLink(out);
  if (count(out.replace(/\*\*/g, ""), "`") % 2 === 1) out = out.endsWith("`") ? out.slice(0, -1) : `${out}\``;
  const closers = unclosedEmphasis(out);
  // Last: the markers close on the header's line, before the delimiter row a table's header is given.
  return repairTable(closers === "" ? out : closeAtEnd(out, closers));
}

/**
 * A link or image being written shows its text: `[text](url…`, `[text]` (not a task box's `[x]`) and `[text…` at
 * the end, read as `/!?\[([^\]\n]*)\]\([^)\s]*$/`, `/!?\[(?![ xX]\]$)([^\]\n]+)\]$/` and `/!?\[([^\]\n]*)$/` would
 * (each replaced by its text, in that order), but in linear time: those patterns took time in the square of a run
 * of brackets.
 */
function repairLink(text: string): string {
  let out = text;
  // `](` followed by no `)` or white space to the end: its link text, from the leftmost `[` that reaches it.
  let free = out.length;
  while (free > 0 && !/[)\s]/.test(out[free - 1] as string)) free -= 1;
  for (let at = out.indexOf("](", Math.max(0, free - 2)); at !== -1; at = out.indexOf("](", at + 1)) {
    const open = linkTextStart(out, at);
    if (open !== -1) {
      out = out.slice(0, open) + out.slice(out.indexOf("[", open) + 1, at);
      break;
    }
  }
  if (out.endsWith("]")) {
    const open = linkTextStart(out, out.length - 1);
    const label = open === -1 ? "" : out.slice(out.indexOf("[", open) + 1, -1);
    if (label !== "" && !/^[ xX]$/.test(label)) out = out.slice(0, open) + label;
  }
  const open = linkTextStart(out, out.length);
  return open === -1 ? out : out.slice(0, open) + out.slice(out.indexOf("[", open) + 1);
}

/**
 * Where the match of `!?\[[^\]\n]*` that ends at `end` starts: the leftmost `[` after the last `]` or line break
 * before `end` (with a `!` just before it), or -1.
 */
function linkTextStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && text[start - 1] !== "]" && text[start - 1] !== "\n") start -= 1;
  const open = text.indexOf("[", start);
  if (open === -1 || open >= end) return -1;
  return open > 0 && text[open - 1] === "!" ? open - 1 : open;
}

/** A last line of digits alone: an ordered list's marker, most likely, shown for a moment as a paragraph's text. */
const TRAILING_NUMBER = /(^|\n) {0,3}\d{1,9}$/;

/** `*`, `_` or `**` with nothing after it yet but spaces, at a line's start or after a space or parenthesis. */
const TRAILING_OPENER = /(^|[\s(])[*_]{1,3}[ ]*$/;

/** `marker` after the text and before the white space it ends with: a closer after a space closes nothing. */
function closeAtEnd(text: string, marker: string): string {
  const end = text.trimEnd().length;
  return text.slice(0, end) + marker + text.slice(end);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;

/**
 * The markers that close the emphasis and strong emphasis still open at the end of `text` (`*`, `_`, `**`, …,
 * innermost first), or "". Narrower than CommonMark on purpose, so a repair never invents emphasis the finished
 * text will not have: a run of `*` or `_` opens between a space, punctuation or the start and a letter or digit (so
 * `2*3` and `snake_case` open nothing), and closes an open run of the same character between a non-space and a
 * space, punctuation or the end. Escapes and code spans are skipped; an unclosed code span ends the search.
 */
function unclosedEmphasis(text: string): string {
  const open: { char: string; length: number }[] = [];
  // Open runs per character, so a closer knows at once whether it closes anything (text with thousands of
  // openers stays linear).
  const opened: Record<string, number> = { "*": 0, _: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\") {
      i += 1;
      continue;
    }
    let run = 1;
    while (text[i + run] === c) run += 1;
    if (c === "`") {
      const close = text.indexOf("`".repeat(run), i + run);
      if (close === -1) break;
      i = close + run - 1;
      continue;
    }
    if (c === "*" || c === "_") {
      const before = text[i - 1] ?? " ";
      const after = text[i + run] ?? " ";
      const closes = !/\s/.test(before) && !WORD_CHAR.test(after);
      if (closes && (opened[c] as number) > 0) {
        let left = run;
        while (left > 0 && open.at(-1)?.char === c) {
          const top = open.at(-1) as { char: string; length: number };
          const used = Math.min(left, top.length);
          top.length -= used;
          left -= used;
          if (top.length === 0) {
            open.pop();
            opened[c] = (opened[c] as number) - 1;
          }
        }
      } else if (SPACE_OR_PUNCTUATION.test(before) && WORD_CHAR.test(after)) {
        open.push({ char: c, length: run });
        opened[c] = (opened[c] as number) + 1;
      }
    }
    i += run - 1;
  }
  // Prose nests two or three; more open runs than this is not emphasis being written, and is left as it is.
  if (open.length > MAX_OPEN_EMPHASIS) return "";
  return open
    .reverse()
    .map((o) => o.char.repeat(o.length))
    .join("");
}

const MAX_OPEN_EMPHASIS = 8;

const TABLE_ROW = /^ {0,3}\|/;
const PARTIAL_DELIMITER = /^[\s|:-]*$/;

function repairTable(block: string): string {
  const [header, second, ...rest] = block.split("\n");
  if (header === undefined || !TABLE_ROW.test(header) || rest.length > 0) return block;
  // A table's first pipe, alone: nothing to show yet (as a paragraph, it would show the pipe).
  if (second === undefined && /^ {0,3}\|\s*$/.test(header)) return "";
  if (second !== undefined && !PARTIAL_DELIMITER.test(second)) return block;
  const columns = header.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").length;
  return `${header}\n|${" --- |".repeat(columns)}`;
}

const TABLE_LINE = /^ {0,3}\|/;
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

/**
 * A block that is one GFM table whose every row starts with a pipe: its header and delimiter lines, and its rows,
 * so it can be rendered in parts of rows (a row is parsed on its own line, so the parts read as the whole does).
 * Null for anything else: no body row yet, a header whose cells the delimiter row does not match, a row that
 * does not start with a pipe (it could start another block).
 */
export function tableBlockOf(block: string): { head: string; rows: string[] } | null {
  if (!TABLE_LINE.test(block)) return null; // most blocks: no need to split them into lines
  const lines = block.split("\n");
  const [header, delimiter, ...rows] = lines;
  if (header === undefined || delimiter === undefined || rows.length === 0 || block.includes("\r")) return null;
  if (!TABLE_LINE.test(header) || !rows.every((row) => TABLE_LINE.test(row))) return null;
  const delimiters = cells(delimiter);
  if (!delimiters.every((cell) => DELIMITER_CELL.test(cell)) || cells(header).length !== delimiters.length) return null;
  return { head: `${header}\n${delimiter}`, rows };
}

/** A table line's cells as GFM splits them: at pipes not escaped by a backslash, without the outer pipes. */
export function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "\\" && i + 1 < line.length) {
      cell += c + (line[i + 1] as string);
      i += 1;
    } else if (c === "|") {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  if (out.length > 1 && (out[0] as string).trim() === "") out.shift();
  if (out.length > 1 && (out[out.length - 1] as string).trim() === "") out.pop();
  return out;
}

/** An unindented opening fence line: its marker and info string. */
const OPENING_FENCE = /^(`{3,}|~{3,})(.*)$/;

/**
 * A block that is one fenced code block, closed or (in a streaming reply) still open: its language and its code as
 * the markdown parser would render them, so the block can be shown without the parser, and a growing code block
 * without parsing it again on every delta. Null for anything else, and whenever the parser's reading could differ
 * (an indented fence, escapes or character references in the info string, carriage returns, text after the fence).
 */
export function codeBlockOf(block: string): { language: string | null; code: string; open: boolean } | null {
  const firstEnd = block.indexOf("\n");
  const match = OPENING_FENCE.exec(firstEnd === -1 ? block : block.slice(0, firstEnd));
  if (!match) return null;
  const [, fence = "", info = ""] = match;
  if ((fence[0] === "`" && info.includes("`")) || /[\\&]/.test(info) || block.includes("\r")) return null;
  const language = info.trim().split(/\s+/)[0] || null;
  const body = firstEnd === -1 ? "" : block.slice(firstEnd + 1);
  for (let at = 0; at < body.length;) {
    const end = body.indexOf("\n", at);
    const line = body.slice(at, end === -1 ? body.length : end);
    const marker = FENCE.exec(line)?.[1];
    if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
      if (end !== -1) return null; // more text follows the closing fence: the parser decides what it is
      return { language, code: withFinalNewline(body.slice(0, Math.max(0, at - 1))), open: false };
    }
    if (end === -1) break;
    at = end + 1;
  }
  // An open fence runs to the end of the text; a final line break ends its last line, it adds no empty line.
  return { language, code: withFinalNewline(body.endsWith("\n") ? body.slice(0, -1) : body), open: true };
}

/** The parser's code text ends with a newline (mdast-util-to-hast adds it to a non-empty value). */
const withFinalNewline = (code: string) => (code ? `${code}\n` : "");

/** The marker of a fence left open at the end of `block` (with its indent), or null. */
function openFence(block: string): string | null {
  let fence: string | null = null;
  let indent = "";
  for (const line of block.split("\n")) {
    const match = FENCE.exec(line);
    const marker = match?.[1];
    if (fence === null) {
      if (marker) {
        fence = marker;
        indent = line.slice(0, line.indexOf(marker));
      }
    } else if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
      fence = null;
    }
  }
  return fence === null ? null : indent + fence;
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

/** A list item's line: its marker (a bullet, or a number and delimiter) at the line's start, then a space or nothing. */
const ITEM_LINE = /^(?:([-+*])|(\d{1,9})([.)]))(?: |$)/;
/** A thematic break (`---`, `* * *`): it looks like an item line but is not one. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/**
 * What could open another block inside an item, after the spaces that follow its marker: a nested list, a quote, a
 * heading, a fence, HTML, or a link definition (it would apply to the whole list).
 */
const NESTED_BLOCK_START = /^ {0,3}(?:[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|#{1,6}(?:\s|$)|`{3}|~{3}|<|\[[^\]]*\]:)/;
/** Five spaces after a marker start indented code. */
const ITEM_CODE = /^ {4}/;
/** A GFM task item: its list carries a class, so it is rendered whole. */
const TASK_ITEM = /^(?:[-+*]|\d{1,9}[.)]) +\[[ xX]\]/;
/** The start of an item line still being written (a number without its delimiter yet). */
const PARTIAL_MARKER = /^\d{1,9}$/;

/**
 * A block that is one tight list of one-line items, all with the same marker (bullet character, or delimiter), none
 * indented, none holding another block or a task box: its kind, start number and items, so it can be rendered item
 * by item (each item parses alone as it does in the list). Null for anything else. While `streaming`, a last line
 * that is only the start of a number (the next item's marker, half written) is left out.
 */
export function listBlockOf(
  block: string,
  streaming = false,
): { ordered: boolean; start: number; items: string[] } | null {
  const first = ITEM_LINE.exec(block);
  if (!first || block.includes("\r") || block.includes("\t")) return null;
  const bullet = first[1];
  const delimiter = first[3];
  const lines = block.split("\n");
  if (streaming && lines.length > 1 && PARTIAL_MARKER.test(lines[lines.length - 1] as string)) lines.pop();
  for (const line of lines) {
    const marker = ITEM_LINE.exec(line);
    if (!marker || marker[1] !== bullet || marker[3] !== delimiter) return null;
    if (THEMATIC_BREAK.test(line) || TASK_ITEM.test(line)) return null;
    const content = line.slice(marker[0].length);
    if (ITEM_CODE.test(content) || NESTED_BLOCK_START.test(content)) return null;
  }
  return { ordered: delimiter !== undefined, start: delimiter ? Number(first[2]) : 1, items: lines };
}
