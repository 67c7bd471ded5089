import { oneLine } from "../tool-parts/tool-status";
import { BACKTICK_NAME, BLOCK_COMMENT, DOUBLE_STRING, LINE_COMMENT, SINGLE_STRING } from "./cypher-lexemes";

/** Strings and quoted names (kept: a `//` inside one is not a comment), or a comment (dropped). */
const QUOTED_OR_COMMENT = new RegExp(
  `(${SINGLE_STRING}|${DOUBLE_STRING}|${BACKTICK_NAME})|${LINE_COMMENT}|${BLOCK_COMMENT}`,
  "g",
);

/**
 * The query on one line, comments dropped, for a card's header. A regex rather than the highlighter's
 * tokenizer, which loads only when a query is shown; both read strings and comments by the same lexemes.
 */
export function querySummary(query: string): string {
  const head = query.length > 2_000 ? query.slice(0, 2_000) : query;
  return oneLine(head.replace(QUOTED_OR_COMMENT, (_, quoted: string | undefined) => quoted ?? ""));
}
