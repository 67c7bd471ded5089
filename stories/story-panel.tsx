import { useState } from "react";
import { createMemoryTransport } from "../dev/memory-transport";
import { TracyHttpError, TracyPanel, type TracyPanelProps, type TracyTransport } from "../src";

export interface StoryPanelProps extends Omit<TracyPanelProps, "transport" | "backend"> {
  /** Demo backend speed (a divisor of every scripted delay): 1 ≈ 3–6 s turns, 4 ≈ 2 s in the browser, 0 = no delays (tests). */
  speed: number;
  /** How many createSession/sendEvents calls fail with HTTP 503 before the backend answers. */
  outage?: number;
}

/** `<TracyPanel>` on the in-memory demo backend: scripted turns, no network. */
export function StoryPanel({ speed, outage = 0, ...props }: StoryPanelProps) {
  // Keyed so that changing a transport control starts over with a fresh backend.
  return <DemoPanel key={`${speed}:${outage}`} speed={speed} outage={outage} {...props} />;
}

function DemoPanel({ speed, outage, ...props }: StoryPanelProps & { outage: number }) {
  const [transport] = useState(() => withOutage(createMemoryTransport({ speed }), outage));
  return <TracyPanel {...props} transport={transport} />;
}

/** The first `failures` session/send requests get a 503, as from a backend that is down, then it recovers. */
export function withOutage(transport: TracyTransport, failures: number): TracyTransport {
  let remaining = failures;
  const unavailable = (): Promise<never> | null => {
    if (remaining <= 0) return null;
    remaining -= 1;
    return Promise.reject(new TracyHttpError(503, "Service Unavailable", "api_error"));
  };
  return {
    ...transport,
    createSession: (ctx, signal) => unavailable() ?? transport.createSession(ctx, signal),
    sendEvents: (ctx, sessionId, events, key, signal) => unavailable() ?? transport.sendEvents(ctx, sessionId, events, key, signal),
  };
}
