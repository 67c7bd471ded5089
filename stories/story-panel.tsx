import { useState } from "react";
import { createMemoryTransport } from "../dev/memory-transport";
import { TracyPanel, type TracyPanelProps, type TracyTransport } from "../src";
import { TracyHttpError } from "../src/core";
import { failRequests, SEND_REQUESTS } from "./faulty-transport";

export interface StoryPanelProps extends Omit<TracyPanelProps, "transport" | "backend"> {
  /** Demo backend speed (a divisor of every scripted delay): 1 ≈ 3–6 s turns, 4 ≈ 2 s in the browser, 0 = no delays (tests). */
  speed: number;
  /** How many createSession/sendEvents calls fail with HTTP 503 before the backend answers. */
  outage?: number;
  /** Faults between the panel and the demo backend (see faulty-transport.ts). */
  faults?: ((transport: TracyTransport) => TracyTransport) | undefined;
}

/** The `speed` control; typed, so that `speed:0` in a story URL's `args` is the number 0. */
export const SPEED_ARG_TYPE = {
  type: "number",
  description:
    "Demo backend speed: 1 is the demo server's pace (3–6 s turns), 4 gives turns of about 2 s in the browser, 0 = no delays.",
  control: { type: "range", min: 0, max: 8, step: 0.5 },
} as const;

/*
 * The panel stories' meta has the tag "fast-forward" (a literal: Storybook's indexer reads tags statically): they
 * end in the same state with no delays as at their usual pace, so a check that looks only at the end state (axe,
 * in test/browser/a11y) runs them at speed 0 (`&args=speed:0`). A story whose end state depends on the pace
 * (caught mid-turn) opts out with `tags: ["!fast-forward"]`.
 */

/** `<TracyPanel>` on the in-memory demo backend: scripted turns, no network. */
/** What every panel story starts from: the demo's tenant and trace, light, at 4× the scripted speed. */
export const PANEL_STORY_ARGS = {
  tenantId: "acme-prod",
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  theme: "light",
  speed: 4,
} as const satisfies Partial<StoryPanelProps>;

export function StoryPanel({ speed, outage = 0, ...props }: StoryPanelProps) {
  // Keyed so that changing a transport control starts over with a fresh backend.
  return <DemoPanel key={`${speed}:${outage}`} speed={speed} outage={outage} {...props} />;
}

function DemoPanel({ speed, outage, faults, ...props }: StoryPanelProps & { outage: number }) {
  const [transport] = useState(() => {
    const demo = withOutage(createMemoryTransport({ speed }), outage);
    return faults ? faults(demo) : demo;
  });
  return <TracyPanel {...props} transport={transport} />;
}

/** The first `failures` session/send requests get a 503, as from a backend that is down, then it recovers. */
export function withOutage(transport: TracyTransport, failures: number): TracyTransport {
  return failRequests(transport, {
    requests: SEND_REQUESTS,
    times: failures,
    error: () => new TracyHttpError(503, "Service Unavailable", "api_error"),
  });
}
