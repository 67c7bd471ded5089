import { toNumber, type Queryable } from "../db/database.js";

/** An upstream event as stored: any JSON object with a string `id` and `type`. */
export interface UpstreamEvent {
  id: string;
  type: string;
  processed_at?: string | null;
  [key: string]: unknown;
}

export interface MirroredEvent {
  seq: number;
  event: UpstreamEvent;
}

export type UpsertOutcome = "inserted" | "updated" | "unchanged";

/** Status events that say whether the agent is working. */
const STATUS_TYPES = [
  "session.deleted",
  "session.status_idle",
  "session.status_running",
  "session.status_rescheduled",
  "session.status_terminated",
];

/**
 * The mirror of upstream events. An event keeps the `seq` of its first appearance; a later copy with the
 * same id (a user event echoed again once processed) only fills in `processed_at` and the payload.
 */
export class EventsRepo {
  constructor(private readonly db: Queryable) {}

  async upsert(sessionId: string, event: UpstreamEvent): Promise<UpsertOutcome> {
    const processedAt = typeof event.processed_at === "string" ? event.processed_at : null;
    const payload = JSON.stringify(event, withoutNul);
    const inserted = await this.db.query(
      `INSERT INTO tracy_events (event_id, session_id, type, payload, processed_at)
       VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (event_id) DO NOTHING RETURNING seq`,
      [event.id, sessionId, event.type, payload, processedAt],
    );
    if (inserted.length > 0) return "inserted";
    if (processedAt === null) return "unchanged";
    const updated = await this.db.query(
      `UPDATE tracy_events SET payload = $3::jsonb, processed_at = $4
       WHERE event_id = $1 AND session_id = $2 AND processed_at IS NULL RETURNING seq`,
      [event.id, sessionId, payload, processedAt],
    );
    return updated.length > 0 ? "updated" : "unchanged";
  }

  /** Which of the session's events the mirror holds, and whether each is processed (one query per reconnect). */
  async known(sessionId: string): Promise<Map<string, boolean>> {
    const rows = await this.db.query(
      "SELECT event_id, processed_at IS NOT NULL AS processed FROM tracy_events WHERE session_id = $1",
      [sessionId],
    );
    return new Map(rows.map((row) => [String(row["event_id"]), row["processed"] === true]));
  }

  /** Events after `seq`, oldest first. */
  async after(sessionId: string, seq: number, limit: number): Promise<MirroredEvent[]> {
    const rows = await this.db.query(
      "SELECT seq, payload FROM tracy_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [sessionId, seq, limit],
    );
    return rows.map((row) => ({ seq: toNumber(row["seq"]), event: row["payload"] as UpstreamEvent }));
  }

  async seqOf(sessionId: string, eventId: string): Promise<number | null> {
    const rows = await this.db.query("SELECT seq FROM tracy_events WHERE session_id = $1 AND event_id = $2", [
      sessionId,
      eventId,
    ]);
    return rows[0] ? toNumber(rows[0]["seq"]) : null;
  }

  async maxSeq(sessionId: string): Promise<number> {
    const rows = await this.db.query("SELECT max(seq) AS seq FROM tracy_events WHERE session_id = $1", [sessionId]);
    return rows[0] ? toNumber(rows[0]["seq"]) : 0;
  }

  /** One mirrored event of the session, by its upstream id. */
  async find(sessionId: string, eventId: string): Promise<UpstreamEvent | null> {
    const rows = await this.db.query("SELECT payload FROM tracy_events WHERE session_id = $1 AND event_id = $2", [
      sessionId,
      eventId,
    ]);
    return rows[0] ? (rows[0]["payload"] as UpstreamEvent) : null;
  }

  /** Whether the mirror holds a `user.custom_tool_result` answering this tool use. */
  async customToolAnswered(sessionId: string, toolUseId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM tracy_events WHERE session_id = $1 AND type = 'user.custom_tool_result'
       AND payload->>'custom_tool_use_id' = $2 LIMIT 1`,
      [sessionId, toolUseId],
    );
    return rows.length > 0;
  }

  /** The newest status event, or null before the first. */
  async lastStatus(sessionId: string): Promise<{ type: string; seq: number } | null> {
    const rows = await this.db.query(
      "SELECT type, seq FROM tracy_events WHERE session_id = $1 AND type = ANY($2::text[]) ORDER BY seq DESC LIMIT 1",
      [sessionId, STATUS_TYPES],
    );
    return rows[0] ? { type: String(rows[0]["type"]), seq: toNumber(rows[0]["seq"]) } : null;
  }
}

/** jsonb cannot hold U+0000; a model that emits one must not stall the mirror, so it becomes U+FFFD. */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}
