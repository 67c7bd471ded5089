import { oneLine } from "../tool-parts/tool-status";

/** Strings and quoted names (kept: a `//` inside one is not a comment), or a comment (dropped). */
const QUOTED_OR_COMMENT =
  /('(?:[^'\\]|\\[\s\S])*(?:'|$)|"(?:[^"\\]|\\[\s\S])*(?:"|$)|`(?:[^`]|``)*(?:`|$))|\/\/[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;

/**
 * The query on one line, comments dropped, for a card's header. A regex rather than the highlighter's
 * tokenizer, which loads only when a query is shown; both read strings and comments alike.
 */
export function querySummary(query: string): string {
  const head = query.length > 2_000 ? query.slice(0, 2_000) : query;
  return oneLine(head.replace(QUOTED_OR_COMMENT, (_, quoted: string | undefined) => quoted ?? ""));
}
