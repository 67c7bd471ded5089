/**
 * Main-thread tasks from a Chromium trace (category `toplevel`), with their CPU time (`tdur`).
 * On a shared, loaded machine a task's wall duration includes time the renderer waited for a
 * core; its CPU time does not, so "longest task" is reported both ways.
 *
 * The microtasks a task queues (promise callbacks: a fetch body read, an `await`) often run in a
 * checkpoint the trace records after the task, not inside it. They are part of that task, as the
 * event loop and the Long Tasks API count them: leaving them out undercounted a promise-driven
 * stream reader by a tenth of its main-thread time.
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
  args?: { name?: string; value?: string };
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
    const events = traceEvents
      .filter(
        (e) =>
          e.ph === "X" &&
          e.pid === main.pid &&
          e.tid === main.tid &&
          (e.name === TASK || e.name === MICROTASK_CHECKPOINT),
      )
      .sort((x, y) => x.ts - y.ts);
    let last: Task | null = null;
    let lastEnd = -Infinity;
    for (const e of events) {
      const end = e.ts + (e.dur ?? 0);
      const cpuMs = (e.tdur ?? e.dur ?? 0) / 1000;
      if (e.name === TASK) {
        if (e.ts < lastEnd) continue; // nested in the task before (a nested run loop): already counted there
        last = { ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs };
        tasks.push(last);
        lastEnd = end;
      } else if (e.ts < lastEnd) {
        continue; // inside the task: already counted there
      } else if (last && e.ts - lastEnd <= RIGHT_AFTER_US) {
        // Right after the task: the task's own microtasks.
        last.cpuMs += cpuMs;
        last.wallMs = (end - last.ts) / 1000;
        lastEnd = end;
      } else {
        // Apart from any task (rare: a few in a run): work of its own.
        last = { ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs };
        tasks.push(last);
        lastEnd = end;
      }
    }
  }
  return { tasks, marks };
}

const TASK = "ThreadControllerImpl::RunTask";
/** Microtasks run after a task, recorded at the top level (not inside the task's event). */
const MICROTASK_CHECKPOINT = "BlinkScheduler_PerformMicrotaskCheckpoint";
/** A task's own checkpoint starts within microseconds of its end (99% within 12 µs in an 80 KB run). */
const RIGHT_AFTER_US = 1_000;

export interface TaskStats {
  longestCpuMs: number;
  longestWallMs: number;
  /** Tasks whose CPU time exceeded 50 ms. */
  over50Cpu: number;
  /** Tasks whose wall time exceeded 50 ms (on a loaded machine, also time spent waiting for a core). */
  over50Wall: number;
  cpuMs: number;
}

/**
 * What the longest task (by CPU) between two marks spent its time on: the trace events with the most self time in it,
 * e.g. "Layout 80, FunctionCall 15", so that an outlier in a report can be explained without its trace.
 */
export function longestTaskWork(json: Buffer | string, t: TraceSummary, from: string, to: string, top = 3): string {
  const a = t.marks.get(from) ?? -Infinity;
  const b = t.marks.get(to) ?? Infinity;
  const inRange = t.tasks.filter((task) => task.ts + task.wallMs * 1000 >= a && task.ts < b);
  const longest = inRange.sort((x, y) => y.cpuMs - x.cpuMs)[0];
  if (!longest) return "";
  const byName = new Map<string, number>();
  const window = { fromUs: longest.ts, toUs: longest.ts + longest.wallMs * 1000 };
  splitBetween(json, from, to, byName, window);
  const work = [...byName]
    .filter(([, ms]) => ms >= 0.5)
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([name, ms]) => `${name === TASK ? "other" : name} ${Math.round(ms)}`)
    .join(", ");
  const gcs = garbageCollectionsIn(json, t, window);
  return gcs.length ? `${work}; ${gcs.join("; ")}` : work;
}

/**
 * The garbage collections V8 reported (`V8.GCTraceGCNVP`, category `disabled-by-default-v8.gc`) on the page's main
 * thread in a window: kind, pause, why it ran, and whether it was one that reduces memory (V8 compacts Blink's heap
 * only in those, and says it may lengthen the final pause a lot). Their summaries read e.g.
 * "mark-compact, 83 ms pause (memory reducer, reducing memory)" (the pause is V8's, in wall time).
 */
export function garbageCollectionsIn(
  json: Buffer | string,
  t: TraceSummary,
  window: { fromUs: number; toUs: number },
): string[] {
  const { traceEvents } = JSON.parse(json.toString()) as { traceEvents: TraceEvent[] };
  const main = mainThreadOf(traceEvents, t);
  if (!main) return [];
  const kinds: Record<string, string> = { s: "scavenge", mc: "mark-compact", ms: "minor mark-sweep" };
  const out: string[] = [];
  for (const e of traceEvents) {
    if (e.name !== "V8.GCTraceGCNVP" || e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ts < window.fromUs || e.ts > window.toUs) continue;
    let gc: { gc?: unknown; pause?: unknown; reason?: unknown; reduce_memory?: unknown };
    try {
      gc = JSON.parse(e.args?.value ?? "") as typeof gc;
    } catch {
      continue;
    }
    const kind = typeof gc.gc === "string" ? (kinds[gc.gc] ?? gc.gc) : "GC";
    const pause = typeof gc.pause === "number" ? `, ${Math.round(gc.pause)} ms pause` : "";
    const why = [
      typeof gc.reason === "string" && gc.reason ? gc.reason : null,
      gc.reduce_memory === true ? "reducing memory" : null,
    ]
      .filter(Boolean)
      .join(", ");
    out.push(`${kind}${pause}${why ? ` (${why})` : ""}`);
  }
  return out;
}

function mainThreadOf(traceEvents: TraceEvent[], t: TraceSummary): TraceEvent | undefined {
  const markPid = traceEvents.find((e) => e.cat === "blink.user_timing" && t.marks.has(e.name))?.pid ?? null;
  return traceEvents.find(
    (e) =>
      e.ph === "M" &&
      e.name === "thread_name" &&
      e.args?.name === "CrRendererMain" &&
      (markPid === null || e.pid === markPid),
  );
}

/** Tasks that started in [from, to) (mark names; missing marks mean the start / end of the trace). */
export function tasksBetween(t: TraceSummary, from?: string, to?: string): TaskStats {
  const a = from ? (t.marks.get(from) ?? -Infinity) : -Infinity;
  const b = to ? (t.marks.get(to) ?? Infinity) : Infinity;
  let longestCpuMs = 0;
  let longestWallMs = 0;
  let over50Cpu = 0;
  let over50Wall = 0;
  let cpuMs = 0;
  for (const task of t.tasks) {
    // A task that contains the mark started just before it: include it (the mark is taken inside it).
    if (task.ts + task.wallMs * 1000 < a || task.ts >= b) continue;
    longestCpuMs = Math.max(longestCpuMs, task.cpuMs);
    longestWallMs = Math.max(longestWallMs, task.wallMs);
    if (task.cpuMs > 50) over50Cpu += 1;
    if (task.wallMs > 50) over50Wall += 1;
    cpuMs += task.cpuMs;
  }
  return {
    longestCpuMs: Math.round(longestCpuMs),
    longestWallMs: Math.round(longestWallMs),
    over50Cpu,
    over50Wall,
    cpuMs: Math.round(cpuMs),
  };
}

/** The trace clock at two marks (missing: the start / end of the trace), and the renderer that made them. */
function marked(traceEvents: TraceEvent[], from: string, to: string): { pid: number | null; a: number; b: number } {
  let pid: number | null = null;
  let a = -Infinity;
  let b = Infinity;
  for (const e of traceEvents) {
    if (e.cat === "blink.user_timing" && e.name === from) {
      a = e.ts;
      pid = e.pid;
    }
    if (e.cat === "blink.user_timing" && e.name === to) b = e.ts;
  }
  return { pid, a, b };
}

/**
 * CPU ms of the page's dedicated workers between two marks: their tasks and the microtasks run after them. Work a
 * contender moves off the main thread is still work; the report shows it beside the main thread's.
 */
export function workerCpuBetween(json: Buffer | string, from: string, to: string): number {
  const { traceEvents } = JSON.parse(json.toString()) as { traceEvents: TraceEvent[] };
  const { pid, a, b } = marked(traceEvents, from, to);
  const workers = new Set(
    traceEvents
      .filter(
        (e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "DedicatedWorker thread" && e.pid === pid,
      )
      .map((e) => e.tid),
  );
  let cpuMs = 0;
  const lastEnd = new Map<number, number>();
  for (const e of traceEvents
    .filter((e) => e.ph === "X" && e.pid === pid && workers.has(e.tid) && e.ts >= a && e.ts < b)
    .filter((e) => e.name === TASK || e.name === MICROTASK_CHECKPOINT)
    .sort((x, y) => x.ts - y.ts)) {
    if (e.ts < (lastEnd.get(e.tid) ?? -Infinity)) continue; // nested: counted in the event around it
    cpuMs += (e.tdur ?? e.dur ?? 0) / 1000;
    lastEnd.set(e.tid, e.ts + (e.dur ?? 0));
  }
  return Math.round(cpuMs);
}

/** Categories for a run whose main-thread time is split by kind of work. */
/** `disabled-by-default-v8.gc`: each collection's kind and reason, to explain a long task that is one. */
export const SPLIT_CATEGORIES = [
  "toplevel",
  "blink.user_timing",
  "devtools.timeline",
  "disabled-by-default-v8.gc",
  // Blink's own heap's steps (CppGC.AtomicMark, CppGC.AtomicCompact, …), so a GC's pause says which step it was.
  "cppgc",
];

export interface Split {
  script: number;
  style: number;
  layout: number;
  paint: number;
  gc: number;
  other: number;
}

const KIND: Record<string, keyof Split> = {
  FunctionCall: "script",
  EvaluateScript: "script",
  "v8.compile": "script",
  "v8.compileModule": "script",
  "V8.Execute": "script",
  RunMicrotasks: "script",
  BlinkScheduler_PerformMicrotaskCheckpoint: "script",
  FireAnimationFrame: "script",
  TimerFire: "script",
  EventDispatch: "script",
  XHRReadyStateChange: "script",
  ParseHTML: "other",
  UpdateLayoutTree: "style",
  RecalculateStyles: "style",
  ParseAuthorStyleSheet: "style",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  UpdateLayer: "paint",
  UpdateLayerTree: "paint",
  CompositeLayers: "paint",
  Commit: "paint",
  MinorGC: "gc",
  MajorGC: "gc",
  "V8.GC_SCAVENGER": "gc",
  "V8.GC_MARK_COMPACTOR": "gc",
};

/**
 * Main-thread CPU between two marks, split by kind of work: each event's own time (its CPU time
 * minus that of the events nested in it), so a forced layout inside a script counts as layout.
 * Microtask checkpoints count as script, also those recorded after their task (see `parseTrace`).
 * `other` is what the tasks spent outside any of these events (scheduling, input, the network).
 */
export function splitBetween(
  json: Buffer | string,
  from: string,
  to: string,
  byName?: Map<string, number>,
  /** Only the events that start in [fromUs, toUs) (trace clock), instead of between the marks. */
  range?: { fromUs: number; toUs: number },
): Split {
  const { traceEvents } = JSON.parse(json.toString()) as { traceEvents: TraceEvent[] };
  const marks = marked(traceEvents, from, to);
  const pid = marks.pid;
  const [a, b] = range ? [range.fromUs, range.toUs] : [marks.a, marks.b];
  const main = traceEvents.find(
    (e) =>
      e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && (pid === null || e.pid === pid),
  );
  const split: Split = { script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 };
  if (!main) return split;
  const events = traceEvents
    .filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid && e.ts >= a && e.ts < b)
    .filter((e) => byName !== undefined || e.name === TASK || e.name in KIND)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  // Self time: a stack of open events; each closes when the next starts after its end.
  const stack: { end: number; kind: keyof Split | "task"; self: number; name: string }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack[stack.length - 1] as { end: number }).end <= until) {
      const done = stack.pop() as { kind: keyof Split | "task"; self: number; name: string };
      byName?.set(done.name, (byName.get(done.name) ?? 0) + Math.max(0, done.self));
      split[done.kind === "task" ? "other" : done.kind] += Math.max(0, done.self);
    }
  };
  for (const e of events) {
    close(e.ts);
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= cpu;
    stack.push({
      end: e.ts + (e.dur ?? 0),
      kind: e.name === TASK ? "task" : (KIND[e.name] ?? "other"),
      name: e.name,
      self: cpu,
    });
  }
  close(Infinity);
  for (const k of Object.keys(split) as (keyof Split)[]) split[k] = Math.round(split[k]);
  return split;
}
