import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./database.js";

/** Embedded Postgres (WASM): a directory on disk, or in memory when `dataDir` is undefined. */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    kind: "pglite",
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
