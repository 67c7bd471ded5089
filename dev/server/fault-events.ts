import type { StreamFaults } from "./faults";

export const HUGE_MESSAGE_CHARS = 5_000_000;

export type FaultEvent = { type: string; [key: string]: unknown };

/** What `unknown-event` and `huge-message` add to the session, in that order. */
export function faultEvents(faults: StreamFaults): FaultEvent[] {
  const events: FaultEvent[] = [];
  if (faults.unknownEvent) {
    events.push({ type: "agent.future_thing", detail: "An event type from a later protocol version." });
  }
  if (faults.hugeMessage) events.push({ type: "agent.message", content: [{ type: "text", text: hugeText() }] });
  return events;
}

function hugeText(): string {
  const sentence = "Every span of this trace is listed here, which makes this reply far too long to read whole. ";
  const paragraph = `${sentence.repeat(10)}\n\n`;
  const head = "**A 5 MB reply** (demo fault `huge-message`).\n\n";
  return (head + paragraph.repeat(Math.ceil(HUGE_MESSAGE_CHARS / paragraph.length))).slice(0, HUGE_MESSAGE_CHARS);
}
