import { ExactInteger, stringifyJson } from "../../protocol/exact-json";
import { cellOf } from "./cypher-result";

const NEEDS_QUOTES = /[",\r\n]/;

/** What a spreadsheet may read as a formula (OWASP, CSV injection): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative number written as text is data, not a formula: it keeps its sign and stays a number. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * One RFC 4180 field. `null` and missing values are empty and unquoted while `""` is quoted,
 * so the two stay distinguishable (the convention PostgreSQL's CSV COPY uses). Text that a
 * spreadsheet would run as a formula gets a leading `'`, which spreadsheets show as text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const numeric = typeof value === "number" || typeof value === "bigint" || value instanceof ExactInteger;
  const text =
    typeof value === "string" ? value : typeof value === "object" ? (stringifyJson(value) ?? "") : String(value);
  const safe = !numeric && FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
  return safe === "" || NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, CRLF-separated as RFC 4180 asks. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellOf(row, c))).join(","));
  return lines.join("\r\n");
}
