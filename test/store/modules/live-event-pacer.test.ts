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

type Item = { delta: boolean; n: number; chars: number };

const MAX_CHARS = 100;

function setup() {
  const time = simulatedTime();
  const deliveries: { at: number; items: Item[] }[] = [];
  const pacer = createEventPacer<Item>((items) => deliveries.push({ at: time.now(), items }), {
    frame: time.frame,
    timeout: time.timeout,
    now: time.now,
    paced: (item) => item.delta,
    weight: (item) => item.chars,
    maxWeight: MAX_CHARS,
  });
  let n = 0;
  const push = (delta: boolean, chars = delta ? 20 : 0) => pacer.push({ delta, n: (n += 1), chars });
  return { time, deliveries, pacer, push };
}

describe("the live event pacer", () => {
  it("hands over the first delta after a quiet spell on the next frame", () => {
    const { time, deliveries, push } = setup();
    time.advance(5);
    push(true);
    time.advance(FRAME_MS);
    expect(deliveries).toEqual([{ at: FRAME_MS, items: [{ delta: true, n: 1, chars: 20 }] }]);
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
    expect(deliveries[1]).toEqual({
      at: FRAME_MS + STREAM_PACE_MS,
      items: [2, 3, 4, 5].map((n) => ({ delta: true, n, chars: 20 })),
    });
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

  it("shows a clump of text over several frames, at most its weight limit each, and all of it at once on flush", () => {
    const { time, deliveries, pacer, push } = setup();
    for (let i = 0; i < 12; i++) push(true, 30); // 360 characters in one network read
    push(false);
    time.advance(FRAME_MS * 6);
    // The last takes the tool call along: it has no text.
    expect(deliveries.map((d) => d.items.length)).toEqual([3, 3, 3, 4]);
    expect(deliveries.map((d) => d.at)).toEqual([1, 2, 3, 4].map((f) => f * FRAME_MS));
    expect(deliveries.flatMap((d) => d.items.map((i) => i.n))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // One item heavier than the limit still goes, alone.
    time.advance(STREAM_PACE_MS);
    push(true, 500);
    push(true, 10);
    time.advance(STREAM_PACE_MS + FRAME_MS);
    expect(deliveries.slice(4).map((d) => d.items.map((i) => i.chars))).toEqual([[500], [10]]);
    // An explicit flush (a new connection) hands over everything.
    for (let i = 0; i < 12; i++) push(true, 30);
    pacer.flush();
    expect(deliveries.at(-1)?.items).toHaveLength(12);
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

  it("keeps every item, once and in order; holds deltas for the pace and cuts clumps at the limit, nothing else (random arrivals)", () => {
    const weightOf = (d: { items: Item[] }) => d.items.reduce((sum, i) => sum + i.chars, 0);
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const { time, deliveries, push } = setup();
      const pushedAt: number[] = [];
      const count = 20 + Math.floor(random() * 200);
      for (let i = 0; i < count; i++) {
        time.advance(Math.floor(random() * (random() < 0.1 ? 200 : 12)));
        const delta = random() < 0.9;
        pushedAt.push(time.now());
        push(delta, delta ? Math.floor(random() * 40) : 0);
      }
      time.advance(STREAM_PACE_MS + FRAME_MS * count);
      expect(time.scheduled, `seed ${seed}`).toBe(0);
      const items = deliveries.flatMap((d) => d.items);
      expect(
        items.map((i) => i.n),
        `seed ${seed}`,
      ).toEqual(pushedAt.map((_, i) => i + 1));
      deliveries.forEach((d, k) => {
        expect(d.items.length === 1 || weightOf(d) <= MAX_CHARS, `seed ${seed}`).toBe(true);
        const previous = deliveries[k - 1];
        const next = deliveries[k + 1];
        // A delivery cut at the limit, its rest following on the next frame.
        const cutBetween = (a: { at: number; items: Item[] }, b: { at: number; items: Item[] }) =>
          weightOf(a) + (b.items[0] as Item).chars > MAX_CHARS && b.at - a.at <= FRAME_MS;
        const rest = !!previous && cutBetween(previous, d);
        const cut = !!next && cutBetween(d, next); // brought forward by what it then left for the next frame
        if (previous && !rest && !cut && d.items.every((i) => i.delta)) {
          expect(d.at - previous.at, `seed ${seed}`).toBeGreaterThanOrEqual(STREAM_PACE_MS);
        }
        for (const item of d.items) {
          const pushed = pushedAt[item.n - 1] as number;
          // Each delivery in between (a cut clump ahead of it) may add a frame.
          const between = deliveries.filter((x, j) => j < k && x.at >= pushed).length;
          const bound = (item.delta ? STREAM_PACE_MS : FRAME_MS) + FRAME_MS * between;
          expect(d.at - pushed, `seed ${seed}`).toBeLessThanOrEqual(bound);
        }
      });
    }
  });
});
