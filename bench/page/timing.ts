/** Frame and task helpers shared by every scenario, so all contenders are timed the same way. */

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/** Resolves in a new macrotask (MessageChannel: no 4 ms clamp, no frame alignment). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Resolves after the next frame has been produced: a task queued from rAF runs after that frame's paint. */
export async function afterPaint(): Promise<void> {
  await nextFrame();
  await nextTask();
}

/** Polls once per frame until `done()` holds, then waits for that frame's paint. */
export async function untilPainted(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error("bench: timed out waiting for the DOM");
    await nextFrame();
  }
  await nextTask();
}

/**
 * Polls every `everyMs` on a timer until `done()` holds, then waits for the next frame's paint. For the end of a
 * stream: polling on every frame would make the page produce frames the contender did not ask for, adding work to
 * what is measured. The end is then seen up to `everyMs` late, which adds idle time, not CPU.
 */
export async function untilDonePainted(done: () => boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error("bench: timed out waiting for the DOM");
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  await afterPaint();
}

export interface TaskEntry {
  start: number;
  duration: number;
}

const longTasks: TaskEntry[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });

/** Long tasks (> 50 ms, as Chromium reports them) that started in [from, to]. */
export function longTasksBetween(from: number, to: number): { longest: number; count: number; total: number } {
  let longest = 0;
  let count = 0;
  let total = 0;
  for (const t of longTasks) {
    if (t.start < from || t.start > to) continue;
    longest = Math.max(longest, t.duration);
    count += 1;
    total += t.duration;
  }
  return { longest: Math.round(longest), count, total: Math.round(total) };
}

/** Long task entries are delivered asynchronously: give the observer a moment before reading them. */
export async function settleObservers(): Promise<void> {
  await nextTask();
  await new Promise((r) => setTimeout(r, 50));
}
