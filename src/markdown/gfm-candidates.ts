import { AUTOLINK_LITERAL_CANDIDATE } from "./remark-skip-autolink-literals";

/**
 * What any GFM construct needs in its text: `~` (strikethrough), `|` (a table), `[^` (a footnote), `[ ]` or `[x]`
 * (a task), or an autolink literal's candidate. A superset: markdown with none of these parses the same with
 * CommonMark alone, at about half the cost (GFM's extensions are tried at every character).
 */
const GFM_CANDIDATE = /[~|]|\[\^|\[[ xX]\]/;

/** Whether `markdown` may hold a GFM construct (see `GFM_CANDIDATE`). */
export function mayHoldGfm(markdown: string): boolean {
  return GFM_CANDIDATE.test(markdown) || AUTOLINK_LITERAL_CANDIDATE.test(markdown);
}

/** An inline link's or image's destination, without a title: `](https://clawtrace.example/traces/1)`. */
const LINK_DESTINATION = /\]\([^()\s]*\)/g;

/**
 * Whether `markdown` may hold a GFM construct outside its links' destinations: a reply that links spans and traces
 * has `://` in every link, where GFM finds no autolink. A guess, checked on the parsed tree (`remarkGfmIfNeeded`).
 */
export function mayHoldGfmOutsideLinks(markdown: string): boolean {
  return mayHoldGfm(markdown.replace(LINK_DESTINATION, "]()"));
}
