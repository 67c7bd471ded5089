import { DemoError } from "../engine/errors";

export interface StreamFaults {
  /** Close the stream after this many SSE data messages. */
  cutAfter: number | null;
  /** Send one `data: {not json` message before anything else. */
  malformed: boolean;
  /**
   * Honour `Last-Event-ID` (replay what was missed, and the preview in flight), as a proxy that
   * keeps its own log may. The upstream never replays, so by default neither does the demo.
   */
  resume: boolean;
  /** After `: connected`, send nothing at all (no events, no pings): a stalled proxy. */
  stall: boolean;
  /** Send every event that has an id twice in a row. */
  duplicate: boolean;
  /**
   * When a message preview starts, send every event with an id sent so far again, so they arrive
   * after later ones: a proxy replaying history in the middle of the live tail.
   */
  outOfOrder: boolean;
  /** Once this stream has carried an agent message, add an `agent.future_thing` event (fresh id) to the session. */
  unknownEvent: boolean;
  /** Once this stream has carried an agent message, add an agent message of about 5 MB to the session. */
  hugeMessage: boolean;
  /**
   * The session's scripted agent waits at its pauses while no stream is open, so a test can
   * disconnect it a given number of times within one turn whatever the machine's speed. Events
   * between two pauses still go out while nobody listens, and are not replayed.
   */
  hold: boolean;
}

const FAULT_STATUSES = new Set([400, 401, 403, 404, 409, 429, 500, 502, 503, 529]);

/**
 * `X-Demo-Fault: status:503` makes any endpoint fail with that status.
 * `status:429;retry-after=2` sets the `Retry-After` seconds (1 by default).
 */
export function statusFault(headerValue: string | null): DemoError | null {
  const match = headerValue ? /^status:(\d{3})(?:;retry-after=(\d+))?$/.exec(headerValue.trim()) : null;
  const status = match?.[1] ? Number(match[1]) : NaN;
  if (!FAULT_STATUSES.has(status)) return null;
  const error = new DemoError(status, `Injected fault: HTTP ${status}`);
  if (match?.[2] !== undefined) error.retryAfterSeconds = Number(match[2]);
  return error;
}

const FLAGS = {
  malformed: "malformed",
  resume: "resume",
  stall: "stall",
  duplicate: "duplicate",
  "out-of-order": "outOfOrder",
  "unknown-event": "unknownEvent",
  "huge-message": "hugeMessage",
  hold: "hold",
} as const satisfies Record<string, keyof StreamFaults>;

/**
 * `?fault=cut:3`, `malformed`, `resume`, `stall`, `duplicate`, `out-of-order`, `unknown-event`,
 * `huge-message`; repeatable or comma-separated.
 */
export function parseStreamFaults(params: URLSearchParams): StreamFaults {
  const faults: StreamFaults = {
    cutAfter: null,
    malformed: false,
    resume: false,
    stall: false,
    duplicate: false,
    outOfOrder: false,
    unknownEvent: false,
    hugeMessage: false,
    hold: false,
  };
  for (const flag of params.getAll("fault").flatMap((value) => value.split(",").map((f) => f.trim()))) {
    const cut = /^cut:(\d+)$/.exec(flag);
    if (cut?.[1]) faults.cutAfter = Number(cut[1]);
    else if (Object.hasOwn(FLAGS, flag)) faults[FLAGS[flag as keyof typeof FLAGS]] = true;
  }
  return faults;
}
