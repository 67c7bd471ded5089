import { toNumber, type Queryable } from "../db/database.js";

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; response: unknown }
  /** `ageMs`: how long ago the first request claimed the key. */
  | { kind: "in_flight"; ageMs: number }
  | { kind: "mismatch" };

/**
 * Idempotency keys, claimed by inserting a row: only the request whose INSERT returns a row may call
 * upstream, so the same key never reaches it twice, even from two requests at once.
 */
export class IdempotencyRepo {
  constructor(private readonly db: Queryable) {}

  async claim(sessionId: string, key: string, requestHash: string, attempt = 0): Promise<Claim> {
    const claimed = await this.db.query(
      `INSERT INTO tracy_idempotency_keys (session_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [sessionId, key, requestHash],
    );
    if (claimed.length > 0) return { kind: "claimed" };
    const rows = await this.db.query(
      `SELECT request_hash, status, response, extract(epoch FROM now() - created_at) * 1000 AS age_ms
       FROM tracy_idempotency_keys WHERE session_id = $1 AND key = $2`,
      [sessionId, key],
    );
    const row = rows[0];
    // Released between the two statements: the caller may try again with a fresh claim.
    if (!row) {
      if (attempt >= 3) return { kind: "in_flight", ageMs: 0 };
      return this.claim(sessionId, key, requestHash, attempt + 1);
    }
    if (row["request_hash"] !== requestHash) return { kind: "mismatch" };
    if (row["status"] === null || row["status"] === undefined)
      return { kind: "in_flight", ageMs: toNumber(row["age_ms"]) };
    return { kind: "replay", status: toNumber(row["status"]), response: row["response"] };
  }

  async complete(sessionId: string, key: string, status: number, response: unknown): Promise<void> {
    await this.db.query(
      "UPDATE tracy_idempotency_keys SET status = $3, response = $4::jsonb WHERE session_id = $1 AND key = $2",
      [sessionId, key, status, JSON.stringify(response)],
    );
  }

  /** Frees the key after upstream said no for sure, so that a retry may try again. */
  async release(sessionId: string, key: string): Promise<void> {
    await this.db.query("DELETE FROM tracy_idempotency_keys WHERE session_id = $1 AND key = $2 AND status IS NULL", [
      sessionId,
      key,
    ]);
  }
}
