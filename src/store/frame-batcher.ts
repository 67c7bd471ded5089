type Schedule = (cb: () => void) => () => void;

const nextFrame: Schedule =
  typeof requestAnimationFrame === "function"
    ? (cb) => {
        const id = requestAnimationFrame(cb);
        return () => cancelAnimationFrame(id);
      }
    : (cb) => {
        const id = setTimeout(cb, 16);
        return () => clearTimeout(id);
      };

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Delivers what is queued now, without waiting for the frame. */
  flush(): void;
  /** Drops what is queued and cancels the scheduled frame. */
  clear(): void;
}

/** Collects items and hands them over once per animation frame: a burst of deltas costs one store update. */
export function createFrameBatcher<T>(deliver: (items: T[]) => void, schedule: Schedule = nextFrame): FrameBatcher<T> {
  let queue: T[] = [];
  let cancel: (() => void) | null = null;
  const flush = () => {
    cancel?.();
    cancel = null;
    const items = queue;
    queue = [];
    if (items.length) deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      cancel ??= schedule(flush);
    },
    flush,
    clear() {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
