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
  fetch?: typeof fetch | undefined;
  /**
   * Read the event stream in a dedicated worker, so a fast reply's network traffic costs the page's thread
   * nothing. Ignored when `fetch` is given: the host's fetch runs on the page. Where the page's
   * Content-Security-Policy does not allow `worker-src blob:`, the stream is read on the page after one refused
   * attempt; `false` skips the attempt (and the browser's violation report).
   * @default true
   */
  streamInWorker?: boolean | undefined;
  /**
   * Milliseconds without a byte on the event stream (events or keep-alive comments) after
   * which it counts as stalled and is reconnected. Keep it above the backend's ping interval.
   * @default 45000
   */
  stallTimeoutMs?: number | undefined;
  /** How the event stream reconnects after a failure. Defaults: `RECONNECT_DEFAULTS` in transport/backoff. */
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

/** Any origin: only resolves a relative base, and never appears in a URL the panel uses. */
const PLACEHOLDER_ORIGIN = "http://tracy.invalid";
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * `baseUrl` + `path` (which may carry its own query): the path goes after the base's path and before
 * its query, which is kept as written (`/api/tracy?x=1` + `/sessions` is `/api/tracy/sessions?x=1`).
 * A relative base stays relative, so the page's origin applies as it does for any fetch.
 */
export function joinUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl, `${PLACEHOLDER_ORIGIN}/`);
  const extra = new URL(path, PLACEHOLDER_ORIGIN);
  url.pathname = url.pathname.replace(/\/+$/, "") + extra.pathname;
  // Joined as text: going through searchParams would re-encode the base's query (signed URLs break).
  url.search = [url.search.slice(1), extra.search.slice(1)].filter(Boolean).join("&");
  url.hash = "";
  if (HAS_SCHEME.test(baseUrl)) return url.href;
  // Scheme-relative: the page's scheme applies, not the placeholder's.
  if (baseUrl.startsWith("//")) return url.href.slice(url.protocol.length);
  const local = url.pathname + url.search;
  return baseUrl.startsWith("/") ? local : local.slice(1);
}
