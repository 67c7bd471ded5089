// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEventPacer, STREAM_PACE_MS } from "../../../src/store/live-event-pacer";
import { mulberry32 } from "../../helpers/rng";

const FRAME_MS = 16;

/** A clock, frames every 16 ms and timers, all run by hand; `advance` runs what falls due, in time order. */
function simulatedTime() {
  let now = 0;
  let seq = 0;
  const pending: { at: number; seq: number; run: () => void }[] = [];
  const schedule = (at: number, run: () => void) => {
    const entry = { at, seq: (seq += 1), run };
    pending.push(entry);
    return () => {
      const i = pending.indexOf(entry);
      if (i >= 0) pending.splice(i, 1);
    };
  };
  return {
    now: () => now,
    frame: (callback: () => void) => schedule((Math.floor(now / FRAME_MS) + 1) * FRAME_MS, callback),
    timeout: (callback: () => void, ms: number) => schedule(now + ms, callback),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = pending[0];
        if (!next || next.at > until) break;
        pending.shift();
        now = next.at;
        next.run();
      }
      now = until;
    },
    get scheduled() {
      return pending.length;
    },
  };
}

type Item = { delta: boolean; n: number };

function setup() {
  const time = simulatedTime();
  const deliveries: { at: number; items: Item[] }[] = [];
  const pacer = createEventPacer<Item>((items) => deliveries.push({ at: time.now(), items }), {
    frame: time.frame,
    timeout: time.timeout,
    now: time.now,
    paced: (item) => item.delta,
  });
  let n = 0;
  const push = (delta: boolean) => pacer.push({ delta, n: (n += 1) });
  return { time, deliveries, pacer, push };
}

describe("the live event pacer", () => {
  it("hands over the first delta after a quiet spell on the next frame", () => {
    const { time, deliveries, push } = setup();
    time.advance(5);
    push(true);
    time.advance(FRAME_MS);
    expect(deliveries).toEqual([{ at: FRAME_MS, items: [{ delta: true, n: 1 }] }]);
  });

  it("holds deltas that follow a delivery until the pace has passed, then hands them over together", () => {
    const { time, deliveries, push } = setup();
    push(true);
    time.advance(FRAME_MS);
    for (let i = 0; i < 4; i++) {
      time.advance(5);
      push(true);
    }
    time.advance(STREAM_PACE_MS - 21);
    expect(deliveries).toHaveLength(1);
    time.advance(1);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]).toEqual({ at: FRAME_MS + STREAM_PACE_MS, items: [2, 3, 4, 5].map((n) => ({ delta: true, n })) });
  });

  it("brings held deltas forward to the next frame when anything else arrives, in order", () => {
    const { time, deliveries, push } = setup();
    push(true);
    time.advance(FRAME_MS);
    push(true);
    push(true);
    time.advance(4);
    push(false); // the end of the reply, or a tool call
    time.advance(FRAME_MS);
    expect(deliveries.map((d) => d.items.map((i) => i.n))).toEqual([[1], [2, 3, 4]]);
    expect(deliveries[1]?.at).toBe(2 * FRAME_MS);
    // The pace timer went with it.
    expect(time.scheduled).toBe(0);
  });

  it("delivers at once on flush, and drops what is queued on clear", () => {
    const { time, deliveries, pacer, push } = setup();
    push(true);
    pacer.flush();
    expect(deliveries).toHaveLength(1);
    push(true);
    push(false);
    pacer.clear();
    time.advance(1_000);
    expect(deliveries).toHaveLength(1);
    expect(time.scheduled).toBe(0);
  });

  it("keeps every item, once and in order; shows deltas at most once per pace and anything else by the next frame (random arrivals)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const { time, deliveries, push } = setup();
      const pushedAt: number[] = [];
      const kinds: boolean[] = [];
      const count = 20 + Math.floor(random() * 200);
      for (let i = 0; i < count; i++) {
        time.advance(Math.floor(random() * (random() < 0.1 ? 200 : 12)));
        const delta = random() < 0.9;
        pushedAt.push(time.now());
        kinds.push(delta);
        push(delta);
      }
      time.advance(STREAM_PACE_MS + FRAME_MS);
      const items = deliveries.flatMap((d) => d.items);
      expect(items.map((i) => i.n), `seed ${seed}`).toEqual(pushedAt.map((_, i) => i + 1));
      deliveries.forEach((d, k) => {
        const onlyDeltas = d.items.every((i) => i.delta);
        const previous = deliveries[k - 1];
        if (onlyDeltas && previous) expect(d.at - previous.at, `seed ${seed}`).toBeGreaterThanOrEqual(STREAM_PACE_MS);
        for (const item of d.items) {
          const waited = d.at - (pushedAt[item.n - 1] as number);
          expect(waited, `seed ${seed}`).toBeLessThanOrEqual(kinds[item.n - 1] ? STREAM_PACE_MS : FRAME_MS);
        }
      });
    }
  });
});
