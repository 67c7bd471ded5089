import type { ToolItem } from "../../protocol/transcript";

/** Input keys that may hold the query text, in order of preference. */
export const QUERY_KEYS = ["query", "cypher", "statement"] as const;

const CYPHER_NAME = /cypher/i;
const COMMENTS_AND_STRINGS = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const LEADING_CLAUSE =
  /^(?:EXPLAIN\s+|PROFILE\s+)?(?:OPTIONAL\s+MATCH|MATCH|RETURN|CALL|WITH|UNWIND|CREATE|MERGE|USE)\b/i;
const CLAUSE = /\b(?:MATCH|RETURN|CALL|WITH|UNWIND|CREATE|MERGE)\b/i;
// Node patterns `(s:Span`, `(n)`, `(n {`, relationship arrows, procedure calls, `UNWIND [..]`/`UNWIND $xs`.
const STRUCTURE =
  /\(\s*[\p{L}_`]?[\p{L}\p{N}_`]*\s*(?::|\)|\{)|-\s*\[|\]\s*-|-->|<--|\bCALL\s+[\p{L}_][\p{L}\p{N}_.]*\s*[({]|\bUNWIND\s+[[$]|\bRETURN\s+(?:\d|\$|[\p{L}_][\p{L}\p{N}_]*\s*(?:\.|\(|AS\b))/iu;
const SQL = /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\S+\s+SET\b/i;

/**
 * Whether a text reads as Cypher rather than prose or SQL. Search tools also take a `query`,
 * so a clause keyword alone is not enough: it must start the text and come with graph syntax.
 */
export function looksLikeCypher(text: string): boolean {
  const code = text.replace(COMMENTS_AND_STRINGS, " ").trim();
  if (!LEADING_CLAUSE.test(code) || !CLAUSE.test(code)) return false;
  if (SQL.test(code)) return false;
  return STRUCTURE.test(code);
}

/** The query text of a tool input (`query`, `cypher` or `statement`), if any. */
export function queryOf(input: Readonly<Record<string, unknown>>): string | null {
  for (const key of QUERY_KEYS) {
    const v = input[key];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}

/**
 * Default detector for the Cypher result card: a tool named like `run_cypher`, or one whose
 * `query`/`cypher` input is Cypher. Hosts may pass their own to the panel.
 */
export function isCypherTool(tool: ToolItem): boolean {
  if (CYPHER_NAME.test(tool.name)) return true;
  return ["query", "cypher"].some((key) => {
    const v = tool.input[key];
    return typeof v === "string" && looksLikeCypher(v);
  });
}
