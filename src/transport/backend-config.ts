export type HeaderMap = Record<string, string>;

/** Where the Tracy backend lives and how to authenticate to it. */
export interface TracyBackendConfig {
  /** Base URL of the Tracy backend, absolute or relative to the page, e.g. `/api/tracy`. */
  baseUrl: string;
  /**
   * Extra headers for every request (auth). A function is called again for each
   * request, so short-lived tokens can be refreshed.
   * @default {}
   */
  headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>);
  /**
   * The `fetch` to use, e.g. one that adds credentials or tracing.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds without a byte on the event stream (events or keep-alive comments) after
   * which it counts as stalled and is reconnected. Keep it above the backend's ping interval.
   * @default 45000
   */
  stallTimeoutMs?: number | undefined;
  /** How the event stream reconnects after a failure. */
  reconnect?: {
    /** First delay; doubles per failed attempt, with ±20 % jitter. @default 500 */
    baseDelayMs?: number;
    /** @default 15000 */
    maxDelayMs?: number;
    /** Consecutive failed attempts before the panel gives up and offers Reconnect. @default 8 */
    maxAttempts?: number;
  };
}

export async function resolveHeaders(config: TracyBackendConfig): Promise<HeaderMap> {
  const h = config.headers;
  if (!h) return {};
  return typeof h === "function" ? await h() : h;
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}
