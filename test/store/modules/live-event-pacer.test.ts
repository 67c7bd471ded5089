// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  createEventPacer,
  FAST_STREAM_PACE_MS,
  PACED_TEXT_PER_DELIVERY,
  STREAM_PACE_MS,
  STREAM_RATE_FAST,
  STREAM_RATE_SLOW,
  streamPaceFor,
} from "../../../src/store/live-event-pacer";
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

/**
 * A pacer on simulated time. `pace`: the hand-written cases fix it at `STREAM_PACE_MS`; pass `streamPaceFor`
 * for the stream's own. `deliveries[k].pace` is the wait the pacer chose as it made delivery k.
 */
function setup({ pace = (_rate: number): number => STREAM_PACE_MS, maxWeight = MAX_CHARS } = {}) {
  const time = simulatedTime();
  const deliveries: { at: number; items: Item[]; pace: number }[] = [];
  let chosen = Number.NaN;
  const pacer = createEventPacer<Item>((items) => deliveries.push({ at: time.now(), items, pace: chosen }), {
    frame: time.frame,
    timeout: time.timeout,
    now: time.now,
    paced: (item) => item.delta,
    weight: (item) => item.chars,
    maxWeight,
    pace: (rate) => (chosen = pace(rate)),
  });
  let n = 0;
  const push = (delta: boolean, chars = delta ? 20 : 0) => pacer.push({ delta, n: (n += 1), chars });
  return { time, deliveries, pacer, push };
}

describe("the stream's pace", () => {
  it("is 20 showings a second up to 1,000 characters a second, 10 from 4,000, and in between on a line", () => {
    expect([0, 500, STREAM_RATE_SLOW].map(streamPaceFor)).toEqual([50, 50, 50]);
    expect([STREAM_RATE_FAST, 8_000, 1e9, Number.POSITIVE_INFINITY].map(streamPaceFor)).toEqual([100, 100, 100, 100]);
    expect(streamPaceFor(2_500)).toBe(75);
    // Nothing a clock can give makes it wait less, or not at all.
    expect([-1, Number.NEGATIVE_INFINITY, Number.NaN].map(streamPaceFor)).toEqual([50, 50, 50]);
  });

  it("never waits less for faster text, and stays between the two paces (generated rates)", () => {
    const random = mulberry32(7);
    for (let i = 0; i < 2_000; i++) {
      const a = random() * 10_000 - 1_000;
      const b = a + random() * 5_000;
      const [pa, pb] = [streamPaceFor(a), streamPaceFor(b)];
      expect(pa).toBeGreaterThanOrEqual(STREAM_PACE_MS);
      expect(pb).toBeLessThanOrEqual(FAST_STREAM_PACE_MS);
      expect(pb, `${a} → ${b}`).toBeGreaterThanOrEqual(pa);
    }
  });
});

/** Deltas of 20 characters, `perTick` of them every `tickMs`, for `ms`. */
function stream(
  push: (delta: boolean, chars?: number) => void,
  time: { advance(ms: number): void },
  perTick: number,
  ms: number,
  tickMs = 10,
) {
  for (let t = 0; t < ms; t += tickMs) {
    for (let i = 0; i < perTick; i++) push(true, 20);
    time.advance(tickMs);
  }
}

describe("the live event pacer, at the stream's own pace", () => {
  it("shows text that comes faster than anyone reads 10 times a second, and slower text 20 times, each as it comes", () => {
    const { time, deliveries, push } = setup({ pace: streamPaceFor, maxWeight: PACED_TEXT_PER_DELIVERY });
    stream(push, time, 4, 2_000); // 8,000 characters a second, the bench's steady pace
    time.advance(1_000); // a pause: a tool runs
    const fast = deliveries.length;
    // After the first (it counts as slow) and before the last (the stream's end), every delivery chose the long wait.
    expect(deliveries.slice(1, fast - 1).map((d) => d.pace)).toEqual(Array(fast - 2).fill(FAST_STREAM_PACE_MS));
    expect(
      deliveries
        .slice(2, fast - 1)
        .every((d, k) => d.at - (deliveries[k + 1] as { at: number }).at === FAST_STREAM_PACE_MS),
    ).toBe(true);
    expect(fast).toBeLessThanOrEqual(3 + 2_000 / FAST_STREAM_PACE_MS);
    stream(push, time, 1, 1_000, 40); // 500 characters a second
    stream(push, time, 0, FAST_STREAM_PACE_MS);
    const slow = deliveries.slice(fast);
    expect(slow.every((d) => d.pace === STREAM_PACE_MS)).toBe(true);
    for (let k = 1; k < slow.length; k++) {
      const gap = (slow[k] as { at: number }).at - (slow[k - 1] as { at: number }).at;
      expect(gap).toBeGreaterThanOrEqual(STREAM_PACE_MS);
      expect(gap).toBeLessThanOrEqual(STREAM_PACE_MS + 10);
    }
    // Nothing was lost or reordered on the way.
    const ns = deliveries.flatMap((d) => d.items.map((i) => i.n));
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1));
    expect(ns).toHaveLength(800 + 25);
  });

  it("goes back to 20 a second as soon as fast text slows down", () => {
    const { time, deliveries, push } = setup({ pace: streamPaceFor, maxWeight: PACED_TEXT_PER_DELIVERY });
    stream(push, time, 4, 500);
    expect(deliveries.at(-1)?.pace).toBe(FAST_STREAM_PACE_MS);
    const before = deliveries.length;
    stream(push, time, 1, 300); // 2,000 characters a second: a third of the way
    stream(push, time, 0, FAST_STREAM_PACE_MS);
    const paces = deliveries.slice(before).map((d) => d.pace);
    // The first delivery still holds fast text; the rest measure the new rate.
    expect(paces.slice(1).every((p) => p < FAST_STREAM_PACE_MS && p > STREAM_PACE_MS)).toBe(true);
  });
});

describe("the live event pacer", () => {
  it("hands over the first delta after a quiet spell on the next frame", () => {
    const { time, deliveries, push } = setup();
    time.advance(5);
    push(true);
    time.advance(FRAME_MS);
    expect(deliveries).toMatchObject([{ at: FRAME_MS, items: [{ delta: true, n: 1, chars: 20 }] }]);
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
    expect(deliveries[1]).toMatchObject({
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

  it.each([
    { name: "a fixed pace", pace: (): number => STREAM_PACE_MS, longest: STREAM_PACE_MS },
    { name: "the stream's own pace", pace: streamPaceFor, longest: FAST_STREAM_PACE_MS },
  ])(
    "keeps every item, once and in order; holds deltas for the pace and cuts clumps at the limit, nothing else (random arrivals, $name)",
    ({ pace, longest }) => {
      const weightOf = (d: { items: Item[] }) => d.items.reduce((sum, i) => sum + i.chars, 0);
      for (let seed = 1; seed <= 200; seed++) {
        const random = mulberry32(seed);
        const { time, deliveries, push } = setup({ pace });
        const pushedAt: number[] = [];
        const count = 20 + Math.floor(random() * 200);
        for (let i = 0; i < count; i++) {
          time.advance(Math.floor(random() * (random() < 0.1 ? 200 : 12)));
          const delta = random() < 0.9;
          pushedAt.push(time.now());
          push(delta, delta ? Math.floor(random() * 40) : 0);
        }
        time.advance(longest + FRAME_MS * count);
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
            expect(d.at - previous.at, `seed ${seed}`).toBeGreaterThanOrEqual(previous.pace);
          }
          for (const item of d.items) {
            const pushed = pushedAt[item.n - 1] as number;
            // Each delivery in between (a cut clump ahead of it) may add a frame.
            const between = deliveries.filter((x, j) => j < k && x.at >= pushed).length;
            const bound = (item.delta ? longest : FRAME_MS) + FRAME_MS * between;
            expect(d.at - pushed, `seed ${seed}`).toBeLessThanOrEqual(bound);
          }
        });
      }
    },
  );
});
