import { platformTimeout, type ScheduleTimeout } from "./store-port";

/**
 * How often a streaming reply is shown anew: 20 times a second. Reading speed is a few words a
 * second, so this looks as live as every frame, and the panel renders, lays out and paints a third
 * as often as a 60 Hz display would ask.
 */
export const STREAM_PACE_MS = 50;

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
  /** @default STREAM_PACE_MS */
  paceMs?: number;
}

/**
 * Collects live events and hands them over together, so a burst costs one store update: on the next
 * animation frame, except that text deltas arriving less than `paceMs` after the last delivery wait
 * until it has passed. A streaming reply is then folded and rendered 20 times a second rather than on
 * every frame, and anything else (a tool call, the end of a turn, an error) still shows on the next
 * frame, taking the deltas queued before it along, in order.
 */
export function createEventPacer<T>(deliver: (items: T[]) => void, timing: EventPacerTiming<T> = {}): EventPacer<T> {
  const { frame = nextFrame, timeout = platformTimeout, now = Date.now, paced = () => false } = timing;
  const paceMs = timing.paceMs ?? STREAM_PACE_MS;
  let queue: T[] = [];
  let cancelFrame: (() => void) | null = null;
  let cancelPace: (() => void) | null = null;
  let deliveredAt = Number.NEGATIVE_INFINITY;
  const unschedule = () => {
    cancelFrame?.();
    cancelPace?.();
    cancelFrame = cancelPace = null;
  };
  const flush = () => {
    unschedule();
    const items = queue;
    queue = [];
    if (!items.length) return;
    deliveredAt = now();
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (cancelFrame) return;
      const wait = deliveredAt + paceMs - now();
      if (paced(item) && wait > 0) {
        cancelPace ??= timeout(flush, wait);
        return;
      }
      // Whichever comes first, the frame or a pending pace, delivers everything queued.
      cancelFrame = frame(flush);
    },
    flush,
    clear() {
      unschedule();
      queue = [];
    },
  };
}
