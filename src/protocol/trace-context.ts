import type { TextBlock } from "./events";

const TRACE_ID = /(?:^|[\s,;{(])"?trace_id"?\s*[:=]\s*"?([^\s",;})]+)/m;

/**
 * The trace a backend's `system.message` names, if any. The Tracy backend logs the host's
 * context with each question as `trace_id: <id>` (or `trace_id=<id>`, or JSON
 * `"trace_id": "<id>"`); `null`/`none` mean "no trace". `undefined`: the message says nothing
 * about a trace.
 */
export function traceIdOfContext(content: readonly TextBlock[]): string | null | undefined {
  for (const block of content) {
    if (typeof block?.text !== "string") continue;
    const match = TRACE_ID.exec(block.text);
    if (!match?.[1]) continue;
    // A sentence may end right after the id: "… trace_id: 4bf92f. Scope every query …".
    const value = match[1].replace(/\.+$/, "");
    return value === "null" || value === "none" || value === "" ? null : value;
  }
  return undefined;
}
