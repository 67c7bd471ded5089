import { CypherExecutionError, type CypherDialect } from "./executor.js";

interface Token {
  word: string;
  /** The token follows a `.` (a property or namespace part, not a keyword). */
  afterDot: boolean;
}

/**
 * The words of a query outside string literals, backtick names and comments, upper-cased. Unterminated literals and
 * comments swallow the rest of the text, as the engines would.
 */
export function cypherWords(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let lastSignificant = "";
  while (i < query.length) {
    const char = query[i]!;
    const next = query[i + 1];
    if (char === "'" || char === '"' || char === "`") {
      i += 1;
      while (i < query.length && query[i] !== char) i += query[i] === "\\" && char !== "`" ? 2 : 1;
      i += 1;
      lastSignificant = char;
    } else if (char === "/" && next === "/") {
      while (i < query.length && query[i] !== "\n") i += 1;
    } else if (char === "/" && next === "*") {
      const end = query.indexOf("*/", i + 2);
      i = end === -1 ? query.length : end + 2;
    } else if (/[A-Za-z_]/.test(char)) {
      const start = i;
      while (i < query.length && /[A-Za-z0-9_]/.test(query[i]!)) i += 1;
      tokens.push({ word: query.slice(start, i).toUpperCase(), afterDot: lastSignificant === "." });
      lastSignificant = "a";
    } else {
      if (!/\s/.test(char)) lastSignificant = char;
      i += 1;
    }
  }
  return tokens;
}

/**
 * The query with string literals and backtick names replaced by `''` and comments by a space, so keywords can be
 * matched without being fooled by text inside them.
 */
export function withoutLiteralsAndComments(query: string): string {
  let out = "";
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    const next = query[i + 1];
    if (char === "'" || char === '"' || char === "`") {
      i += 1;
      while (i < query.length && query[i] !== char) i += query[i] === "\\" && char !== "`" ? 2 : 1;
      i += 1;
      out += "''";
    } else if (char === "/" && next === "/") {
      while (i < query.length && query[i] !== "\n") i += 1;
      out += " ";
    } else if (char === "/" && next === "*") {
      const end = query.indexOf("*/", i + 2);
      i = end === -1 ? query.length : end + 2;
      out += " ";
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Statements that are not queries over the graph: files, extensions, other databases, transactions, settings. */
const KUZU_STATEMENTS = new Set([
  "COPY",
  "EXPORT",
  "IMPORT",
  "ATTACH",
  "DETACH",
  "INSTALL",
  "UNINSTALL",
  "FORCE",
  "LOAD",
  "USE",
  "CHECKPOINT",
  "BEGIN",
  "COMMIT",
  "ROLLBACK",
  "CREATE",
  "DROP",
  "ALTER",
  "COMMENT",
]);

/**
 * Refuses what a read-only transaction does not stop: Kuzu runs `COPY … TO`, `EXPORT DATABASE` and `LOAD FROM`
 * (server files) inside one; Neo4j runs `LOAD CSV` in read mode; `USE` switches to another database. The guard
 * should already reject these; this is the engine's own line.
 */
export function refuseNonQueryStatement(query: string, dialect: CypherDialect): void {
  const tokens = cypherWords(query);
  const refuse = (what: string): never => {
    throw new CypherExecutionError(
      "runtime",
      `${what} is not allowed: only read queries over the graph (MATCH … RETURN) run here.`,
    );
  };
  const first = tokens[0]?.word;
  if (dialect === "kuzu" && first !== undefined && KUZU_STATEMENTS.has(first)) refuse(first);
  if (first === "CALL" && /^\s*CALL\s+[A-Za-z_][A-Za-z0-9_]*\s*=/i.test(withoutLiteralsAndComments(query))) {
    refuse("Changing a setting");
  }
  tokens.forEach((token, index) => {
    if (token.afterDot) return;
    const following = tokens[index + 1]?.word;
    if (token.word === "LOAD" && (following === "FROM" || following === "CSV" || following === "WITH")) refuse("LOAD");
    if (token.word === "USE" && isClauseStart(tokens, index)) refuse("USE");
  });
}

/** `USE` starts a clause right after `{` (a CALL subquery); as a name it follows other words. */
function isClauseStart(tokens: Token[], index: number): boolean {
  const previous = tokens[index - 1];
  return previous === undefined || previous.word === "CALL" || previous.word === "UNION" || previous.word === "ALL";
}
