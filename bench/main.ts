/**
 * `npm run bench`: builds the bench page, serves it on 127.0.0.1, drives Debian's Chromium and
 * prints a results table (also written to bench-results/). Loaded by bench/run.mjs through
 * Vite's module runner, so it is TypeScript like the rest of the repo.
 */
import react from "@vitejs/plugin-react";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, CDPSession, Locator, Page } from "playwright-core";
import { build } from "vite";
import { launchChromium } from "../test/browser/chromium";
import { runFoldBench, type FoldResult } from "./lib/fold-bench";
import { hostileReply, HOSTILE_REPLY_IDS } from "./lib/hostile-replies";
import {
  renderReport,
  type BenchReport,
  type ClickSummary,
  type HostileCell,
  type IdleTask,
  type KeySummary,
  type StreamCell,
  type StreamRun,
} from "./lib/report";
import { serveStatic } from "./lib/static-server";
import {
  longestTaskWork,
  parseTrace,
  splitBetween,
  tasksBetween,
  workerCpuBetween,
  SPLIT_CATEGORIES,
} from "./lib/trace";
import { benchReply, PACES, parsePace, SseBackend, type Pace } from "./lib/sse-server";
import { max, median, percentile, round } from "./lib/stats";
import type { ContenderName } from "./page/contenders";
import type { ClickResult, ClickTarget, HistoryKind, MountResult } from "./page/main";

const ROOT = resolve(import.meta.dirname, "..");
const SIZES_KB = [80, 320] as const;
const CONTENDERS: readonly ContenderName[] = [
  "panel",
  "react-markdown",
  "react-markdown-raf",
  "streamdown",
  "streamdown-raf",
];

export interface Options {
  /** Repetitions per contender and size at the steady pace (fresh page each); the median is reported. */
  reps: number;
  /** Scenarios to run: stream, mount, cypher, hostile, fold. */
  only: Set<string>;
  quick: boolean;
  /** Reply sizes at the steady pace, KB. */
  sizes: number[];
  /** Paces the reply arrives at (see lib/sse-server.ts). */
  paces: Pace[];
  /** Sizes and repetitions at the other paces. */
  burstSizes: number[];
  burstReps: number;
  /** The steady run at this size also types 50 keystrokes while streaming. */
  typingSizeKB: number;
  contenders: ContenderName[];
  /** Record a JS CPU profile of each run and print the functions with the most self time (unminified page). */
  profile: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    reps: 3,
    only: new Set(["stream", "mount", "cypher", "hostile", "fold"]),
    quick: false,
    sizes: [...SIZES_KB],
    paces: [PACES.steady as Pace, PACES.burst as Pace],
    burstSizes: [80],
    burstReps: 1,
    typingSizeKB: 80,
    contenders: [...CONTENDERS],
    profile: false,
  };
  for (const arg of argv) {
    const [key, value = ""] = arg.replace(/^--/, "").split("=");
    if (key === "reps") opts.reps = Math.max(1, Number(value));
    else if (key === "only") opts.only = new Set(value.split(","));
    else if (key === "sizes") opts.sizes = value.split(",").map(Number);
    else if (key === "paces") opts.paces = value.split(",").map(parsePace);
    else if (key === "burst-sizes") opts.burstSizes = value.split(",").map(Number);
    else if (key === "burst-reps") opts.burstReps = Math.max(1, Number(value));
    else if (key === "typing-size") opts.typingSizeKB = Number(value);
    else if (key === "contenders") opts.contenders = value.split(",") as ContenderName[];
    else if (key === "profile") opts.profile = true;
    else if (key === "quick") {
      opts.quick = true;
      opts.reps = 1;
      opts.sizes = [80];
      opts.burstSizes = [80];
    } else throw new Error(`bench: unknown option ${arg} (see bench/README.md)`);
  }
  for (const c of opts.contenders)
    if (!CONTENDERS.includes(c)) throw new Error(`bench: unknown contender ${c} (${CONTENDERS.join(", ")})`);
  return opts;
}

interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
  LayoutDuration: number;
  RecalcStyleDuration: number;
}

interface MainThread {
  /** All main-thread task time (includes script, layout and style). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
  return {
    TaskDuration: get("TaskDuration"),
    ScriptDuration: get("ScriptDuration"),
    LayoutDuration: get("LayoutDuration"),
    RecalcStyleDuration: get("RecalcStyleDuration"),
  };
}

function diff(a: Metrics, b: Metrics): MainThread {
  const ms = (k: keyof Metrics) => round((b[k] - a[k]) * 1000, 1);
  return {
    taskMs: ms("TaskDuration"),
    scriptMs: ms("ScriptDuration"),
    layoutMs: ms("LayoutDuration"),
    styleMs: ms("RecalcStyleDuration"),
  };
}

class Harness {
  constructor(
    readonly browser: Browser,
    private readonly url: string,
    readonly backend: SseBackend,
  ) {}

  /** A fresh context and page per run, with CDP performance metrics on (main-thread CPU time). */
  async page(hash = ""): Promise<{ page: Page; cdp: CDPSession; context: BrowserContext }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error(`  [page error] ${e.message}`));
    await page.goto(this.url + hash);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    return { page, cdp, context };
  }
}

/**
 * One reply streamed to one contender in a fresh page, over real HTTP/SSE at `pace`, from the first
 * delta written to the final reply painted. `typing`: 50 keystrokes typed while it streams.
 */
async function streamRun(
  h: Harness,
  contender: ContenderName,
  sizeKB: number,
  pace: Pace,
  typing: boolean,
  profile = false,
  idle = false,
): Promise<StreamRun> {
  const { page, cdp, context } = await h.page(profile ? "#profile" : "");
  const session = `sesn_run${(runSeq += 1)}`;
  try {
    // Warm-up: a small, different reply through a throwaway instance, so no contender pays for cold code.
    h.backend.plan(`${session}_warm`, benchReply(4, 99), PACES.warm as Pace);
    await page.evaluate(([c, s]) => window.__bench.mountStream(c, s), [contender, `${session}_warm`] as const);
    await page.evaluate((s) => window.__bench.go(s), `${session}_warm`);
    await page.evaluate(() => window.__bench.waitDone());
    await page.evaluate(() => window.__bench.unmountStream());
    h.backend.forget(`${session}_warm`);

    const reply = benchReply(sizeKB);
    h.backend.plan(session, reply, pace);
    await page.evaluate(([c, s]) => window.__bench.mountStream(c, s), [contender, session] as const);
    if (typing) await page.getByRole("textbox", { name: "Message Tracy" }).click();
    await h.browser.startTracing(page, { categories: SPLIT_CATEGORIES });
    if (profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
      await cdp.send("Profiler.start");
    }
    const before = await metrics(cdp);
    await page.evaluate((s) => window.__bench.go(s), session);
    let keys: Typing | null = null;
    if (typing) {
      // Two seconds in, a reader types their next question while the reply streams.
      await page.waitForTimeout(2_000);
      keys = await typeInComposer(page, cdp, true);
    }
    const done = await page.evaluate(() => window.__bench.waitDone());
    const after = await metrics(cdp);
    if (profile) {
      const prof = (await cdp.send("Profiler.stop")).profile;
      if (process.env.BENCH_TRACE_DIR)
        writeFileSync(`${process.env.BENCH_TRACE_DIR}/${contender}-${sizeKB}.cpuprofile`, JSON.stringify(prof));
      printProfile(prof);
      console.log(await page.evaluate(() => window.__bench.mutations()));
    }
    if (idle) {
      // The page left alone after its reply, in the same trace: the window is the measurement (what V8 does with a
      // page that allocates nothing), not a wait for something to happen.
      await page.evaluate(() => performance.mark("bench:idle"));
      await page.waitForTimeout(IDLE_WINDOW_MS);
      await page.evaluate(() => performance.mark("bench:idle-end"));
    }
    const json = await h.browser.stopTracing();
    if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/${contender}-${sizeKB}.json`, json);
    const trace = parseTrace(json);
    const names = profile ? new Map<string, number>() : undefined;
    const split = splitBetween(json, "bench:go", "bench:end");
    if (names) {
      splitBetween(json, "bench:go", "bench:end", names);
      for (const [n, ms] of [...names].sort((a, b) => b[1] - a[1]).slice(0, 25))
        console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${n}`);
    }
    const tasks = tasksBetween(trace, "bench:go", "bench:end");
    const idleTasks = idle ? tasksBetween(trace, "bench:idle", "bench:idle-end") : null;
    const idleTask: IdleTask | null = idleTasks && {
      windowMs: IDLE_WINDOW_MS,
      longestCpuMs: idleTasks.longestCpuMs,
      longestWallMs: idleTasks.longestWallMs,
      work: longestTaskWork(json, trace, "bench:idle", "bench:idle-end"),
    };
    if (typing) await checkTyped(page);
    const out = await page.evaluate(() => window.__bench.output());
    const complete = checkComplete(reply.text, out);
    if (complete !== null)
      throw new Error(`bench: ${contender} at ${sizeKB} KB did not render the whole reply: ${complete}`);
    const { startedAt, finishedAt } = h.backend.timing(session);
    h.backend.forget(session);
    return {
      contender,
      sizeKB,
      pace: pace.name,
      chars: reply.text.length,
      deltas: reply.chunks.length,
      mainMs: round(diff(before, after).taskMs, 0),
      traceMs: tasks.cpuMs,
      split,
      workerMs: workerCpuBetween(json, "bench:go", "bench:end"),
      wallMs: done.wallMs,
      streamMs: startedAt !== null && finishedAt !== null ? round(finishedAt - startedAt, 0) : null,
      longestCpuMs: tasks.longestCpuMs,
      longestWallMs: tasks.longestWallMs,
      longestWork: longestTaskWork(json, trace, "bench:go", "bench:end"),
      over50Cpu: tasks.over50Cpu,
      over50Wall: tasks.over50Wall,
      keys: keys ? keys.keys.map((k) => round(k.frame, 1)).filter((x) => Number.isFinite(x)) : null,
      idle: idleTask,
    };
  } finally {
    await context.close();
  }
}

/** How long a page is left idle after its reply (see `streamRun`): V8's memory reducer waits 8 s between its GCs. */
const IDLE_WINDOW_MS = 30_000;

let runSeq = 0;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by function, top 30 (`--profile`). */
function printProfile(p: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i] as number);
    if (!n) continue;
    const f = n.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop() ?? ""}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, ms] of top) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  // Inclusive time: each sample counts once for every function on its stack.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (!f || !f.functionName) continue;
      const key = `${f.functionName} :${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
    }
  }
  console.log("  inclusive:");
  for (const [k, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60))
    console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

/** Null when `out` holds the whole reply, else what is missing: every id in order, and every table row. */
function checkComplete(text: string, out: { text: string; rows: number }): string | null {
  // Ids in link text, headings, inline code and code blocks (not in link targets, which are not text).
  const ids = text.replace(/\]\([^)]*\)/g, "]").match(/[0-9a-f]{8,}/g) ?? [];
  let at = 0;
  for (const id of ids) {
    const found = out.text.indexOf(id, at);
    if (found === -1) return `${id} (after character ${at} of ${out.text.length})`;
    at = found + id.length;
  }
  const rows = text.split("\n").filter((l) => l.startsWith("| `")).length;
  if (out.rows < rows) return `${out.rows} of ${rows} table rows`;
  const last =
    text
      .trimEnd()
      .split("\n")
      .at(-1)
      ?.replace(/[*_`|]/g, "")
      .trim()
      .slice(-24) ?? "";
  if (!out.text.replace(/\s+/g, " ").includes(last.replace(/\s+/g, " "))) return `the end (${JSON.stringify(last)})`;
  return null;
}

async function streamScenario(h: Harness, opts: Options, log: (s: string) => void): Promise<StreamCell[]> {
  const runs: StreamRun[] = [];
  for (const pace of opts.paces) {
    const sizes = pace.name === "steady" ? opts.sizes : opts.burstSizes;
    const reps = pace.name === "steady" ? opts.reps : opts.burstReps;
    // Each repetition runs every size, so the panel's 80 and 320 KB runs (its growth) are minutes apart, not a
    // quarter of an hour: the machine's speed drifts by a fifth over a full run.
    for (let rep = 0; rep < reps; rep++) {
      for (const sizeKB of sizes) {
        // Interleaved, and the order rotates each rep, so drift on a shared machine favours no one.
        const order = opts.contenders.map(
          (_, i) => opts.contenders[(i + rep) % opts.contenders.length] as ContenderName,
        );
        for (const contender of order) {
          const typing = pace.name === "steady" && sizeKB === opts.typingSizeKB;
          // Once per contender, at the largest size: its page left idle after the reply.
          const idle = !opts.quick && rep === 0 && pace.name === "steady" && sizeKB === Math.max(...sizes);
          const r = await streamRun(h, contender, sizeKB, pace, typing, opts.profile, idle);
          runs.push(r);
          log(
            `  ${pace.name.padEnd(6)} ${String(sizeKB).padStart(3)} KB ${contender.padEnd(19)} main ${String(r.mainMs).padStart(6)} ms` +
              ` (script ${r.split.script}, style ${r.split.style}, layout ${r.split.layout}, paint ${r.split.paint}, gc ${r.split.gc}, other ${r.split.other})` +
              `  longest task ${r.longestCpuMs} ms CPU / ${r.longestWallMs} ms wall (${r.longestWork ?? ""})  wall ${r.wallMs} ms (stream ${r.streamMs} ms)` +
              (r.keys ? `  keystroke→frame median ${round(median(r.keys), 1)} ms` : "") +
              (r.idle
                ? `  idle ${r.idle.windowMs / 1000} s after: longest task ${r.idle.longestCpuMs} ms CPU (${r.idle.work})`
                : ""),
          );
        }
      }
    }
  }
  const cells: StreamCell[] = [];
  for (const pace of opts.paces)
    for (const sizeKB of opts.sizes.concat(opts.burstSizes).filter((x, i, a) => a.indexOf(x) === i))
      for (const contender of opts.contenders) {
        const rs = runs.filter((r) => r.contender === contender && r.sizeKB === sizeKB && r.pace === pace.name);
        const first = rs[0];
        if (!first) continue;
        const med = (f: (r: StreamRun) => number) => round(median(rs.map(f)), 0);
        const keys = rs.flatMap((r) => r.keys ?? []);
        cells.push({
          ...first,
          runs: rs.length,
          runsMainMs: rs.map((r) => r.mainMs),
          mainMs: med((r) => r.mainMs),
          traceMs: med((r) => r.traceMs),
          split: {
            script: med((r) => r.split.script),
            style: med((r) => r.split.style),
            layout: med((r) => r.split.layout),
            paint: med((r) => r.split.paint),
            gc: med((r) => r.split.gc),
            other: med((r) => r.split.other),
          },
          workerMs: med((r) => r.workerMs ?? 0),
          wallMs: med((r) => r.wallMs),
          streamMs: first.streamMs === null ? null : med((r) => r.streamMs ?? 0),
          longestCpuMs: max(rs.map((r) => r.longestCpuMs)),
          longestWork: [...rs].sort((x, y) => y.longestCpuMs - x.longestCpuMs)[0]?.longestWork ?? "",
          longestWallMs: max(rs.map((r) => r.longestWallMs)),
          over50Cpu: max(rs.map((r) => r.over50Cpu)),
          over50Wall: max(rs.map((r) => r.over50Wall)),
          keys: keys.length > 0 ? keys : null,
          idle: rs.find((r) => r.idle)?.idle ?? null,
          keyMedianMs: keys.length > 0 ? round(median(keys), 1) : null,
          keyP95Ms: keys.length > 0 ? round(percentile(keys, 95), 1) : null,
        });
      }
  return cells;
}

interface MountRun extends MountResult, MainThread {}

async function mount(page: Page, cdp: CDPSession, kind: HistoryKind): Promise<MountRun> {
  const before = await metrics(cdp);
  const r = await page.evaluate((k) => window.__bench.mountHistory(k), kind);
  const after = await metrics(cdp);
  return { ...r, ...diff(before, after) };
}

const TYPED = "why is checkout slow in trace 4bf92f35 since deploy"; // 50 characters

interface Typing {
  keys: { processing: number; frame: number; paint: number }[];
  longestTaskMs: number;
  /** Main-thread CPU while typing, per keystroke: the handlers plus the frames they cause. */
  cpuPerKeyMs: number;
}

async function typeInComposer(page: Page, cdp: CDPSession, focused = false): Promise<Typing> {
  const box = page.getByRole("textbox", { name: "Message Tracy" });
  // While a reply streams, the box is focused beforehand: locating it walks the DOM in the page.
  if (!focused) await box.click();
  await page.evaluate(() => window.__bench.armKeystrokes());
  const before = await metrics(cdp);
  // 40 ms apart: each keystroke gets its own frame, like a fast typist (~25 keys/s).
  await page.keyboard.type(TYPED, { delay: 40 });
  const result = await page.evaluate(() => window.__bench.keystrokes());
  const after = await metrics(cdp);
  if (!focused) await checkTyped(page);
  return { ...result, cpuPerKeyMs: round(diff(before, after).taskMs / TYPED.length, 1) };
}

async function checkTyped(page: Page): Promise<void> {
  const value = await page.getByRole("textbox", { name: "Message Tracy" }).inputValue();
  if (value !== TYPED) throw new Error(`bench: the composer holds ${JSON.stringify(value)}`);
}

function keySummary(typings: Typing[]): KeySummary {
  const keys = typings.flatMap((t) => t.keys);
  const col = (k: "processing" | "frame" | "paint") => keys.map((x) => x[k]).filter((x) => Number.isFinite(x));
  return {
    samples: keys.length,
    cpuPerKeyMs: round(median(typings.map((t) => t.cpuPerKeyMs)), 1),
    processing: {
      median: round(median(col("processing"))),
      p95: round(percentile(col("processing"), 95)),
      max: round(max(col("processing"))),
    },
    frame: {
      median: round(median(col("frame"))),
      p95: round(percentile(col("frame"), 95)),
      max: round(max(col("frame"))),
    },
    paint: {
      median: round(median(col("paint"))),
      p95: round(percentile(col("paint"), 95)),
      max: round(max(col("paint"))),
    },
    longestTaskMs: max(typings.map((t) => t.longestTaskMs)),
  };
}

async function mountScenario(h: Harness, opts: Options, log: (s: string) => void) {
  const mounts: MountRun[] = [];
  const typingLong: Typing[] = [];
  const typingEmpty: Typing[] = [];
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const kind of ["long", "empty"] as const) {
      // The empty panel is the baseline, measured in the same run.
      const { page, cdp, context } = await h.page();
      try {
        const m = await mount(page, cdp, kind);
        const t = await typeInComposer(page, cdp);
        (kind === "long" ? typingLong : typingEmpty).push(t);
        if (kind === "long") {
          mounts.push(m);
          log(
            `  mount 1,000 items: ${m.mountMs} ms (main ${m.taskMs} ms, longest task ${m.longestTaskMs} ms); typing ${t.cpuPerKeyMs} ms CPU per key`,
          );
        } else log(`  empty panel: typing ${t.cpuPerKeyMs} ms CPU per key`);
      } finally {
        await context.close();
      }
    }
  }
  return {
    items: mounts[0]?.items ?? 0,
    mounted: mounts[0]?.mounted ?? 0,
    historyEvents: mounts[0]?.historyEvents ?? 0,
    historyChars: mounts[0]?.historyChars ?? 0,
    runs: mounts.length,
    mountMs: round(median(mounts.map((m) => m.mountMs)), 0),
    mountMainMs: round(median(mounts.map((m) => m.taskMs)), 0),
    mountLongestTaskMs: max(mounts.map((m) => m.longestTaskMs)),
    keys1000: keySummary(typingLong),
    keysEmpty: keySummary(typingEmpty),
  };
}

/**
 * A real mouse click at the element's centre. The locator is resolved (and scrolled into view)
 * before the timer is armed, and the click itself is raw input, so none of Playwright's in-page
 * locator work lands in the measured tasks.
 */
async function click(page: Page, target: ClickTarget, element: Locator): Promise<ClickResult> {
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box) throw new Error(`bench: nothing to click for ${target}`);
  await page.evaluate((t) => window.__bench.armClick(t), target);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return page.evaluate(() => window.__bench.clickResult());
}

async function cypherScenario(h: Harness, opts: Options, log: (s: string) => void) {
  const mounts: MountRun[] = [];
  const clicks: Record<Exclude<ClickTarget, "full">, ClickResult[]> = { table: [], all: [], next: [] };
  for (let rep = 0; rep < opts.reps; rep++) {
    const { page, cdp, context } = await h.page();
    try {
      const m = await mount(page, cdp, "cypher");
      mounts.push(m);
      clicks.table.push(await click(page, "table", page.locator(".tracy-cypher .tracy-tool-trigger")));
      clicks.all.push(await click(page, "all", page.getByRole("button", { name: /^Show all/ })));
      clicks.next.push(await click(page, "next", page.getByRole("button", { name: "Next" })));
      log(
        `  cypher 10,000 rows: mount ${m.mountMs} ms (longest task ${m.longestTaskMs} ms); expand ${clicks.table.at(-1)?.latencyMs} ms, show all ${clicks.all.at(-1)?.latencyMs} ms, next page ${clicks.next.at(-1)?.latencyMs} ms`,
      );
    } finally {
      await context.close();
    }
  }
  const sum = (rs: ClickResult[]): ClickSummary => ({
    median: round(median(rs.map((r) => r.latencyMs))),
    max: round(max(rs.map((r) => r.latencyMs))),
    processingMedian: round(median(rs.map((r) => r.processingMs))),
    longestTaskMs: max(rs.map((r) => r.longestTaskMs)),
  });
  return {
    runs: mounts.length,
    mountMs: round(median(mounts.map((m) => m.mountMs)), 0),
    mountMainMs: round(median(mounts.map((m) => m.taskMs)), 0),
    mountLongestTaskMs: max(mounts.map((m) => m.longestTaskMs)),
    historyChars: mounts[0]?.historyChars ?? 0,
    expand: sum(clicks.table),
    showAll: sum(clicks.all),
    nextPage: sum(clicks.next),
  };
}

/** Replies that used to freeze or crash the page, each alone in a fresh page: what rendering them costs now. */
async function hostileScenario(h: Harness, opts: Options, log: (s: string) => void): Promise<HostileCell[]> {
  const cells: HostileCell[] = [];
  for (const id of HOSTILE_REPLY_IDS) {
    const runs: MountRun[] = [];
    for (let rep = 0; rep < opts.reps; rep++) {
      const { page, cdp, context } = await h.page();
      try {
        runs.push(await mount(page, cdp, `hostile:${id}`));
      } finally {
        await context.close();
      }
    }
    const cell: HostileCell = {
      id,
      chars: hostileReply(id).length,
      runs: runs.length,
      mountMs: round(median(runs.map((m) => m.mountMs)), 0),
      mountMainMs: round(median(runs.map((m) => m.taskMs)), 0),
      longestTaskMs: max(runs.map((m) => m.longestTaskMs)),
    };
    cells.push(cell);
    log(`  ${id}: mount ${cell.mountMs} ms (main ${cell.mountMainMs} ms CPU, longest task ${cell.longestTaskMs} ms)`);
  }
  return cells;
}

async function buildPage(unminified = false): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "tracy-bench-"));
  if (process.env.NODE_ENV !== "production")
    throw new Error("bench: run through bench/run.mjs (NODE_ENV must be production)");
  await build({
    root: join(ROOT, "bench/page"),
    configFile: false,
    mode: "production",
    logLevel: "warn",
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: !unminified,
      chunkSizeWarningLimit: 10_000,
      reportCompressedSize: false,
    },
  });
  const js = readdirSync(join(outDir, "assets")).filter((f) => f.endsWith(".js"));
  if (js.some((f) => readFileSync(join(outDir, "assets", f), "utf8").includes("defineKeyPropWarningGetter"))) {
    throw new Error("bench: the page bundled React's development build");
  }
  return outDir;
}

/** The commit measured, `+dirty` when src/ has uncommitted changes (others edit in parallel). */
function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  // `--report=FILE`: print the markdown of a saved JSON result again, without measuring.
  const saved = argv.find((a) => a.startsWith("--report="));
  if (saved) {
    console.log(
      renderReport(JSON.parse(readFileSync(resolve(saved.slice("--report=".length)), "utf8")) as BenchReport),
    );
    return;
  }
  const opts = parseArgs(argv);
  const started = performance.now();
  const log = (s: string) => console.log(s);
  const report: BenchReport = {
    date: new Date().toISOString(),
    options: {
      reps: opts.reps,
      quick: opts.quick,
      paces: opts.paces,
      burstReps: opts.burstReps,
      load: loadavg().map((x) => round(x, 2)),
    },
    environment: { node: process.version, cpus: cpus().length, commit: gitCommit() },
    stream: null,
    mount: null,
    cypher: null,
    fold: null,
    hostile: null,
    durationS: 0,
  };

  if (opts.only.has("fold")) {
    log("fold throughput (Node)…");
    const fold: FoldResult = runFoldBench(100_000, opts.quick ? 2 : 5, 1);
    report.fold = fold;
    log(
      `  one batch ${fold.oneBatch.eventsPerSec.toLocaleString("en-US")} ev/s; batches of 16 ${fold.batchesOf16.eventsPerSec.toLocaleString("en-US")} ev/s`,
    );
  }

  const browserScenarios = ["stream", "mount", "cypher", "hostile"].filter((s) => opts.only.has(s));
  if (browserScenarios.length > 0) {
    log("building the bench page…");
    const outDir = await buildPage(opts.profile);
    const backend = new SseBackend();
    const server = await serveStatic(outDir, (req, res) => backend.handle(req, res));
    let browser: Browser | null = null;
    try {
      browser = await launchChromium();
      report.environment.chromium = browser.version();
      const h = new Harness(browser, server.url, backend);
      if (opts.only.has("stream")) {
        log(
          `streaming over SSE (${opts.paces.map((p) => `${p.name}: ${p.deltas} deltas every ${p.everyMs} ms`).join("; ")})…`,
        );
        report.stream = await streamScenario(h, opts, log);
      }
      if (opts.only.has("mount")) {
        log("1,000-item transcript…");
        report.mount = await mountScenario(h, opts, log);
      }
      if (opts.only.has("cypher")) {
        log("Cypher card with 10,000 rows…");
        report.cypher = await cypherScenario(h, opts, log);
      }
      if (opts.only.has("hostile")) {
        log("hostile replies (report only)…");
        report.hostile = await hostileScenario(h, opts, log);
      }
    } finally {
      await browser?.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  }

  report.durationS = round((performance.now() - started) / 1000, 0);
  const markdown = renderReport(report);
  console.log(`\n${markdown}`);
  const dir = join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, "-");
  writeFileSync(join(dir, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, "latest.md"), `${markdown}\n`);
  console.log(`\nwrote bench-results/bench-${stamp}.json, latest.json and latest.md (${report.durationS} s)`);
}
