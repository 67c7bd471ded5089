/**
 * `npm run bench`: builds the bench page, serves it on 127.0.0.1, drives Debian's Chromium and
 * prints a results table (also written to bench-results/). Loaded by bench/run.mjs through
 * Vite's module runner, so it is TypeScript like the rest of the repo.
 */
import react from "@vitejs/plugin-react";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
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
  type KeySummary,
  type StreamCell,
  type StreamRun,
} from "./lib/report";
import { serveStatic } from "./lib/static-server";
import { parseTrace, tasksBetween, TRACE_CATEGORIES } from "./lib/trace";
import { chunkText, generateReply } from "./lib/markdown-fixture";
import { max, median, percentile, round } from "./lib/stats";
import type { ContenderName } from "./page/contenders";
import type { ClickResult, ClickTarget, HistoryKind, MountResult } from "./page/main";

const ROOT = resolve(import.meta.dirname, "..");
const CONTENDERS: readonly ContenderName[] = ["panel", "naive", "streamdown"];
const SIZES_KB = [20, 80, 320] as const;

export interface Options {
  /** Repetitions per contender and size (fresh page each); the median is reported. */
  reps: number;
  /** Scenarios to run: stream, mount, cypher, hostile, fold. */
  only: Set<string>;
  /**
   * Stop feeding a whole-reply streaming run after this long (wall ms): a safety net, e.g. for
   * `--stride=1`. A capped run reports a lower bound (≥) and how far it got.
   */
  budgetMs: number;
  /** One rep and fewer samples (~2 min). */
  quick: boolean;
  sizes: number[];
  contenders: ContenderName[];
  /** Commits measured per naive run (every k-th delta, see streamWhole). */
  naiveCommits: number;
  /** Windowed sampling of streamdown (see streamWindows). */
  windows: number;
  burst: number;
  /**
   * Windowed sampling of the naive baseline (0: every k-th delta instead, see naiveCommits). With
   * only ~12 commits, every-k-th over-estimated a full 20 KB run by 60–70% (cold code); windows of
   * consecutive deltas came within 6–14%.
   */
  naiveWindows: number;
  naiveBurst: number;
  /** Reps for sampled runs. */
  sampledReps: number;
  /** Reps of the 80 KB panel run after a 1,000-item history. */
  historyReps: number;
  /** Force a stride (1: no sampling, to validate the estimate). */
  stride: number | null;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    reps: 3,
    only: new Set(["stream", "mount", "cypher", "hostile", "fold"]),
    budgetMs: 120_000,
    quick: false,
    sizes: [...SIZES_KB],
    contenders: [...CONTENDERS],
    naiveCommits: 12,
    windows: 10,
    burst: 20,
    naiveWindows: 10,
    naiveBurst: 5,
    sampledReps: 1,
    historyReps: 1,
    stride: null,
  };
  for (const arg of argv) {
    const [key, value = ""] = arg.replace(/^--/, "").split("=");
    if (key === "reps") opts.reps = Math.max(1, Number(value));
    else if (key === "only") opts.only = new Set(value.split(","));
    else if (key === "budget") opts.budgetMs = Number(value) * 1000;
    else if (key === "sizes") opts.sizes = value.split(",").map(Number);
    else if (key === "contenders") opts.contenders = value.split(",") as ContenderName[];
    else if (key === "naive-commits") opts.naiveCommits = Number(value);
    else if (key === "windows") opts.windows = Number(value);
    else if (key === "burst") opts.burst = Number(value);
    else if (key === "naive-windows") opts.naiveWindows = Number(value);
    else if (key === "naive-burst") opts.naiveBurst = Number(value);
    else if (key === "sampled-reps") opts.sampledReps = Number(value);
    else if (key === "history-reps") opts.historyReps = Number(value);
    else if (key === "stride") opts.stride = Number(value);
    else if (key === "quick") {
      opts.quick = true;
      opts.reps = 1;
      opts.naiveWindows = 4;
      opts.naiveBurst = 3;
      opts.windows = 4;
      opts.burst = 10;
    } else throw new Error(`bench: unknown option ${arg} (see bench/README.md)`);
  }
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
  ) {}

  /** A fresh context and page per run, with CDP performance metrics on (main-thread CPU time). */
  async page(): Promise<{ page: Page; cdp: CDPSession; context: BrowserContext }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error(`  [page error] ${e.message}`));
    await page.goto(this.url);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    return { page, cdp, context };
  }
}

/** The whole reply, every delta (the panel), or every k-th delta scaled by k (the naive baseline). */
async function streamWhole(
  h: Harness,
  contender: ContenderName,
  sizeKB: number,
  stride: number,
  budgetMs: number,
  historyItems = 0,
): Promise<StreamRun> {
  const { page, cdp, context } = await h.page();
  try {
    const prep = await page.evaluate(([c, s, hi]) => window.__bench.prepareStream(c, s, hi), [
      contender,
      sizeKB,
      historyItems,
    ] as const);
    await h.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const before = await metrics(cdp);
    const r = await page.evaluate((o) => window.__bench.runStream(o), { stride, budgetMs });
    const after = await metrics(cdp);
    // A reply longer than the panel's display limit is shown cut, with "Show full message":
    // what showing all of it costs is part of the comparison with baselines that render it all.
    let showFull: StreamRun["showFull"] = null;
    const more = page.locator(".tracy-message .tracy-truncated button");
    if (contender === "panel" && (await more.count()) > 0) {
      const b = await metrics(cdp);
      const c = await click(page, "full", more.first());
      const a = await metrics(cdp);
      showFull = { mainMs: diff(b, a).taskMs, latencyMs: c.latencyMs, longestCpuMs: 0, longestWallMs: c.longestTaskMs };
    }
    const trace = parseTrace(await h.browser.stopTracing());
    if (showFull) showFull.longestCpuMs = tasksBetween(trace, "bench:click", "bench:click-end").longestCpuMs;
    const main = diff(before, after);
    const streaming = tasksBetween(trace, "bench:start", "bench:final");
    const final = tasksBetween(trace, "bench:final", "bench:end");
    return {
      showFull,
      contender,
      sizeKB,
      chars: prep.chars,
      deltas: prep.chunks,
      method: stride > 1 ? "stride" : "full",
      sampling: stride > 1 ? `every ${stride}th delta (${r.delivered} commits), ×${stride}` : "every delta",
      mainMs: round(main.taskMs * stride, 0),
      finalMainMs: final.cpuMs,
      wallMs: stride > 1 ? null : r.wallMs,
      longestStreamingCpuMs: streaming.longestCpuMs,
      longestFinalCpuMs: final.longestCpuMs,
      longestStreamingWallMs: r.longestStreamingTaskMs,
      longestFinalWallMs: r.longestFinalTaskMs,
      over50WhileStreaming: Math.round(streaming.over50Cpu * stride),
      capped: r.capped,
      fed: r.fed,
    };
  } finally {
    await context.close();
  }
}

/**
 * Windowed sampling (streamdown): its cost per delta depends on which blocks changed since its
 * last render, so deltas are fed one per task as usual, but only in `windows` bursts of `burst`
 * consecutive deltas spread over the reply (the text jumps, unmeasured, between bursts). The
 * per-delta cost of each burst stands for its share of the reply; the final event is measured.
 */
async function streamWindows(
  h: Harness,
  contender: ContenderName,
  sizeKB: number,
  windows: number,
  burst: number,
): Promise<StreamRun> {
  const { page, cdp, context } = await h.page();
  try {
    const prep = await page.evaluate(([c, s]) => window.__bench.prepareStream(c, s), [contender, sizeKB] as const);
    const n = prep.chunks;
    const w = Math.max(1, Math.min(windows, Math.floor(n / burst)));
    await h.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    let estimate = 0;
    let longestWall = 0;
    const perDelta: number[] = [];
    for (let k = 0; k < w; k++) {
      const from = Math.max(0, Math.min(n - burst, Math.round(((k + 0.5) * n) / w - burst / 2)));
      if (from > 0) await page.evaluate((i) => window.__bench.streamCatchUp(i), from - 1);
      const before = await metrics(cdp);
      const b = await page.evaluate(([f, c, l]) => window.__bench.streamBurst(f, c, l), [
        from,
        burst,
        String(k),
      ] as const);
      const after = await metrics(cdp);
      const cost = diff(before, after).taskMs / burst;
      perDelta.push(round(cost, 1));
      estimate += cost * (n / w);
      longestWall = Math.max(longestWall, b.longestTaskMs);
    }
    await page.evaluate((i) => window.__bench.streamCatchUp(i), n - 1);
    const before = await metrics(cdp);
    const fin = await page.evaluate(() => window.__bench.streamFinish());
    const after = await metrics(cdp);
    const trace = parseTrace(await h.browser.stopTracing());
    const finalMain = diff(before, after).taskMs;
    let longestCpu = 0;
    let over50 = 0;
    for (let k = 0; k < w; k++) {
      const t = tasksBetween(trace, `bench:burst-${k}`, `bench:burst-${k}-end`);
      longestCpu = Math.max(longestCpu, t.longestCpuMs);
      over50 += t.over50Cpu * (n / w / burst);
    }
    const final = tasksBetween(trace, "bench:final", "bench:end");
    return {
      contender,
      sizeKB,
      chars: prep.chars,
      deltas: n,
      method: "windows",
      sampling: `${w} windows × ${burst} consecutive deltas; per-delta ms: ${perDelta.join(", ")}`,
      mainMs: round(estimate + finalMain, 0),
      finalMainMs: round(finalMain, 0),
      wallMs: null,
      longestStreamingCpuMs: longestCpu,
      longestFinalCpuMs: final.longestCpuMs,
      longestStreamingWallMs: longestWall,
      longestFinalWallMs: fin.longestTaskMs,
      over50WhileStreaming: Math.round(over50),
      capped: false,
      fed: n,
    };
  } finally {
    await context.close();
  }
}

function streamRun(h: Harness, contender: ContenderName, sizeKB: number, opts: Options): Promise<StreamRun> {
  if (contender === "panel" || opts.stride === 1) return streamWhole(h, contender, sizeKB, 1, opts.budgetMs);
  if (contender === "naive" && opts.naiveWindows > 0)
    return streamWindows(h, contender, sizeKB, opts.naiveWindows, opts.naiveBurst);
  if (contender === "naive") {
    const deltas = chunkText(generateReply(sizeKB * 1000)).length;
    return streamWhole(h, contender, sizeKB, Math.max(1, Math.ceil(deltas / opts.naiveCommits)), opts.budgetMs);
  }
  return streamWindows(h, contender, sizeKB, opts.windows, opts.burst);
}

async function streamScenario(h: Harness, opts: Options, log: (s: string) => void): Promise<StreamCell[]> {
  const runs: StreamRun[] = [];
  for (const sizeKB of opts.sizes) {
    for (let rep = 0; rep < opts.reps; rep++) {
      // Rotate the order each rep, so drift on a shared machine does not favour one contender.
      const order = opts.contenders.map((_, i) => opts.contenders[(i + rep) % opts.contenders.length] as ContenderName);
      for (const contender of order) {
        const sampled = contender !== "panel" && opts.stride !== 1;
        if (sampled && rep >= opts.sampledReps) continue;
        const r = await streamRun(h, contender, sizeKB, opts);
        runs.push(r);
        log(
          `  ${String(sizeKB).padStart(3)} KB ${contender.padEnd(10)} main ${String(r.mainMs).padStart(9)} ms${sampled ? " (est.)" : "       "}` +
            `  longest task CPU ${r.longestStreamingCpuMs} ms streaming / ${r.longestFinalCpuMs} ms final` +
            (r.wallMs !== null ? `  wall ${r.wallMs} ms` : "") +
            (r.capped ? `  (capped at ${r.fed}/${r.deltas} deltas)` : "") +
            (r.showFull
              ? `; then "Show full message": ${r.showFull.mainMs} ms CPU, longest task ${r.showFull.longestCpuMs} ms CPU`
              : ""),
        );
      }
    }
  }
  // The same 80 KB reply streamed as the next turn of a 1,000-item conversation: the live tail's
  // per-frame cost grows with the transcript (fold copies, transcript re-render).
  if (opts.sizes.includes(80) && opts.contenders.includes("panel")) {
    for (let rep = 0; rep < opts.historyReps; rep++) {
      const r = await streamWhole(h, "panel", 80, 1, opts.budgetMs, 1_000);
      runs.push({ ...r, historyItems: 1_000 });
      log(
        `   80 KB panel after 1,000 items: main ${r.mainMs} ms  longest task CPU ${r.longestStreamingCpuMs} ms streaming / ${r.longestFinalCpuMs} ms final  wall ${r.wallMs} ms`,
      );
    }
  }
  const cells: StreamCell[] = [];
  for (const historyItems of [0, 1_000])
    for (const sizeKB of opts.sizes) {
      for (const contender of opts.contenders) {
        const rs = runs.filter(
          (r) => r.contender === contender && r.sizeKB === sizeKB && (r.historyItems ?? 0) === historyItems,
        );
        const first = rs[0];
        if (!first) continue;
        const med = (f: (r: StreamRun) => number) => round(median(rs.map(f)), 0);
        cells.push({
          contender,
          sizeKB,
          historyItems,
          chars: first.chars,
          deltas: first.deltas,
          runs: rs.length,
          method: first.method,
          sampling: first.sampling,
          mainMs: med((r) => r.mainMs),
          finalMainMs: med((r) => r.finalMainMs),
          wallMs: first.wallMs === null ? null : med((r) => r.wallMs ?? 0),
          longestStreamingCpuMs: max(rs.map((r) => r.longestStreamingCpuMs)),
          longestFinalCpuMs: max(rs.map((r) => r.longestFinalCpuMs)),
          longestStreamingWallMs: max(rs.map((r) => r.longestStreamingWallMs)),
          longestFinalWallMs: max(rs.map((r) => r.longestFinalWallMs)),
          over50WhileStreaming: max(rs.map((r) => r.over50WhileStreaming)),
          capped: rs.some((r) => r.capped),
          fed: Math.min(...rs.map((r) => r.fed)),
          runsMainMs: rs.map((r) => r.mainMs),
          showFull: rs.every((r) => r.showFull)
            ? {
                mainMs: med((r) => r.showFull?.mainMs ?? NaN),
                latencyMs: med((r) => r.showFull?.latencyMs ?? NaN),
                longestCpuMs: max(rs.map((r) => r.showFull?.longestCpuMs ?? NaN)),
                longestWallMs: max(rs.map((r) => r.showFull?.longestWallMs ?? NaN)),
              }
            : null,
        });
      }
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

async function typeInComposer(page: Page, cdp: CDPSession): Promise<Typing> {
  const box = page.getByRole("textbox", { name: "Message Tracy" });
  await box.click();
  await page.evaluate(() => window.__bench.armKeystrokes());
  const before = await metrics(cdp);
  // 40 ms apart: each keystroke gets its own frame, like a fast typist (~25 keys/s).
  await page.keyboard.type(TYPED, { delay: 40 });
  const result = await page.evaluate(() => window.__bench.keystrokes());
  const after = await metrics(cdp);
  const value = await box.inputValue();
  if (value !== TYPED) throw new Error(`bench: the composer holds ${JSON.stringify(value)}`);
  return { ...result, cpuPerKeyMs: round(diff(before, after).taskMs / TYPED.length, 1) };
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

async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "tracy-bench-"));
  if (process.env.NODE_ENV !== "production")
    throw new Error("bench: run through bench/run.mjs (NODE_ENV must be production)");
  await build({
    root: join(ROOT, "bench/page"),
    configFile: false,
    mode: "production",
    logLevel: "warn",
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 10_000, reportCompressedSize: false },
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
    options: { reps: opts.reps, budgetMs: opts.budgetMs, quick: opts.quick },
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
    const outDir = await buildPage();
    const server = await serveStatic(outDir);
    let browser: Browser | null = null;
    try {
      browser = await launchChromium();
      report.environment.chromium = browser.version();
      const h = new Harness(browser, server.url);
      if (opts.only.has("stream")) {
        log("streaming (one event_delta per task, as fast as the page takes it)…");
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
