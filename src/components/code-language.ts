// Which fenced languages the code-block highlighter colours: in the main chunk, so a block knows whether to load the
// highlighter at all. How each is coloured lives in the highlighter's chunk (code-highlight.ts).

/** Fence info strings as models write them, for SQL, Cypher, JSON, YAML, shell, Python, TypeScript/JavaScript, Go and Java. */
const HIGHLIGHTED =
  /^(?:sql|postgres(?:ql)?|pgsql|mysql|sqlite|cypher|cql|neo4j|opencypher|gql|json[c5l]?|ndjson|ya?ml|sh|bash|shell|zsh|console|shellsession|py|python3?|tsx?|typescript|jsx?|javascript|mjs|go|golang|java)$/i;

/** Whether the highlighter colours a block fenced with `language`. */
export function isHighlighted(language: string | null | undefined): boolean {
  return !!language && HIGHLIGHTED.test(language);
}

/** A run of code: its class name (null for plain text) and its text. */
export interface CodeToken {
  className: string | null;
  text: string;
}

/**
 * One part of a code block as rendered: its runs, and the class that its unclassed runs take from a wrapper (`base`),
 * null when they keep the block's own colour.
 */
export interface CodeRuns {
  base: string | null;
  runs: CodeToken[];
}
