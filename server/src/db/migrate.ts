import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database } from "./database.js";

/** `migrations/` next to `src/` and `dist/`, so the same path works from sources and from the build. */
const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

/** Any constant: serialises concurrent starts against one Postgres. */
const MIGRATION_LOCK = 7_215_001;

/**
 * Applies every `migrations/*.sql` not yet applied, in name order, in one transaction under an advisory
 * lock, so servers starting together against one Postgres neither race nor half-apply.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const sources = await Promise.all(
    files.map(async (name) => ({ name, sql: await readFile(`${dir}/${name}`, "utf8") })),
  );
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(
      "CREATE TABLE IF NOT EXISTS tracy_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const applied: string[] = [];
    for (const { name, sql } of sources) {
      const claimed = await tx.query(
        "INSERT INTO tracy_migrations (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name",
        [name],
      );
      if (claimed.length === 0) continue;
      await tx.exec(sql);
      applied.push(name);
    }
    return applied;
  });
}
