import { foldEvents } from "../../src/protocol/fold";
import { EMPTY_TRANSCRIPT, type Transcript } from "../../src/protocol/transcript";
import type { StreamEvent } from "../../src/protocol/events";
import { mixedEvents } from "./event-fixtures";
import { median, round } from "./stats";

export interface FoldResult {
  events: number;
  /** Transcript items at the end (messages, tools, notices). */
  items: number;
  oneBatch: { medianMs: number; eventsPerSec: number; runs: number[] };
  batchesOf16: { medianMs: number; eventsPerSec: number; runs: number[] };
  /** The live tail in steady state: 16-event batches folded onto a transcript that already holds `items` items. */
  tailOnto: { items: number; usPerBatch: number }[];
}

function foldInBatches(events: readonly StreamEvent[], size: number, base: Transcript = EMPTY_TRANSCRIPT): Transcript {
  let t = base;
  for (let i = 0; i < events.length; i += size) t = foldEvents(t, events.slice(i, i + size));
  return t;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** events/second of `foldEvents` over `count` mixed events, as one batch and in per-frame batches of 16. */
export function runFoldBench(count = 100_000, runs = 5, batchedRuns = 1): FoldResult {
  const events = mixedEvents(count) as unknown as StreamEvent[];
  // Warm-up, so the JIT has seen every path.
  foldEvents(EMPTY_TRANSCRIPT, events.slice(0, 20_000));
  foldInBatches(events.slice(0, 20_000), 16);

  const one: number[] = [];
  const batched: number[] = [];
  let final: Transcript = EMPTY_TRANSCRIPT;
  for (let r = 0; r < runs; r++) one.push(time(() => (final = foldEvents(EMPTY_TRANSCRIPT, events))));
  // Much slower (see tailOnto), so fewer runs: one run is already 6,250 batches.
  for (let r = 0; r < batchedRuns; r++) batched.push(time(() => foldInBatches(events, 16)));

  // Steady-state cost of one 16-event batch (the next turn's events) onto transcripts of growing size.
  const tailOnto: FoldResult["tailOnto"] = [];
  const probe = mixedEvents(count + 4_000).slice(count, count + 4_000) as unknown as StreamEvent[];
  const itemsPerEvent = final.order.length / events.length;
  for (const n of [100, 1_000, 5_000]) {
    const base = foldEvents(EMPTY_TRANSCRIPT, events.slice(0, Math.min(events.length, Math.round(n / itemsPerEvent))));
    const items = base.order.length;
    const batches = 200;
    const ms = time(() => {
      for (let b = 0; b < batches; b++) foldEvents(base, probe.slice(b * 16, b * 16 + 16));
    });
    tailOnto.push({ items, usPerBatch: round((ms * 1000) / batches, 1) });
  }

  const summary = (ms: number[]) => ({
    medianMs: round(median(ms), 1),
    eventsPerSec: Math.round(events.length / (median(ms) / 1000)),
    runs: ms.map((x) => round(x, 1)),
  });
  return {
    events: events.length,
    items: final.order.length,
    oneBatch: summary(one),
    batchesOf16: summary(batched),
    tailOnto,
  };
}
