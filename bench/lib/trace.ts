/**
 * Main-thread tasks from a Chromium trace (category `toplevel`), with their CPU time (`tdur`).
 * On a shared, loaded machine a task's wall duration includes time the renderer waited for a
 * core; its CPU time does not, so "longest task" is reported both ways.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface Task {
  /** µs, trace clock. */
  ts: number;
  wallMs: number;
  cpuMs: number;
}

export interface TraceSummary {
  tasks: Task[];
  /** `performance.mark` names → ts (µs, trace clock), in the page's renderer. */
  marks: Map<string, number>;
}

export const TRACE_CATEGORIES = ["toplevel", "blink.user_timing"];

export function parseTrace(json: Buffer | string): TraceSummary {
  const { traceEvents } = JSON.parse(json.toString()) as { traceEvents: TraceEvent[] };
  const marks = new Map<string, number>();
  let pid: number | null = null;
  for (const e of traceEvents) {
    if (e.cat === "blink.user_timing" && e.name.startsWith("bench:")) {
      marks.set(e.name, e.ts);
      pid = e.pid;
    }
  }
  const main = traceEvents.find(
    (e) =>
      e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && (pid === null || e.pid === pid),
  );
  const tasks: Task[] = [];
  if (main) {
    for (const e of traceEvents) {
      if (e.ph !== "X" || e.pid !== main.pid || e.tid !== main.tid || e.name !== "ThreadControllerImpl::RunTask")
        continue;
      tasks.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 });
    }
  }
  return { tasks, marks };
}

export interface TaskStats {
  longestCpuMs: number;
  longestWallMs: number;
  /** Tasks whose CPU time exceeded 50 ms. */
  over50Cpu: number;
  cpuMs: number;
}

/** Tasks that started in [from, to) (mark names; missing marks mean the start / end of the trace). */
export function tasksBetween(t: TraceSummary, from?: string, to?: string): TaskStats {
  const a = from ? (t.marks.get(from) ?? -Infinity) : -Infinity;
  const b = to ? (t.marks.get(to) ?? Infinity) : Infinity;
  let longestCpuMs = 0;
  let longestWallMs = 0;
  let over50Cpu = 0;
  let cpuMs = 0;
  for (const task of t.tasks) {
    // A task that contains the mark started just before it: include it (the mark is taken inside it).
    if (task.ts + task.wallMs * 1000 < a || task.ts >= b) continue;
    longestCpuMs = Math.max(longestCpuMs, task.cpuMs);
    longestWallMs = Math.max(longestWallMs, task.wallMs);
    if (task.cpuMs > 50) over50Cpu += 1;
    cpuMs += task.cpuMs;
  }
  return {
    longestCpuMs: Math.round(longestCpuMs),
    longestWallMs: Math.round(longestWallMs),
    over50Cpu,
    cpuMs: Math.round(cpuMs),
  };
}
