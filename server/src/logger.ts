import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout; `TRACY_LOG_LEVEL` (default `info`) or `silent` in tests. */
export function createLogger(level: string = process.env["TRACY_LOG_LEVEL"] ?? "info"): Logger {
  return pino({ level, base: { service: "tracy-server" } });
}
