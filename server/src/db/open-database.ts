import type { Database } from "./database.js";

export interface DatabaseConfig {
  /** A Postgres URL; absent: embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's directory; absent with no URL: in memory (tests). */
  dataDir?: string | undefined;
}

/** Real Postgres when a URL is given, else PGlite on disk or in memory. Drivers load on demand. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const { openPgDatabase } = await import("./pg-database.js");
    return openPgDatabase(config.databaseUrl);
  }
  const { openPgliteDatabase } = await import("./pglite-database.js");
  return openPgliteDatabase(config.dataDir);
}
