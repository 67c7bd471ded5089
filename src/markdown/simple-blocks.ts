import { AUTOLINK_LITERAL_CANDIDATE } from "./remark-skip-autolink-literals";
import { cells } from "./split-blocks";

/**
 * Inline content simple enough to read without the markdown parser: text, `**strong**`, `*emphasis*` (or with
 * underscores), `` `code` `` and `[links](https://…)`, none nested. Most of a reply's paragraphs, headings and list
 * items are only this, and reading them directly costs a few microseconds where the parser costs milliseconds per
 * delta. Anything the parser could read differently is left to it (see `simpleInline`).
 */
export type SimpleInline =
  | string
  | { readonly kind: "strong" | "emphasis" | "code"; readonly text: string }
  | { readonly kind: "link"; readonly text: string; readonly destination: string };

/** A one-line block of simple inline content: a paragraph, an ATX heading, or a list item alone. */
export type SimpleBlock =
  | { readonly kind: "paragraph"; readonly inline: readonly SimpleInline[] }
  | { readonly kind: "heading"; readonly depth: 1 | 2 | 3 | 4 | 5 | 6; readonly inline: readonly SimpleInline[] }
  | { readonly kind: "item"; readonly inline: readonly SimpleInline[] };

/**
 * Characters that start or may start a construct (or that the parser rewrites: escapes, character references,
 * HTML, GFM's strikethrough, tables and email autolinks), control characters, and Unicode spaces the parser may
 * trim or treat as whitespace next to a delimiter. Any of these outside a construct read here: leave it to the
 * parser.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what it finds
const SPECIAL = /[\\`*_[\]<&~|@\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** Control characters and Unicode spaces, in any part of the block (code spans included). */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NEVER = /[\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const ALNUM = /^[A-Za-z0-9]$/;
/** What may follow a closing delimiter after a letter or digit: it is then right-flanking only. */
const AFTER_CLOSER = new Set([undefined, " ", ".", ",", ":", ";", "!", "?", ")"]);
/** A link destination as models write them; none of these is rewritten by the parser's URL normalisation. */
const DESTINATION_CHAR = /^[A-Za-z0-9\-._~:/?#=+,;]$/;
/** A link's destination, to check the rest of the block for autolink literal candidates. */
const LINK_DESTINATION = /\]\([^()\s]*\)/g;

const isAlnum = (c: string | undefined) => c !== undefined && ALNUM.test(c);
const SPECIAL_FROM = new RegExp(SPECIAL.source, "g");

/** Where the next special character is from `from` on (the line's length if none): plain text is skipped whole. */
function nextSpecial(line: string, from: number): number {
  SPECIAL_FROM.lastIndex = from;
  return SPECIAL_FROM.exec(line)?.index ?? line.length;
}

/**
 * The inline content of one line, or null when the parser could read it as anything but simple text and
 * unnested `**strong**`, `*emphasis*`, `` `code` `` and `[text](destination)`. Deliberately narrow: a delimiter
 * must open after a space, a parenthesis or the line's start, before a letter or digit, and close after a
 * non-space, before a space, the end or (after a letter or digit) punctuation, with nothing special between; a code
 * span is one backtick each side around text that neither starts nor ends with a space; a link's text holds nothing
 * special and its destination is a plain URL without a title. No autolink literal candidate may appear outside a
 * link's destination.
 */
export function simpleInline(line: string): SimpleInline[] | null {
  if (NEVER.test(line) || AUTOLINK_LITERAL_CANDIDATE.test(line.replace(LINK_DESTINATION, "]()"))) return null;
  const out: SimpleInline[] = [];
  let text = 0; // where the text not yet pushed starts
  for (let at = nextSpecial(line, 0); at < line.length; at = nextSpecial(line, text)) {
    const c = line[at];
    const construct =
      c === "*" || c === "_"
        ? emphasisAt(line, at, c)
        : c === "`"
          ? codeAt(line, at)
          : c === "[" && line[at - 1] !== "!" // `![`: an image
            ? linkAt(line, at)
            : null;
    if (!construct) return null;
    if (at > text) out.push(line.slice(text, at));
    out.push(construct.node);
    text = construct.end;
  }
  if (text < line.length) out.push(line.slice(text));
  return out;
}

function emphasisAt(line: string, at: number, delimiter: "*" | "_"): { node: SimpleInline; end: number } | null {
  let run = 1;
  while (line[at + run] === delimiter) run += 1;
  if (run > 2) return null;
  const before = line[at - 1];
  if (!(before === undefined || before === " " || before === "(") || !isAlnum(line[at + run])) return null;
  // The content holds nothing special: the first special character must be the closing run.
  const close = nextSpecial(line, at + run);
  if (line[close] !== delimiter) return null;
  let closing = 1;
  while (line[close + closing] === delimiter) closing += 1;
  if (closing !== run) return null;
  const last = line[close - 1] as string;
  const after = line[close + run];
  if (last === " ") return null;
  if (isAlnum(last) ? !AFTER_CLOSER.has(after) : !(after === undefined || after === " ")) return null;
  return {
    node: { kind: run === 2 ? "strong" : "emphasis", text: line.slice(at + run, close) },
    end: close + run,
  };
}

function codeAt(line: string, at: number): { node: SimpleInline; end: number } | null {
  if (line[at + 1] === "`") return null;
  const close = line.indexOf("`", at + 1);
  if (close === -1 || line[close + 1] === "`") return null;
  const code = line.slice(at + 1, close);
  if (!code || code.startsWith(" ") || code.endsWith(" ")) return null;
  return { node: { kind: "code", text: code }, end: close + 1 };
}

function linkAt(line: string, at: number): { node: SimpleInline; end: number } | null {
  const close = nextSpecial(line, at + 1);
  if (line[close] !== "]" || line[close + 1] !== "(") return null;
  const text = line.slice(at + 1, close);
  if (!text || text.startsWith("^")) return null;
  let end = close + 2;
  while (end < line.length && DESTINATION_CHAR.test(line[end] as string)) end += 1;
  if (line[end] !== ")" || end === close + 2) return null;
  return { node: { kind: "link", text, destination: line.slice(close + 2, end) }, end: end + 1 };
}

const ORDERED_MARKER = /^\d{1,9}[.)](?: |$)/;
const HEADING = /^(#{1,6}) +(.*)$/;
/** How a paragraph may start: anything else could open another block (or be indented code, or lazy text). */
const PARAGRAPH_START = /^(?:[A-Za-z0-9("'\u0080-\uffff]|\*\*?[A-Za-z0-9]|__?[A-Za-z0-9]|`[^`]|\[)/;

/** The trailing spaces the parser drops from a paragraph or heading. */
const trimEnd = (line: string) => line.replace(/ +$/, "");

/**
 * A block that is one line of simple inline content (see `simpleInline`): a paragraph, or an ATX heading without
 * a closing sequence. Null for anything else.
 */
export function simpleBlockOf(block: string): SimpleBlock | null {
  if (block.includes("\n")) return null;
  const heading = HEADING.exec(block);
  if (heading) {
    const content = trimEnd(heading[2] as string);
    if (!content || content.includes("#")) return null;
    const inline = simpleInline(content);
    return inline && { kind: "heading", depth: (heading[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6, inline };
  }
  return paragraphOf(block, "paragraph");
}

const ITEM = /^(?:[-+*]|\d{1,9}[.)]) (?=\S)/;

/** A list item alone, on one line, its marker followed by one space and simple inline content. Null otherwise. */
export function simpleItemOf(item: string): SimpleBlock | null {
  if (item.includes("\n")) return null;
  const marker = ITEM.exec(item);
  return marker ? paragraphOf(item.slice(marker[0].length), "item") : null;
}

function paragraphOf(line: string, kind: "paragraph" | "item"): SimpleBlock | null {
  const content = trimEnd(line);
  if (!PARAGRAPH_START.test(content) || ORDERED_MARKER.test(content)) return null;
  const inline = simpleInline(content);
  return inline && { kind, inline };
}

/** A column's alignment, from its delimiter cell (`:--`, `:-:`, `--:`). */
export type ColumnAlign = "left" | "center" | "right" | null;

/** A GFM table's header, or some of its rows with its header, of simple inline cells (see `simpleTableOf`). */
export interface SimpleTable {
  readonly align: readonly ColumnAlign[];
  readonly head: readonly (readonly SimpleInline[])[];
  readonly rows: readonly (readonly (readonly SimpleInline[])[])[];
}

/**
 * A table's header and delimiter lines, then any of its rows (as `tableBlockOf` gives them), every cell of simple
 * inline content. A row is cut or padded with empty cells to the header's width, as GFM does. Null otherwise.
 */
export function simpleTableOf(markdown: string): SimpleTable | null {
  const [header = "", delimiter = "", ...lines] = markdown.split("\n");
  const align = cells(delimiter).map(alignOf);
  const head = inlineCells(header, align.length);
  if (!head || head.length !== align.length) return null;
  const rows: (readonly SimpleInline[])[][] = [];
  for (const line of lines) {
    const row = inlineCells(line, align.length);
    if (!row) return null;
    while (row.length < align.length) row.push([]);
    rows.push(row);
  }
  return { align, head, rows };
}

function alignOf(cell: string): ColumnAlign {
  const spec = cell.trim();
  const left = spec.startsWith(":");
  const right = spec.endsWith(":");
  return left && right ? "center" : right ? "right" : left ? "left" : null;
}

/** A row's first `width` cells, read as simple inline content; null if any is not. */
function inlineCells(line: string, width: number): (readonly SimpleInline[])[] | null {
  const out: (readonly SimpleInline[])[] = [];
  for (const cell of cells(line).slice(0, width)) {
    // GFM unescapes `\|` in a cell before reading it, even inside a code span.
    // Only spaces are trimmed: other whitespace, kept by the parser, leaves the cell to it.
    const inline = cell.includes("\\") ? null : simpleInline(cell.replace(/^ +| +$/g, ""));
    if (!inline) return null;
    out.push(inline);
  }
  return out;
}
