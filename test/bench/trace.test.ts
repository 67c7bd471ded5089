// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createRng, int, pick } from "../../bench/lib/rng";
import { longestTaskWork, parseTrace, splitBetween, tasksBetween, workerCpuBetween } from "../../bench/lib/trace";

/** A renderer's trace: its main thread named, the bench's marks, then the given events on that thread. */
function trace(events: { name: string; ts: number; dur: number; tdur?: number; args?: object }[]): string {
  const on = { pid: 1, tid: 7 };
  return JSON.stringify({
    traceEvents: [
      { ...on, ph: "M", name: "thread_name", ts: 0, args: { name: "CrRendererMain" } },
      { ...on, ph: "I", cat: "blink.user_timing", name: "bench:go", ts: 1_000 },
      { ...on, ph: "I", cat: "blink.user_timing", name: "bench:end", ts: 900_000 },
      ...events.map((e) => ({ ...on, ph: "X", cat: "toplevel", tdur: e.dur, ...e })),
      // Another thread's work is not the main thread's.
      { pid: 1, tid: 8, ph: "X", name: "ThreadControllerImpl::RunTask", ts: 2_000, dur: 90_000, tdur: 90_000 },
    ],
  });
}

const TASK = "ThreadControllerImpl::RunTask";
const CHECKPOINT = "BlinkScheduler_PerformMicrotaskCheckpoint";

describe("main-thread tasks from a trace", () => {
  it("counts the microtasks recorded after a task as part of it", () => {
    const json = trace([
      { name: TASK, ts: 10_000, dur: 4_000 },
      { name: CHECKPOINT, ts: 14_010, dur: 30_000, tdur: 29_000 },
      { name: TASK, ts: 60_000, dur: 2_000 },
    ]);
    const stats = tasksBetween(parseTrace(json), "bench:go", "bench:end");
    expect(stats.cpuMs).toBe(35);
    // 4 ms of task and 29 ms of its microtasks: one task of 33 ms CPU, 34 ms wall.
    expect(stats.longestCpuMs).toBe(33);
    expect(stats.longestWallMs).toBe(34);
  });

  it("counts a checkpoint long after the last task as work of its own, not as part of that task", () => {
    const json = trace([
      { name: TASK, ts: 10_000, dur: 4_000 },
      { name: CHECKPOINT, ts: 30_000, dur: 3_000 },
    ]);
    const stats = tasksBetween(parseTrace(json), "bench:go", "bench:end");
    expect(stats).toMatchObject({ cpuMs: 7, longestCpuMs: 4, longestWallMs: 4 });
  });

  it("does not count a checkpoint inside its task twice, nor a task nested in another", () => {
    const json = trace([
      { name: TASK, ts: 10_000, dur: 60_000 },
      { name: CHECKPOINT, ts: 20_000, dur: 5_000 },
      { name: TASK, ts: 30_000, dur: 10_000 },
    ]);
    const stats = tasksBetween(parseTrace(json), "bench:go", "bench:end");
    expect(stats).toMatchObject({ cpuMs: 60, longestCpuMs: 60, over50Cpu: 1 });
  });

  it("splits microtasks recorded after a task as script, so the split adds up to the tasks", () => {
    const json = trace([
      { name: TASK, ts: 10_000, dur: 4_000 },
      { name: "FunctionCall", ts: 10_100, dur: 2_000 },
      { name: "Layout", ts: 10_500, dur: 1_000 },
      { name: CHECKPOINT, ts: 14_010, dur: 30_000 },
      { name: "Layout", ts: 20_000, dur: 6_000 },
    ]);
    const split = splitBetween(json, "bench:go", "bench:end");
    expect(split).toEqual({ script: 1 + 24, style: 0, layout: 1 + 6, paint: 0, gc: 0, other: 2 });
    const total = Object.values(split).reduce((a, b) => a + b, 0);
    expect(total).toBe(tasksBetween(parseTrace(json), "bench:go", "bench:end").cpuMs);
  });

  it("counts every top-level event's time once, and the split adds up to it, over 200 generated timelines", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = createRng(seed);
      const events: { name: string; ts: number; dur: number }[] = [];
      let topLevelUs = 0;
      let at = 2_000;
      // Every event between the marks (bench:end is at 900 ms).
      for (let i = int(rng, 1, 40); i > 0 && at < 840_000; i--) {
        // A gap of nothing, a few µs (a task's own checkpoint) or milliseconds (apart from any task).
        at += pick(rng, [0, 5, 400, 3_000, 20_000]);
        const dur = int(rng, 1, 30) * 1_000;
        const name = rng() < 0.3 ? CHECKPOINT : TASK;
        events.push({ name, ts: at, dur });
        topLevelUs += dur;
        // Nested work: script, a forced layout, a nested checkpoint or run loop, one inside the other or not.
        let inner = at + 100;
        while (inner + 1_000 < at + dur && rng() < 0.7) {
          const span = int(rng, 1, Math.max(1, Math.floor((at + dur - inner) / 1_000) - 1)) * 500;
          events.push({ name: pick(rng, ["FunctionCall", "Layout", "Paint", CHECKPOINT, TASK]), ts: inner, dur: span });
          inner += span + 100;
        }
        at += dur;
      }
      const json = trace(events);
      const tasks = tasksBetween(parseTrace(json), "bench:go", "bench:end");
      const split = Object.values(splitBetween(json, "bench:go", "bench:end")).reduce((a, b) => a + b, 0);
      expect(tasks.cpuMs, `seed ${seed}`).toBe(Math.round(topLevelUs / 1_000));
      // The split rounds each of its six kinds.
      expect(Math.abs(split - tasks.cpuMs), `seed ${seed}`).toBeLessThanOrEqual(3);
    }
  });
});

describe("the page's worker threads from a trace", () => {
  it("counts the tasks and microtasks of the page's dedicated workers between the marks, nested ones once", () => {
    const worker = { pid: 1, tid: 9 };
    const json = JSON.stringify({
      traceEvents: [
        { pid: 1, tid: 7, ph: "M", name: "thread_name", ts: 0, args: { name: "CrRendererMain" } },
        { ...worker, ph: "M", name: "thread_name", ts: 0, args: { name: "DedicatedWorker thread" } },
        // Another renderer's worker (another page) is not this page's.
        { pid: 2, tid: 9, ph: "M", name: "thread_name", ts: 0, args: { name: "DedicatedWorker thread" } },
        { pid: 1, tid: 7, ph: "I", cat: "blink.user_timing", name: "bench:go", ts: 1_000 },
        { pid: 1, tid: 7, ph: "I", cat: "blink.user_timing", name: "bench:end", ts: 900_000 },
        { ...worker, ph: "X", name: TASK, ts: 500, dur: 3_000, tdur: 3_000 }, // before the start
        { ...worker, ph: "X", name: TASK, ts: 10_000, dur: 4_000, tdur: 3_000 },
        { ...worker, ph: "X", name: TASK, ts: 11_000, dur: 1_000, tdur: 1_000 }, // nested
        { ...worker, ph: "X", name: CHECKPOINT, ts: 14_010, dur: 2_000, tdur: 2_000 },
        { ...worker, ph: "X", name: "FunctionCall", ts: 20_000, dur: 9_000, tdur: 9_000 }, // not a task
        { pid: 2, tid: 9, ph: "X", name: TASK, ts: 30_000, dur: 50_000, tdur: 50_000 },
        { pid: 1, tid: 7, ph: "X", name: TASK, ts: 40_000, dur: 70_000, tdur: 70_000 }, // the main thread
        { ...worker, ph: "X", name: TASK, ts: 950_000, dur: 5_000, tdur: 5_000 }, // after the end
      ],
    });
    expect(workerCpuBetween(json, "bench:go", "bench:end")).toBe(5);
  });
});

describe("the longest task's work from a trace", () => {
  it("names the events the longest task spent the most self time on", () => {
    const json = trace([
      { name: TASK, ts: 10_000, dur: 5_000 },
      { name: "FunctionCall", ts: 10_100, dur: 1_000 },
      { name: TASK, ts: 100_000, dur: 60_000 },
      { name: "FunctionCall", ts: 100_500, dur: 50_000 },
      { name: "Layout", ts: 101_000, dur: 40_000 }, // forced inside the script
      { name: "UpdateLayoutTree", ts: 145_000, dur: 3_000 },
      { name: TASK, ts: 200_000, dur: 8_000 },
      { name: "Paint", ts: 200_100, dur: 7_000 },
    ]);
    expect(longestTaskWork(json, parseTrace(json), "bench:go", "bench:end")).toBe(
      "Layout 40, other 10, FunctionCall 7",
    );
  });

  it("says which garbage collections ran in it, why, and whether they reduced memory", () => {
    const nvp = (value: object | string) => ({
      args: { value: typeof value === "string" ? value : JSON.stringify(value) },
    });
    const json = trace([
      { name: TASK, ts: 10_000, dur: 5_000 },
      // In a short task: not the longest one's.
      { name: "V8.GCTraceGCNVP", ts: 14_000, dur: 0, ...nvp({ gc: "s", pause: 3.2, reason: "allocation failure" }) },
      { name: TASK, ts: 100_000, dur: 90_000 },
      { name: "MajorGC", ts: 100_500, dur: 85_000 },
      { name: "V8.GC_HEAP_EMBEDDER_TRACING_EPILOGUE", ts: 101_000, dur: 80_000 },
      {
        name: "V8.GCTraceGCNVP",
        ts: 186_000,
        dur: 0,
        ...nvp({ gc: "mc", pause: 83.4, reason: "memory reducer", reduce_memory: true }),
      },
      { name: "V8.GCTraceGCNVP", ts: 187_000, dur: 0, ...nvp({ gc: "s", pause: 1, reason: "", reduce_memory: false }) },
      { name: "V8.GCTraceGCNVP", ts: 188_000, dur: 0, ...nvp("{not json") },
    ]);
    expect(longestTaskWork(json, parseTrace(json), "bench:go", "bench:end")).toBe(
      "V8.GC_HEAP_EMBEDDER_TRACING_EPILOGUE 80, MajorGC 5, other 5; mark-compact, 83 ms pause (memory reducer, reducing memory); scavenge, 1 ms pause",
    );
    // Without the GC category the work alone, as before.
    const plain = trace([
      { name: TASK, ts: 100_000, dur: 90_000 },
      { name: "MajorGC", ts: 100_500, dur: 85_000 },
    ]);
    expect(longestTaskWork(plain, parseTrace(plain), "bench:go", "bench:end")).toBe("MajorGC 85, other 5");
  });
});
