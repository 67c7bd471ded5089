import * as lexemes from "./cypher-lexemes";

export type CypherTokenKind =
  "keyword" | "function" | "string" | "number" | "param" | "label" | "comment" | "punct" | "ident" | "space";

export interface CypherToken {
  kind: CypherTokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    "match optional where return with unwind call yield create merge set delete detach remove foreach load csv from headers " +
    "order by skip limit asc ascending desc descending distinct as and or xor not in is null true false starts ends contains " +
    "case when then else end union all exists on use explain profile"
  ).split(" "),
);

/** Keywords that are also functions when called: `exists(n.x)`, `all(x IN xs WHERE ...)`. */
const CALLABLE_KEYWORDS = new Set(["exists", "all"]);

const SPACE = /\s+/y;
const LINE_COMMENT = new RegExp(lexemes.LINE_COMMENT, "y");
const BLOCK_COMMENT = new RegExp(lexemes.BLOCK_COMMENT, "y");
const SINGLE_STRING = new RegExp(lexemes.SINGLE_STRING, "y");
const DOUBLE_STRING = new RegExp(lexemes.DOUBLE_STRING, "y");
const BACKTICK_NAME = new RegExp(lexemes.BACKTICK_NAME, "y");
const PARAM = /\$(?:[\p{L}_][\p{L}\p{N}_]*|\d+|`(?:[^`]|``)*`?)/uy;
const NUMBER = /0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?/iy;
const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const OPERATOR = /<>|<=|>=|=~|->|<-|\.\.|\+=|::|[()[\]{},.;:|*+\-/%^=<>!&?]/y;
/** A (possibly namespaced) call follows: `(`, or `.name(` as in `db.labels()` or `apoc.coll.sum(`. */
const CALL_AHEAD = /(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*\s*\(/uy;
const COLON_AHEAD = /\s*:(?!:)/y;

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m && m[0].length > 0 ? m[0] : null;
}

/**
 * Splits a Cypher query into coloured tokens. The tokens always concatenate back to the exact
 * input, so rendering them never changes what the user copies or reads.
 */
export function highlightCypher(query: string): CypherToken[] {
  const tokens: CypherToken[] = [];
  const brackets: string[] = [];
  // The last two tokens that are neither space nor comment: labels and map keys depend on them.
  const seen: { prev: CypherToken | null; prevPrev: CypherToken | null } = { prev: null, prevPrev: null };
  let i = 0;

  const push = (kind: CypherTokenKind, text: string) => {
    const token = { kind, text };
    tokens.push(token);
    if (kind !== "space" && kind !== "comment") {
      seen.prevPrev = seen.prev;
      seen.prev = token;
    }
    i += text.length;
  };

  while (i < query.length) {
    const ch = query.charAt(i);
    let m: string | null;
    if ((m = matchAt(SPACE, query, i))) push("space", m);
    else if ((m = matchAt(LINE_COMMENT, query, i) ?? matchAt(BLOCK_COMMENT, query, i))) push("comment", m);
    else if ((m = matchAt(SINGLE_STRING, query, i) ?? matchAt(DOUBLE_STRING, query, i))) push("string", m);
    else if ((m = matchAt(PARAM, query, i))) push("param", m);
    else if ((m = matchAt(NUMBER, query, i))) push("number", m);
    else if ((m = matchAt(IDENT, query, i) ?? matchAt(BACKTICK_NAME, query, i))) {
      push(classifyName(m, query, i + m.length, seen.prev, seen.prevPrev, brackets.at(-1)), m);
    } else if ((m = matchAt(OPERATOR, query, i))) {
      if (m === "(" || m === "[" || m === "{") brackets.push(m);
      else if (m === ")" || m === "]" || m === "}") brackets.pop();
      push("punct", m);
    } else {
      push("ident", ch);
    }
  }
  return tokens;
}

function classifyName(
  name: string,
  query: string,
  end: number,
  prev: CypherToken | null,
  prevPrev: CypherToken | null,
  bracket: string | undefined,
): CypherTokenKind {
  const quoted = name.startsWith("`");
  const lower = name.toLowerCase();
  const inMap = bracket === "{";
  if (inMap && matchAt(COLON_AHEAD, query, end)) return "ident"; // a map key such as `{limit: 5}`
  if (prev?.kind === "punct" && prev.text === ":" && !inMap) return "label";
  // Label and type expressions: `:A|B`, `:A&B`, `:!A`.
  if (
    prev?.kind === "punct" &&
    (prev.text === "|" || prev.text === "&" || prev.text === "!") &&
    prevPrev?.kind === "label"
  ) {
    return "label";
  }
  const called = !quoted && matchAt(CALL_AHEAD, query, end) !== null;
  if (prev?.kind === "punct" && prev.text === ".") return called ? "function" : "ident"; // property keys, even `n.end`
  if (!quoted && KEYWORDS.has(lower)) return called && CALLABLE_KEYWORDS.has(lower) ? "function" : "keyword";
  return called ? "function" : "ident";
}

/** CSS class of a token kind; plain identifiers and whitespace get none. */
export const TOKEN_CLASS: Record<CypherTokenKind, string | null> = {
  keyword: "tracy-cy-kw",
  function: "tracy-cy-fn",
  string: "tracy-cy-str",
  number: "tracy-cy-num",
  param: "tracy-cy-param",
  label: "tracy-cy-label",
  comment: "tracy-cy-comment",
  punct: "tracy-cy-punct",
  ident: null,
  space: null,
};
