import { platformTimeout, type ScheduleTimeout } from "./store-port";

/**
 * How often a streaming reply is shown anew while its text comes at up to a fast reader's pace or a little
 * faster: 20 times a second, which looks as live as every frame, and the panel renders, lays out and paints a
 * third as often as a 60 Hz display would ask.
 */
export const STREAM_PACE_MS = 50;

/**
 * How often it is shown when its text comes far faster than anyone reads (a fast model, a proxy that
 * buffers): 10 times a second. Each update then scrolls several lines in at once however often it comes,
 * and the host page keeps the main thread for its own work.
 */
export const FAST_STREAM_PACE_MS = 100;

/**
 * Text rates, in characters a second, between which the wait grows from `STREAM_PACE_MS` to
 * `FAST_STREAM_PACE_MS`: a model at 250 tokens a second streams about 1,000 characters a second.
 */
export const STREAM_RATE_SLOW = 1_000;
export const STREAM_RATE_FAST = 4_000;

/** The wait before the next showing, for text that came at `charsPerSecond` since the last one. */
export function streamPaceFor(charsPerSecond: number): number {
  const share = (charsPerSecond - STREAM_RATE_SLOW) / (STREAM_RATE_FAST - STREAM_RATE_SLOW);
  const clamped = Number.isNaN(share) ? 0 : Math.min(1, Math.max(0, share));
  return Math.round(STREAM_PACE_MS + clamped * (FAST_STREAM_PACE_MS - STREAM_PACE_MS));
}

/**
 * Characters of streamed text folded at most per delivery: a clump of deltas (a proxy that buffers, a model
 * that bursts) is shown over a few frames, about 20 ms of work each, not in one long task. Above the 800 a
 * fast model (8,000 characters a second) streams between two showings, so a steady stream is never held back.
 */
export const PACED_TEXT_PER_DELIVERY = 1_000;

type Schedule = (callback: () => void) => () => void;

const nextFrame: Schedule =
  typeof requestAnimationFrame === "function"
    ? (callback) => {
        const id = requestAnimationFrame(callback);
        return () => cancelAnimationFrame(id);
      }
    : (callback) => {
        const id = setTimeout(callback, 16);
        return () => clearTimeout(id);
      };

export interface EventPacer<T> {
  push(item: T): void;
  /** Delivers what is queued now, without waiting. */
  flush(): void;
  /** Drops what is queued and cancels what was scheduled. */
  clear(): void;
}

export interface EventPacerTiming<T> {
  /** @default the next animation frame (a 16 ms timer where there is none) */
  frame?: Schedule | undefined;
  /** @default setTimeout */
  timeout?: ScheduleTimeout | undefined;
  /** @default Date.now */
  now?: (() => number) | undefined;
  /** Items that may wait for the pace; anything else is delivered on the next frame, with what is queued. */
  paced?: (item: T) => boolean;
  /**
   * The wait after a delivery, from the rate (weight a second) at which weight was delivered since the one
   * before. @default streamPaceFor
   */
  pace?: (weightPerSecond: number) => number;
  /** An item's share of `maxWeight` (the text of a delta). @default 0 */
  weight?: (item: T) => number;
  /** What one scheduled delivery takes at most (at least one item); the rest follows on the next frame. */
  maxWeight?: number;
}

/**
 * Collects live events and hands them over together, so a burst costs one store update: on the next
 * animation frame, except that text deltas arriving before the pace has passed since the last delivery
 * wait for it. A streaming reply is then folded and rendered 20 times a second rather than on every frame,
 * and 10 times a second when its text comes faster than anyone reads; anything else (a tool call, the end of
 * a turn, an error) still shows on the next frame, taking the deltas queued before it along, in order. A
 * delivery takes items up to `maxWeight`; the rest follows on the next frame.
 */
export function createEventPacer<T>(deliver: (items: T[]) => void, timing: EventPacerTiming<T> = {}): EventPacer<T> {
  const { frame = nextFrame, timeout = platformTimeout, now = Date.now, paced = () => false } = timing;
  const pace = timing.pace ?? streamPaceFor;
  const { weight = () => 0, maxWeight = Number.POSITIVE_INFINITY } = timing;
  let queue: T[] = [];
  let cancelFrame: (() => void) | null = null;
  let cancelPace: (() => void) | null = null;
  let deliveredAt = Number.NEGATIVE_INFINITY;
  let paceMs = pace(0);
  const unschedule = () => {
    cancelFrame?.();
    cancelPace?.();
    cancelFrame = cancelPace = null;
  };
  const deliverUpTo = (limit: number) => {
    unschedule();
    let take = 0;
    let delivered = 0;
    for (; take < queue.length; take++) {
      const next = weight(queue[take] as T);
      if (take > 0 && delivered + next > limit) break;
      delivered += next;
    }
    const items = queue.slice(0, take);
    queue = queue.slice(take);
    if (queue.length) cancelFrame = frame(scheduled);
    if (!items.length) return;
    const at = now();
    // The rate since the last delivery: a first one, or one after a quiet spell, counts as slow.
    paceMs = pace((delivered * 1_000) / Math.max(1, at - deliveredAt));
    deliveredAt = at;
    deliver(items);
  };
  const scheduled = () => deliverUpTo(maxWeight);
  const flush = () => deliverUpTo(Number.POSITIVE_INFINITY);
  return {
    push(item) {
      queue.push(item);
      if (cancelFrame) return;
      const wait = deliveredAt + paceMs - now();
      if (paced(item) && wait > 0) {
        cancelPace ??= timeout(scheduled, wait);
        return;
      }
      // Whichever comes first, the frame or a pending pace, delivers everything queued.
      cancelFrame = frame(scheduled);
    },
    flush,
    clear() {
      unschedule();
      queue = [];
    },
  };
}
