// Which fenced languages the code-block highlighter colours, and how. In the main chunk (it is small), so a block
// knows whether to load the highlighter at all.

export type CodeLanguage = "sql" | "cypher" | "json" | "yaml" | "shell" | "python" | "typescript" | "go" | "java";

/** How a colour is chosen: the Cypher card's palette, colours only, so plain and highlighted text measure the same. */
export type CodeTokenKind = "keyword" | "function" | "string" | "number" | "param" | "label" | "comment" | "punct";

export interface CodeToken {
  /** Null for plain text. */
  kind: CodeTokenKind | null;
  text: string;
}

/** Fence info strings as models write them (lower-cased), for each highlighted language. */
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
  if (!fence) return null;
  return Object.hasOwn(ALIASES, fence.toLowerCase()) ? (ALIASES[fence.toLowerCase()] ?? null) : null;
}

/** CSS class of each token kind. */
export const CODE_TOKEN_CLASS: Readonly<Record<CodeTokenKind, string>> = {
  keyword: "tracy-hl-kw",
  function: "tracy-hl-fn",
  string: "tracy-hl-str",
  number: "tracy-hl-num",
  param: "tracy-hl-param",
  label: "tracy-hl-label",
  comment: "tracy-hl-comment",
  punct: "tracy-hl-punct",
};
