import { toNumber, type Queryable } from "../db/database.js";

/** The answer the server computed for a tool use, as it is posted upstream. */
export interface StoredToolAnswer {
  text: string;
  isError: boolean;
}

export type ToolRunClaim =
  /** This owner runs the tool; `answer` is set when an earlier owner had computed it before stopping. */
  | { kind: "claimed"; answer: StoredToolAnswer | null; attempt: number }
  /** Another owner holds an unexpired lease: `retryInMs` is when it may be taken over. */
  | { kind: "held"; owner: string; retryInMs: number }
  /** The answer was posted already. */
  | { kind: "done" };

/**
 * Claims on the custom tool uses the server answers, one row per (session, tool use): an INSERT that returns a row
 * is the claim, so two instances racing on one database run a tool once. A claim whose lease ran out before its
 * answer was posted can be taken over.
 */
export class ToolRunsRepo {
  constructor(private readonly db: Queryable) {}

  async claim(sessionId: string, toolUseId: string, owner: string, leaseMs: number): Promise<ToolRunClaim> {
    const lease = Math.max(1, Math.round(leaseMs));
    const inserted = await this.db.query(
      `INSERT INTO tracy_tool_runs (session_id, tool_use_id, owner, lease_until)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') ON CONFLICT DO NOTHING RETURNING attempts`,
      [sessionId, toolUseId, owner, lease],
    );
    if (inserted.length > 0) return { kind: "claimed", answer: null, attempt: 1 };
    const taken = await this.db.query(
      `UPDATE tracy_tool_runs SET owner = $3, lease_until = now() + $4 * interval '1 millisecond', attempts = attempts + 1
       WHERE session_id = $1 AND tool_use_id = $2 AND posted_at IS NULL AND lease_until < now()
       RETURNING attempts, result`,
      [sessionId, toolUseId, owner, lease],
    );
    const row = taken[0];
    if (row) return { kind: "claimed", answer: readAnswer(row["result"]), attempt: toNumber(row["attempts"]) };
    const rows = await this.db.query(
      `SELECT owner, posted_at IS NOT NULL AS posted,
              greatest(0, extract(epoch FROM lease_until - now()) * 1000) AS retry_in_ms
       FROM tracy_tool_runs WHERE session_id = $1 AND tool_use_id = $2`,
      [sessionId, toolUseId],
    );
    const held = rows[0];
    if (!held || held["posted"] === true) return { kind: "done" };
    return { kind: "held", owner: String(held["owner"]), retryInMs: Math.ceil(toNumber(held["retry_in_ms"])) };
  }

  /** Keeps the computed answer with the claim (only while this owner holds it). */
  async saveAnswer(sessionId: string, toolUseId: string, owner: string, answer: StoredToolAnswer): Promise<void> {
    await this.db.query(
      `UPDATE tracy_tool_runs SET result = $4::jsonb WHERE session_id = $1 AND tool_use_id = $2 AND owner = $3`,
      [sessionId, toolUseId, owner, JSON.stringify({ text: answer.text, is_error: answer.isError })],
    );
  }

  /** Extends the lease while this owner still holds the claim; false when another owner took it over. */
  async renew(sessionId: string, toolUseId: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE tracy_tool_runs SET lease_until = now() + $4 * interval '1 millisecond'
       WHERE session_id = $1 AND tool_use_id = $2 AND owner = $3 AND posted_at IS NULL RETURNING owner`,
      [sessionId, toolUseId, owner, Math.max(1, Math.round(leaseMs))],
    );
    return rows.length > 0;
  }

  /** The answer reached upstream (or upstream no longer waits for one): nobody runs this tool use again. */
  async markPosted(sessionId: string, toolUseId: string): Promise<void> {
    await this.db.query(
      "UPDATE tracy_tool_runs SET posted_at = now() WHERE session_id = $1 AND tool_use_id = $2 AND posted_at IS NULL",
      [sessionId, toolUseId],
    );
  }
}

function readAnswer(value: unknown): StoredToolAnswer | null {
  const v = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (typeof v !== "object" || v === null) return null;
  const { text, is_error: isError } = v as Record<string, unknown>;
  return typeof text === "string" ? { text, isError: isError === true } : null;
}
