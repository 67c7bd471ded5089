import type { Element, Root, RootContent } from "hast";
import { createLowlight } from "lowlight";
import bash from "highlight.js/lib/languages/bash";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";
import { highlightCypher, type CypherTokenKind } from "./cypher/highlight-cypher";
import type { CodeRuns, CodeToken } from "./code-language";

export type CodeLanguage = "sql" | "cypher" | "json" | "yaml" | "shell" | "python" | "typescript" | "go" | "java";

/** How a colour is chosen: the Cypher card's palette, colours only, so plain and highlighted text measure the same. */
type CodeTokenKind = "keyword" | "function" | "string" | "number" | "param" | "label" | "comment" | "punct";

interface KindToken {
  kind: CodeTokenKind | null;
  text: string;
}

/** Fence info strings as models write them (lower-cased), for each highlighted language; see `isHighlighted`. */
const ALIASES: Readonly<Record<string, CodeLanguage>> = {
  sql: "sql",
  postgres: "sql",
  postgresql: "sql",
  pgsql: "sql",
  mysql: "sql",
  sqlite: "sql",
  cypher: "cypher",
  cql: "cypher",
  neo4j: "cypher",
  opencypher: "cypher",
  gql: "cypher",
  json: "json",
  jsonc: "json",
  json5: "json",
  jsonl: "json",
  ndjson: "json",
  yaml: "yaml",
  yml: "yaml",
  sh: "shell",
  bash: "shell",
  shell: "shell",
  zsh: "shell",
  console: "shell",
  shellsession: "shell",
  python: "python",
  py: "python",
  python3: "python",
  typescript: "typescript",
  ts: "typescript",
  tsx: "typescript",
  javascript: "typescript",
  js: "typescript",
  jsx: "typescript",
  mjs: "typescript",
  go: "go",
  golang: "go",
  java: "java",
};

/** The highlighted language a fence names, or null (no language, or one the panel leaves plain). */
export function codeLanguage(fence: string | null | undefined): CodeLanguage | null {
  const key = fence?.toLowerCase() ?? "";
  return Object.hasOwn(ALIASES, key) ? (ALIASES[key] ?? null) : null;
}

/** CSS class of each token kind. */
const CODE_TOKEN_CLASS: Readonly<Record<CodeTokenKind, string>> = {
  keyword: "tracy-hl-kw",
  function: "tracy-hl-fn",
  string: "tracy-hl-str",
  number: "tracy-hl-num",
  param: "tracy-hl-param",
  label: "tracy-hl-label",
  comment: "tracy-hl-comment",
  punct: "tracy-hl-punct",
};

// The code-block highlighter: highlight.js grammars through lowlight, which builds a syntax tree rather than HTML, and
// the panel's own Cypher tokenizer. One lazily loaded chunk, so replies without code never pay for it.

const lowlight = createLowlight({ bash, go, java, json, python, sql, typescript, yaml });

/** highlight.js scope (its first word, `title.function` → `title`) → the panel's token kinds; unlisted scopes stay plain. */
const SCOPE_KIND: Readonly<Record<string, CodeTokenKind>> = {
  keyword: "keyword",
  literal: "number",
  built_in: "function",
  title: "function",
  type: "label",
  string: "string",
  regexp: "string",
  char: "string",
  symbol: "string",
  number: "number",
  variable: "param",
  "template-variable": "param",
  params: "param",
  attr: "label",
  attribute: "label",
  property: "label",
  tag: "label",
  name: "label",
  "selector-tag": "label",
  comment: "comment",
  doctag: "comment",
  quote: "comment",
  meta: "param",
  punctuation: "punct",
  operator: "punct",
};

const CYPHER_KIND: Readonly<Record<CypherTokenKind, CodeTokenKind | null>> = {
  keyword: "keyword",
  function: "function",
  string: "string",
  number: "number",
  param: "param",
  label: "label",
  comment: "comment",
  punct: "punct",
  ident: null,
  space: null,
};

/** What highlight.js calls each language; Cypher is not one of its grammars. */
const GRAMMAR: Readonly<Record<Exclude<CodeLanguage, "cypher">, string>> = {
  sql: "sql",
  json: "json",
  yaml: "yaml",
  shell: "bash",
  python: "python",
  typescript: "typescript",
  go: "go",
  java: "java",
};

/**
 * Splits `code` into tokens that concatenate back to exactly `code`, or null when the fence's language is not one
 * the panel highlights (the block then stays plain). Never throws: a grammar that fails leaves the block plain.
 */
export function highlightCode(fenceLanguage: string | null, code: string): CodeToken[] | null {
  const language = codeLanguage(fenceLanguage);
  if (language === null) return null;
  if (language === "cypher") {
    return classed(merge(highlightCypher(code).map((t) => ({ kind: CYPHER_KIND[t.kind], text: t.text }))));
  }
  let tree: Root;
  try {
    tree = lowlight.highlight(GRAMMAR[language], code);
  } catch {
    return null;
  }
  const tokens: KindToken[] = [];
  for (const child of tree.children) flatten(child, null, tokens);
  const merged = merge(tokens);
  // The tree always holds the whole text; checked anyway, since what is shown must be what is copied.
  return merged.map((t) => t.text).join("") === code ? classed(merged) : null;
}

/** Nested scopes (a variable inside a string) become one flat run each, coloured by the innermost scope known. */
function flatten(node: RootContent, inherited: CodeTokenKind | null, out: KindToken[]): void {
  if (node.type === "text") {
    out.push({ kind: inherited, text: node.value });
  } else if (node.type === "element") {
    const kind = kindOf(node) ?? inherited;
    for (const child of node.children) flatten(child, kind, out);
  }
}

function kindOf(node: Element): CodeTokenKind | null {
  const classes = node.properties["className"];
  if (!Array.isArray(classes)) return null;
  for (const c of classes) {
    if (typeof c !== "string" || !c.startsWith("hljs-")) continue;
    const scope = c.slice(5).split(".")[0] ?? "";
    const kind = SCOPE_KIND[scope];
    if (kind) return kind;
  }
  return null;
}

/** Adjacent runs of one kind become one, so a block is as few elements as its colours need. */
function merge(tokens: readonly KindToken[]): KindToken[] {
  const out: KindToken[] = [];
  for (const t of tokens) {
    if (t.text === "") continue;
    const last = out.at(-1);
    if (last && last.kind === t.kind) out[out.length - 1] = { kind: last.kind, text: last.text + t.text };
    else out.push(t);
  }
  return out;
}

function classed(tokens: readonly KindToken[]): CodeToken[] {
  return tokens.map((t) => ({ className: t.kind ? CODE_TOKEN_CLASS[t.kind] : null, text: t.text }));
}

/**
 * `code` highlighted after `context` (the code before it, highlighted with it and then dropped), as few runs as its
 * colours need; null when the language is not highlighted.
 */
export function highlightPart(fenceLanguage: string | null, context: string, code: string): CodeRuns | null {
  const tokens = highlightCode(fenceLanguage, context + code);
  return tokens && compactRuns(tokensFrom(tokens, context.length));
}

/** The tokens of the text from character `start` on: those before it dropped, the one across it cut. */
export function tokensFrom(tokens: readonly CodeToken[], start: number): CodeToken[] {
  if (start === 0) return tokens.slice();
  const out: CodeToken[] = [];
  let at = 0;
  for (const token of tokens) {
    const end = at + token.text.length;
    if (end > start) out.push(at >= start ? token : { ...token, text: token.text.slice(start - at) });
    at = end;
  }
  return out;
}

/** Class of a run in the block's own colour, inside a wrapper that gives its other runs another kind's colour. */
export const PLAIN_CODE_CLASS = "tracy-hl-plain";

const BLANK = /^\s*$/;

/**
 * The same text and colours in fewer elements. Every token is an element and a text node, and for the browser a
 * layout object, an inline item and shaped glyph runs, so a highlighted block was most of a long reply's DOM (in one
 * of 320 KB, 48 KB of code was 7,000 of its 18,000 elements). Two steps, neither visible:
 * - whitespace has no colour, so a blank run joins the run before it (the first one, the run after it), and runs of
 *   one class that then meet become one;
 * - the most frequent class (JSON's punctuation, say) moves to a wrapper (`base`): its runs become bare text, and
 *   unclassed runs, if any, take `PLAIN_CODE_CLASS`. Only when that saves an element: ties keep the block's colour.
 */
export function compactRuns(tokens: readonly CodeToken[]): CodeRuns {
  const runs: CodeToken[] = [];
  for (const t of tokens) {
    if (t.text === "") continue;
    const last = runs.at(-1);
    if (last && (last.className === t.className || BLANK.test(t.text))) {
      runs[runs.length - 1] = { className: last.className, text: last.text + t.text };
    } else if (last && BLANK.test(last.text)) {
      runs[runs.length - 1] = { className: t.className, text: last.text + t.text };
    } else runs.push(t);
  }
  const counts = new Map<string | null, number>();
  for (const r of runs) counts.set(r.className, (counts.get(r.className) ?? 0) + 1);
  let base: string | null = null;
  // The wrapper is an element too: a class is the base only if it saves more than that.
  let best = (counts.get(null) ?? 0) + 1;
  for (const [className, n] of counts) {
    if (className !== null && n > best) [base, best] = [className, n];
  }
  if (base === null) return { base, runs };
  return {
    base,
    runs: runs.map((r) =>
      r.className === base
        ? { className: null, text: r.text }
        : r.className === null
          ? { ...r, className: PLAIN_CODE_CLASS }
          : r,
    ),
  };
}
