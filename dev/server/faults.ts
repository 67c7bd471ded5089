import { DemoError } from "../engine/errors";

export interface StreamFaults {
  /** Close the stream after this many SSE data messages. */
  cutAfter: number | null;
  /** Send one `data: {not json` message before anything else. */
  malformed: boolean;
  /** Ignore `Last-Event-ID` (no replay on reconnect). */
  noResume: boolean;
  /** After `: connected`, send nothing at all (no events, no pings): a stalled proxy. */
  stall: boolean;
}

const FAULT_STATUSES = new Set([400, 401, 403, 404, 409, 429, 500, 502, 503, 529]);

/** `X-Demo-Fault: status:503` makes any endpoint fail with that status. */
export function statusFault(headerValue: string | null): DemoError | null {
  const match = headerValue ? /^status:(\d{3})$/.exec(headerValue.trim()) : null;
  const status = match?.[1] ? Number(match[1]) : NaN;
  if (!FAULT_STATUSES.has(status)) return null;
  return new DemoError(status, `Injected fault: HTTP ${status}`);
}

/** `?fault=cut:3`, `?fault=malformed`, `?fault=no-resume`, `?fault=stall`, repeatable or comma-separated. */
export function parseStreamFaults(params: URLSearchParams): StreamFaults {
  const faults: StreamFaults = { cutAfter: null, malformed: false, noResume: false, stall: false };
  for (const flag of params.getAll("fault").flatMap((value) => value.split(","))) {
    const cut = /^cut:(\d+)$/.exec(flag.trim());
    if (cut?.[1]) faults.cutAfter = Number(cut[1]);
    else if (flag.trim() === "malformed") faults.malformed = true;
    else if (flag.trim() === "no-resume") faults.noResume = true;
    else if (flag.trim() === "stall") faults.stall = true;
  }
  return faults;
}
