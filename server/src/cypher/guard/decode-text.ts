import { reject } from "./guard-rejection.js";

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * The value of a Cypher string literal (quotes included in `text`). Decoding and printing again, instead of copying
 * the text, means an escape can never end a string early in the query that runs; escapes the guard does not know
 * are rejected rather than guessed.
 */
export function decodeStringLiteral(text: string): string {
  const body = text.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const width = next === "u" ? 4 : next === "U" ? 8 : 0;
    const hex = body.slice(i + 2, i + 2 + width);
    if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
      reject("unsupported-expression", `The string escape \\${next} is not supported: write the character itself.`);
    }
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) reject("unsupported-expression", `The escape \\${next}${hex} is not a Unicode character.`);
    out += String.fromCodePoint(code);
    i += 1 + width;
  }
  return out;
}

/** The name inside backticks, with doubled backticks undone; a bare name as written. */
export function decodeName(text: string): string {
  if (text.startsWith("`")) return text.slice(1, -1).replaceAll("``", "`");
  return text;
}

/** An integer literal (decimal, 0x hex or 0o octal) as an exact bigint; anything malformed is rejected. */
export function decodeInteger(text: string): bigint {
  const negative = text.startsWith("-");
  const digits = negative ? text.slice(1) : text;
  const ok = /^(0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/.test(digits);
  if (!ok) reject("syntax", `${text} is not an integer literal.`);
  const value = BigInt(digits.startsWith("0o") ? `0o${digits.slice(2)}` : digits);
  return negative ? -value : value;
}
