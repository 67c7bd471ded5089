import { resolve } from "node:path";

/** Code that counts as the panel's: its sources and the SSE library it drives. */
const PANEL_SOURCES = [resolve(import.meta.dirname, "../../src") + "/", "/node_modules/@microsoft/fetch-event-source/"];

export interface PanelHandle {
  kind: "timeout" | "interval" | "animation frame" | "window listener" | "document listener";
  /** The panel's stack frame that created it. */
  createdAt: string;
}

export interface PanelHandles {
  /** Timers, intervals, animation frames and window/document listeners the panel created and has not released. */
  pending(): PanelHandle[];
  restore(): void;
}

/** Set while a wrapped function runs the original: jsdom's animation frames run on its own interval. */
let insideOriginal = false;

/** The first stack frame in the panel's code, or null when the panel is not the caller. */
function panelFrame(): string | null {
  if (insideOriginal) return null;
  const frames = (new Error().stack ?? "").split("\n").slice(3);
  return frames.find((line) => PANEL_SOURCES.some((source) => line.includes(source)))?.trim() ?? null;
}

/**
 * Wraps the global timer functions and the listener methods of window and document to see what the panel leaves
 * behind. Anything else (React, Testing Library, the demo server in the same process) passes through untracked.
 */
export function trackPanelHandles(): PanelHandles {
  const live = new Map<unknown, PanelHandle>();
  const g = globalThis as unknown as Record<string, unknown>;
  const timers = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    requestAnimationFrame: globalThis.requestAnimationFrame,
    cancelAnimationFrame: globalThis.cancelAnimationFrame,
  };

  g.setTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const createdAt = panelFrame();
    if (!createdAt) return timers.setTimeout(callback, ms, ...args);
    const handle = timers.setTimeout(
      (...a: unknown[]) => {
        live.delete(handle);
        callback(...a);
      },
      ms,
      ...args,
    );
    live.set(handle, { kind: "timeout", createdAt });
    return handle;
  };
  g.setInterval = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const createdAt = panelFrame();
    const handle = timers.setInterval(callback, ms, ...args);
    if (createdAt) live.set(handle, { kind: "interval", createdAt });
    return handle;
  };
  g.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const createdAt = panelFrame();
    insideOriginal = true;
    try {
      if (!createdAt) return timers.requestAnimationFrame(callback);
      const handle = timers.requestAnimationFrame((time) => {
        live.delete(handle);
        callback(time);
      });
      live.set(handle, { kind: "animation frame", createdAt });
      return handle;
    } finally {
      insideOriginal = false;
    }
  };
  const release = (original: (handle: never) => void) => (handle: unknown) => {
    live.delete(handle);
    original(handle as never);
  };
  g.clearTimeout = release(timers.clearTimeout);
  g.clearInterval = release(timers.clearInterval);
  g.cancelAnimationFrame = release(timers.cancelAnimationFrame);

  const listenerTargets = [
    [window, "window listener"],
    [document, "document listener"],
  ] as const;
  const ownMethods = listenerTargets.flatMap(([target]) =>
    (["addEventListener", "removeEventListener"] as const).map(
      (name) => [target, name, Object.getOwnPropertyDescriptor(target, name)] as const,
    ),
  );
  for (const [target, kind] of listenerTargets) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const key = (type: string, listener: object, options?: boolean | EventListenerOptions) =>
      `${type}|${typeof options === "boolean" ? options : options?.capture === true}|${listenerIds.idOf(listener)}`;
    target.addEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) => {
      const createdAt = panelFrame();
      if (createdAt) live.set(`${kind}|${key(type, listener, options)}`, { kind, createdAt });
      add(type, listener, options);
    };
    target.removeEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ) => {
      live.delete(`${kind}|${key(type, listener, options)}`);
      remove(type, listener, options);
    };
  }

  return {
    pending: () => [...live.values()],
    restore() {
      Object.assign(globalThis, timers);
      for (const [target, name, descriptor] of ownMethods) {
        if (descriptor) Object.defineProperty(target, name, descriptor);
        else delete (target as Partial<Record<typeof name, unknown>>)[name];
      }
    },
  };
}

/** Stable ids for listener functions, so the same listener added and removed meets the same key. */
const listenerIds = (() => {
  const ids = new WeakMap<object, number>();
  let next = 0;
  return {
    idOf(listener: object): number {
      let id = ids.get(listener);
      if (id === undefined) ids.set(listener, (id = ++next));
      return id;
    },
  };
})();
