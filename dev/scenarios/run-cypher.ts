import { parseJson } from "../../src/protocol/exact-json";
import { textOfBlocks } from "../engine/parse-events";
import type { CannedToolAnswer, TurnContext } from "../engine/types";
import { escapeMarkdown } from "./escape-markdown";

/** A guard note or rejection reason, as tracy-server's run_cypher answer carries it. */
export interface GuardNote {
  code: string;
  message: string;
}

export type CypherOutcome =
  | {
      ok: true;
      columns: string[];
      /** Each row as a record by column. */
      rows: Record<string, unknown>[];
      /** The query that ran, after the guard's rewrites. */
      query: string;
      notes: GuardNote[];
      elapsedMs: number;
      truncated: boolean;
    }
  | { ok: false; kind: string; message: string; reasons: GuardNote[] };

export interface RunCypherStep {
  /** What the agent says before calling the tool, in the same model request. */
  lead?: string;
  query: string;
  params?: Record<string, unknown>;
  /** What the scripted backend answers in tracy-server's place. */
  canned: CannedToolAnswer;
}

/**
 * One model request that ends in a `run_cypher` custom tool use, then the session idles until the backend answers it:
 * tracy-server on the real stack (a guarded query on the demo graph), the canned answer on the scripted backend.
 */
export async function runCypher(ctx: TurnContext, step: RunCypherStep): Promise<CypherOutcome> {
  let toolUseId = "";
  await ctx.modelRequest(async () => {
    if (step.lead) await ctx.say(step.lead);
    toolUseId = ctx.emit({
      type: "agent.custom_tool_use",
      name: "run_cypher",
      input: { query: step.query, ...(step.params ? { params: step.params } : {}) },
      evaluated_permission: "allow",
    }).id;
  });
  const result = await ctx.awaitServerToolResult(toolUseId, step.canned);
  return readOutcome(textOfBlocks(result.content), result.is_error === true);
}

/** The answer's JSON (`{columns, rows, …}` or `{error: …}`); anything else reads as a failure with its text. */
export function readOutcome(text: string, isError: boolean): CypherOutcome {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    body = null;
  }
  const record = (v: unknown): Record<string, unknown> | null =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const notes = (v: unknown): GuardNote[] =>
    Array.isArray(v)
      ? v.flatMap((n) => {
          const r = record(n);
          return r && typeof r["code"] === "string" && typeof r["message"] === "string"
            ? [{ code: r["code"], message: r["message"] }]
            : [];
        })
      : [];
  const top = record(body);
  const error = record(top?.["error"]);
  if (isError || error || !top) {
    return {
      ok: false,
      kind: typeof error?.["kind"] === "string" ? error["kind"] : "failed",
      message: typeof error?.["message"] === "string" ? error["message"] : text,
      reasons: notes(error?.["reasons"]),
    };
  }
  const columns = Array.isArray(top["columns"]) ? top["columns"].map(String) : [];
  const rows = Array.isArray(top["rows"])
    ? top["rows"].map((row) =>
        Array.isArray(row) ? Object.fromEntries(columns.map((c, i) => [c, row[i]])) : (record(row) ?? {}),
      )
    : [];
  const elapsed = top["elapsed_ms"];
  return {
    ok: true,
    columns,
    rows,
    query: typeof top["query"] === "string" ? top["query"] : "",
    notes: notes(record(top["guard"])?.["notes"]),
    elapsedMs: typeof elapsed === "number" ? elapsed : 0,
    truncated: top["truncated"] === true,
  };
}

/** A canned successful answer in tracy-server's shape. */
export function cannedRows(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  query: string,
  notes: readonly GuardNote[],
  elapsedMs: number,
): CannedToolAnswer {
  return {
    text: JSON.stringify({
      columns,
      rows,
      elapsed_ms: elapsedMs,
      truncated: false,
      query,
      guard: { rewritten: notes.length > 0, notes },
    }),
    isError: false,
  };
}

/** A canned rejection in tracy-server's shape. */
export function cannedRejection(reasons: readonly GuardNote[], query: string): CannedToolAnswer {
  return {
    text: JSON.stringify({
      error: {
        kind: "rejected",
        message: `The query was not run: ${reasons.map((r) => r.message).join(" ")}`,
        reasons,
      },
      query,
    }),
    isError: true,
  };
}

/** A number of milliseconds as the answers write it. */
export function ms(value: unknown): string {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? `${Math.round(n).toLocaleString("en-US")} ms` : "? ms";
}

export const str = (value: unknown): string => (typeof value === "string" ? value : String(value ?? ""));
export const num = (value: unknown): number => (typeof value === "number" ? value : Number(value) || 0);

/** The note the guard wrote for the tenant scope, phrased for the answer (empty when there is none). */
export function guardSummary(notes: readonly GuardNote[]): string {
  if (notes.length === 0) return "";
  return `The server's guard rewrote the query before it ran: ${notes.map((n) => n.message).join(" ")}`;
}

/**
 * The guard's summary as an italic paragraph of the answer (empty when there is none). The notes quote Cypher
 * (`$_tracy_tenant`, `[*..5]`), whose underscores and asterisks would otherwise end the emphasis early.
 */
export function guardSummaryMarkdown(notes: readonly GuardNote[]): string {
  const summary = guardSummary(notes);
  return summary ? `_${escapeMarkdown(summary)}_` : "";
}
