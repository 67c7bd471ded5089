import { toIso, type Queryable } from "../db/database.js";

export interface SessionRow {
  id: string;
  upstreamId: string;
  tenantId: string;
  userId: string;
  traceId: string | null;
  title: string | null;
  createdAt: string;
}

export interface SessionOwner {
  tenantId: string;
  userId: string;
}

const COLUMNS = "id, upstream_id, tenant_id, user_id, trace_id, title, created_at";

function fromRow(row: Record<string, unknown>): SessionRow {
  return {
    id: String(row["id"]),
    upstreamId: String(row["upstream_id"]),
    tenantId: String(row["tenant_id"]),
    userId: String(row["user_id"]),
    traceId: typeof row["trace_id"] === "string" ? row["trace_id"] : null,
    title: typeof row["title"] === "string" ? row["title"] : null,
    createdAt: toIso(row["created_at"]) ?? "",
  };
}

/** The local table of who owns which session: checked on every request instead of asking upstream. */
export class SessionsRepo {
  constructor(private readonly db: Queryable) {}

  async insert(row: Omit<SessionRow, "createdAt" | "title">): Promise<SessionRow> {
    const rows = await this.db.query(
      `INSERT INTO tracy_sessions (id, upstream_id, tenant_id, user_id, trace_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.id, row.upstreamId, row.tenantId, row.userId, row.traceId],
    );
    return fromRow(rows[0] as Record<string, unknown>);
  }

  /** The session only when it belongs to this tenant and user; otherwise null, whatever the reason. */
  async findOwned(id: string, owner: SessionOwner): Promise<SessionRow | null> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM tracy_sessions WHERE id = $1 AND tenant_id = $2 AND user_id = $3`,
      [id, owner.tenantId, owner.userId],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findById(id: string): Promise<SessionRow | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM tracy_sessions WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Newest first; `after` is the last id of the previous page. */
  async listOwned(
    owner: SessionOwner,
    limit: number,
    after: string | null,
  ): Promise<{ rows: SessionRow[]; more: boolean }> {
    const params: unknown[] = [owner.tenantId, owner.userId, limit + 1];
    let cursor = "";
    if (after !== null) {
      params.push(after);
      cursor = `AND (created_at, id) < (SELECT created_at, id FROM tracy_sessions WHERE id = $4 AND tenant_id = $1 AND user_id = $2)`;
    }
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM tracy_sessions WHERE tenant_id = $1 AND user_id = $2 ${cursor} ORDER BY created_at DESC, id DESC LIMIT $3`,
      params,
    );
    return { rows: rows.slice(0, limit).map(fromRow), more: rows.length > limit };
  }

  async setTitleIfEmpty(id: string, title: string): Promise<void> {
    await this.db.query("UPDATE tracy_sessions SET title = $2 WHERE id = $1 AND title IS NULL", [id, title]);
  }
}
