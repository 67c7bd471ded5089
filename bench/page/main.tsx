import { createRoot, type Root } from "react-dom/client";
import { TracyPanel } from "../../src";
import { TRANSCRIPT_WINDOW } from "../../src/components/use-transcript-window";
import { bigCypherHistory, longHistory, type WireEvent } from "../lib/event-fixtures";
import { hostileReply } from "../lib/hostile-replies";
import { chunkText, generateReply } from "../lib/markdown-fixture";
import { createContender, type ContenderName, type StreamContender } from "./contenders";
import { InPageTransport } from "./in-page-transport";
import { afterPaint, longTasksBetween, nextFrame, nextTask, settleObservers, untilPainted } from "./timing";

/** What the Node runner calls through `page.evaluate`. Every call resolves with plain JSON. */
export interface BenchApi {
  prepareStream(
    contender: ContenderName,
    sizeKB: number,
    historyItems?: number,
  ): Promise<{ chars: number; chunks: number }>;
  runStream(options: { stride: number; budgetMs: number }): Promise<StreamResult>;
  streamCatchUp(i: number): Promise<void>;
  streamBurst(from: number, count: number, label: string): Promise<{ wallMs: number; longestTaskMs: number }>;
  streamFinish(): Promise<{ wallMs: number; longestTaskMs: number }>;
  mountHistory(kind: HistoryKind): Promise<MountResult>;
  armKeystrokes(): void;
  keystrokes(): Promise<{ keys: { processing: number; frame: number; paint: number }[]; longestTaskMs: number }>;
  armClick(until: ClickTarget): void;
  clickResult(): Promise<ClickResult>;
}

export interface StreamResult {
  wallMs: number;
  /** From the final event to the final reply painted. */
  finalMs: number;
  /** Deltas the reply had reached when feeding stopped. */
  fed: number;
  /** Deltas actually delivered (fewer than `fed` when sampled). */
  delivered: number;
  total: number;
  capped: boolean;
  /** Longest long task (wall ms, PerformanceObserver) before the final event: while streaming. */
  longestStreamingTaskMs: number;
  /** Longest long task (wall ms) from the final event until it is painted. */
  longestFinalTaskMs: number;
}

export interface MountResult {
  mountMs: number;
  /** Messages and tool calls in the history. */
  items: number;
  /** Of those, how many are in the DOM (the transcript is windowed). */
  mounted: number;
  longestTaskMs: number;
  longTasks: number;
  historyEvents: number;
  historyChars: number;
}

/** `hostile:<id>`: a question and one reply from the security corpus (see lib/hostile-replies.ts). */
export type HistoryKind = "empty" | "long" | "cypher" | `hostile:${string}`;

/** table / all / next: the Cypher card; full: "Show full message" on a reply cut for display. */
export type ClickTarget = "table" | "all" | "next" | "full";

export interface ClickResult {
  /** Click timestamp → the click handled (React's commit included). */
  processingMs: number;
  /** Click timestamp → the target painted. */
  latencyMs: number;
  longestTaskMs: number;
}

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

const app = document.getElementById("app") as HTMLElement;
let chunks: string[] = [];
let contender: StreamContender | null = null;
const current = (): StreamContender => {
  if (!contender) throw new Error("bench: prepareStream first");
  return contender;
};
let root: Root | null = null;

const api: BenchApi = {
  async prepareStream(name, sizeKB, historyItems = 0) {
    await warmUp(name);
    const text = generateReply(sizeKB * 1000);
    chunks = chunkText(text);
    contender = createContender(name, chunks, historyItems > 0 ? longHistory(historyItems).events : []);
    await contender.mount(app);
    await afterPaint();
    await settleObservers();
    return { chars: text.length, chunks: chunks.length };
  },

  /**
   * Feeds the chunks as fast as the page takes them: one delta per macrotask (a MessageChannel
   * message, like one SSE message per task), for every contender alike; then the final event,
   * then waits until the final reply is painted.
   *
   * `stride` > 1 samples a contender whose cost per delta depends only on the text so far (the
   * naive baseline): only every `stride`-th delta is delivered (always the last one), each with
   * all the text up to it, and the runner multiplies the cost by `stride`. Feeding stops after
   * `budgetMs` (the result says how far it got).
   */
  async runStream({ stride, budgetMs }) {
    const c = current();
    if (stride > 1 && !c.sampleable) throw new Error("bench: this contender cannot be sampled");
    const n = chunks.length;
    const indices: number[] = [];
    for (let i = stride - 1; i < n - 1; i += stride) indices.push(i);
    indices.push(n - 1);
    performance.mark("bench:start");
    const t0 = performance.now();
    let fed = 0;
    let delivered = 0;
    let capped = false;
    for (const i of indices) {
      c.deliver(i);
      fed = i + 1;
      delivered += 1;
      await nextTask();
      if (performance.now() - t0 > budgetMs && fed < n) {
        capped = true;
        break;
      }
    }
    performance.mark("bench:final");
    const tFinal = performance.now();
    c.finish(fed);
    await untilPainted(() => c.isDone());
    const t1 = performance.now();
    performance.mark("bench:end");
    await settleObservers();
    const streaming = longTasksBetween(t0, tFinal);
    const final = longTasksBetween(tFinal, t1);
    return {
      wallMs: Math.round(t1 - t0),
      finalMs: Math.round(t1 - tFinal),
      fed,
      delivered,
      total: n,
      capped,
      longestStreamingTaskMs: streaming.longest,
      longestFinalTaskMs: final.longest,
    };
  },

  /** Windowed sampling, step 1: jump the reply to chunks 0..i (not measured). */
  async streamCatchUp(i) {
    const c = current();
    c.deliver(i);
    await untilPainted(() => c.isCaughtUp());
    await afterPaint();
  },

  /** Step 2 (measured): `count` consecutive deltas from `from`, one per task, until painted. */
  async streamBurst(from, count, label) {
    const c = current();
    performance.mark(`bench:burst-${label}`);
    const t0 = performance.now();
    for (let i = from; i < Math.min(chunks.length, from + count); i++) {
      c.deliver(i);
      await nextTask();
    }
    await untilPainted(() => c.isCaughtUp());
    const t1 = performance.now();
    performance.mark(`bench:burst-${label}-end`);
    await settleObservers();
    return { wallMs: Math.round(t1 - t0), longestTaskMs: longTasksBetween(t0, t1).longest };
  },

  /** Step 3 (measured): the final event, until painted. */
  async streamFinish() {
    const c = current();
    performance.mark("bench:final");
    const t0 = performance.now();
    c.finish(chunks.length);
    await untilPainted(() => c.isDone());
    const t1 = performance.now();
    performance.mark("bench:end");
    await settleObservers();
    return { wallMs: Math.round(t1 - t0), longestTaskMs: longTasksBetween(t0, t1).longest };
  },

  /** Mounts the panel over a finished history; timed from `render()` to every item painted. */
  async mountHistory(kind) {
    const history =
      kind === "long"
        ? longHistory(1_000)
        : kind === "cypher"
          ? { events: bigCypherHistory(10_000), messages: 2, tools: 1 }
          : kind.startsWith("hostile:")
            ? { events: hostileHistory(kind.slice("hostile:".length)), messages: 2, tools: 0 }
            : { events: [], messages: 0, tools: 0 };
    const events: WireEvent[] = history.events;
    const expected = history.messages + history.tools;
    const transport = new InPageTransport(events.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    const historyChars = JSON.stringify(events).length;
    await afterPaint();
    const t0 = performance.now();
    root = createRoot(app);
    root.render(
      <TracyPanel tenantId="bench" sessionId="sesn_bench" transport={transport} style={{ flex: 1, minHeight: 0 }} />,
    );
    // The transcript is windowed: done when the history is in and its newest items are painted.
    const newest = Math.min(expected, TRANSCRIPT_WINDOW - 10);
    await untilPainted(
      () => transport.historyLoaded && app.querySelectorAll(".tracy-message, .tracy-tool").length >= newest,
    );
    const t1 = performance.now();
    await settleObservers();
    const lt = longTasksBetween(t0, t1);
    return {
      mountMs: Math.round(t1 - t0),
      items: expected,
      mounted: app.querySelectorAll(".tracy-message, .tracy-tool").length,
      longestTaskMs: lt.longest,
      longTasks: lt.count,
      historyEvents: events.length,
      historyChars,
    };
  },

  /**
   * Per keystroke, from the keydown's timestamp: `processing` until the input event has been
   * handled (React's commit included; read in a bubbling listener on window, which runs after
   * React's root listener), `frame` until the next requestAnimationFrame, `paint` until a task
   * queued from that frame runs (after its paint).
   */
  armKeystrokes() {
    keys = [];
    keyFrom = performance.now();
    let current: KeyTiming | null = null;
    document.addEventListener(
      "keydown",
      (e) => {
        const ts = e.timeStamp;
        const k: KeyTiming = { processing: NaN, frame: NaN, paint: NaN };
        current = k;
        keys.push(k);
        requestAnimationFrame(() => {
          k.frame = performance.now() - ts;
          void nextTask().then(() => (k.paint = performance.now() - ts));
        });
        keyStart = ts;
      },
      { capture: true },
    );
    window.addEventListener("input", () => {
      if (current) current.processing = performance.now() - keyStart;
    });
  },
  async keystrokes() {
    await afterPaint();
    await afterPaint();
    await settleObservers();
    return { keys, longestTaskMs: longTasksBetween(keyFrom, performance.now()).longest };
  },

  /** Arms a one-shot timer: from the next click's timestamp until `until` is in the DOM and painted. */
  armClick(until) {
    clickResult = new Promise((resolve, reject) => {
      document.addEventListener(
        "click",
        (e) => {
          const ts = e.timeStamp;
          performance.mark("bench:click");
          let processed = NaN;
          window.addEventListener("click", () => (processed = performance.now() - ts), { once: true });
          void (async () => {
            try {
              await nextFrame();
              await untilPainted(() => CLICK_TARGETS[until](), 30_000);
              const end = performance.now();
              performance.mark("bench:click-end");
              await settleObservers();
              resolve({
                processingMs: Math.round(processed * 10) / 10,
                latencyMs: Math.round((end - ts) * 10) / 10,
                longestTaskMs: longTasksBetween(ts, end).longest,
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          })();
        },
        { capture: true, once: true },
      );
    });
  },
  clickResult() {
    if (!clickResult) throw new Error("bench: armClick first");
    return clickResult;
  },
};

interface KeyTiming {
  processing: number;
  frame: number;
  paint: number;
}
let keys: KeyTiming[] = [];
let keyFrom = 0;
let keyStart = 0;
let clickResult: Promise<ClickResult> | null = null;

const rows = () => app.querySelectorAll(".tracy-result-table tbody tr").length;
const CLICK_TARGETS: Record<ClickTarget, () => boolean> = {
  table: () => rows() > 0,
  all: () => app.querySelector(".tracy-pager") !== null && rows() === 100,
  next: () => (app.querySelector(".tracy-pager-range")?.textContent ?? "").includes("101"),
  full: () => app.querySelector(".tracy-message .tracy-truncated") === null,
};

/**
 * Streams a small, different reply through a throwaway instance first, so the measured run does
 * not pay for cold code (sampled baselines make few commits, and would pay it more).
 */
async function warmUp(name: ContenderName): Promise<void> {
  const warm = chunkText(generateReply(4_000, 99));
  const c = createContender(name, warm);
  await c.mount(app);
  const step = c.sampleable ? Math.ceil(warm.length / 12) : 1;
  for (let i = step - 1; i < warm.length; i += step) {
    c.deliver(i);
    await nextTask();
  }
  c.deliver(warm.length - 1);
  await nextTask();
  c.finish(warm.length);
  await untilPainted(() => c.isDone());
  c.unmount();
  await afterPaint();
}

window.__bench = api;
document.body.dataset.ready = "";

function hostileHistory(id: string): WireEvent[] {
  const text = (t: string) => [{ type: "text", text: t }];
  return [
    { type: "user.message", id: "sevt_1_1", content: text("Show me the big one.") },
    { type: "agent.message", id: "sevt_1_2", content: text(hostileReply(id)) },
  ];
}
