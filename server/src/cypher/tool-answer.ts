import type { StoredToolAnswer } from "../store/tool-runs-repo.js";
import { stringifyExact as exactJson } from "./serialize-result.js";

/** A guard note or rejection reason, as the contract names it. */
export interface ToolNote {
  code: string;
  message: string;
}

export interface RanQuery {
  columns: string[];
  rows: unknown[][];
  elapsedMs: number;
  truncated: boolean;
  /** The query that ran (after the guard's rewrites). */
  query: string;
  notes: ToolNote[];
}

export type FailureKind = "rejected" | "timeout" | "failed";

/**
 * Results are cut to this many characters of JSON (rows dropped from the end, `truncated: true`): a few huge
 * property values must not make the answer too large to post.
 */
export const MAX_ANSWER_CHARS = 512_000;

/** `{ columns, rows, elapsed_ms, truncated, query, guard: { rewritten, notes } }`, integers exact. */
export function successAnswer(ran: RanQuery, maxChars = MAX_ANSWER_CHARS): StoredToolAnswer {
  let rows = ran.rows;
  let truncated = ran.truncated;
  for (;;) {
    const text = exactJson({
      columns: ran.columns,
      rows,
      elapsed_ms: Math.max(0, Math.round(ran.elapsedMs)),
      truncated,
      query: ran.query,
      guard: { rewritten: ran.notes.length > 0, notes: ran.notes.map(note) },
    });
    if (text.length <= maxChars || rows.length === 0) return { text, isError: false };
    rows = rows.slice(0, Math.floor(rows.length / 2));
    truncated = true;
  }
}

/** `{ error: { kind, message, reasons }, query }` with `is_error`: the query as the model wrote it. */
export function failureAnswer(
  kind: FailureKind,
  message: string,
  reasons: ToolNote[],
  query: string | null,
): StoredToolAnswer {
  return {
    text: exactJson({ error: { kind, message, reasons: reasons.map(note) }, query }),
    isError: true,
  };
}

/** Only the two fields, as strings: nothing else a guard or driver attached leaks into the answer. */
function note(n: ToolNote): ToolNote {
  return { code: String(n.code), message: String(n.message) };
}
