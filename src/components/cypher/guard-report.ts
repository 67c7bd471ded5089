import { isJsonObject, parseJson } from "../../protocol/exact-json";

/** One rewrite or rejection reason of the server's Cypher guard. */
export interface GuardNoteView {
  code: string;
  message: string;
}

/** What the guard did to a query that ran: `guard` and `query` of a run_cypher result. */
export interface GuardReport {
  rewritten: boolean;
  notes: GuardNoteView[];
  /** The query that actually ran; null when the result does not say. */
  query: string | null;
}

/** A run_cypher error answer: `{ error: { kind, message, reasons }, query }`. */
export interface CypherFailure {
  kind: "rejected" | "timeout" | "failed";
  message: string;
  reasons: GuardNoteView[];
}

/** Shown at most; the rest is in the raw text. The backend is trusted with the shape, never with sizes. */
const MAX_NOTES = 50;
const MAX_NOTE_CHARS = 2_000;
const MAX_QUERY_CHARS = 100_000;

function notesOf(value: unknown): GuardNoteView[] {
  if (!Array.isArray(value)) return [];
  const out: GuardNoteView[] = [];
  for (const item of value) {
    if (out.length >= MAX_NOTES) break;
    if (!isJsonObject(item)) continue;
    const { code, message } = item;
    if (typeof message !== "string" || message.trim() === "") continue;
    out.push({
      code: typeof code === "string" ? code.slice(0, 80) : "",
      message: message.slice(0, MAX_NOTE_CHARS),
    });
  }
  return out;
}

/** The guard's report in a parsed result, or null when it has none (results of other backends). */
export function guardReportOf(raw: unknown): GuardReport | null {
  if (!isJsonObject(raw) || !isJsonObject(raw.guard)) return null;
  const notes = notesOf(raw.guard.notes);
  const query = typeof raw.query === "string" && raw.query.length <= MAX_QUERY_CHARS ? raw.query : null;
  return { rewritten: raw.guard.rewritten === true || notes.length > 0, notes, query };
}

const KINDS = new Set(["rejected", "timeout", "failed"]);

/** The failure in an error answer's text, or null when it is not that JSON (any other error text). */
export function cypherFailureOf(text: string): CypherFailure | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return null;
  let raw: unknown;
  try {
    raw = parseJson(trimmed);
  } catch {
    return null;
  }
  if (!isJsonObject(raw) || !isJsonObject(raw.error)) return null;
  const { kind, message, reasons } = raw.error;
  if (typeof kind !== "string" || !KINDS.has(kind)) return null;
  return {
    kind: kind as CypherFailure["kind"],
    message: typeof message === "string" ? message.slice(0, MAX_NOTE_CHARS * 4) : "",
    reasons: notesOf(reasons),
  };
}
