// @vitest-environment node
import { describe, expect, it } from "vitest";
import { parseTrace, splitBetween, tasksBetween } from "../../bench/lib/trace";

/** A renderer's trace: its main thread named, the bench's marks, then the given events on that thread. */
function trace(events: { name: string; ts: number; dur: number; tdur?: number }[]): string {
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
});
