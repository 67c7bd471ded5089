import { createRoot, type Root } from "react-dom/client";
import { TracyPanel } from "../../src";
import { TRANSCRIPT_WINDOW } from "../../src/components/use-transcript-window";
import { bigCypherHistory, longHistory, type WireEvent } from "../lib/event-fixtures";
import { hostileReply } from "../lib/hostile-replies";
import { createContender, type ContenderName, type StreamContender } from "./contenders";
import { InPageTransport } from "./in-page-transport";
import {
  afterPaint,
  longTasksBetween,
  nextFrame,
  nextTask,
  settleObservers,
  untilDonePainted,
  untilPainted,
} from "./timing";

/** What the Node runner calls through `page.evaluate`. Every call resolves with plain JSON. */
export interface BenchApi {
  /** Mounts a contender on the session's event stream; resolves once the stream is open and painted. */
  mountStream(contender: ContenderName, session: string): Promise<void>;
  /** Marks `bench:go` in the trace and asks the backend to start writing the reply. */
  go(session: string): Promise<void>;
  /** Resolves once the final reply is painted; marks `bench:end`. */
  waitDone(): Promise<{ wallMs: number }>;
  /** The rendered reply: its text and table rows, to check it is complete. */
  output(): { text: string; rows: number };
  unmountStream(): Promise<void>;
  /** DOM mutations since go, by the target's class (only with --profile: observing costs). */
  mutations(): Record<string, number>;
  mountHistory(kind: HistoryKind): Promise<MountResult>;
  armKeystrokes(): void;
  keystrokes(): Promise<{ keys: { processing: number; frame: number; paint: number }[]; longestTaskMs: number }>;
  armClick(until: ClickTarget): void;
  clickResult(): Promise<ClickResult>;
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
let contender: StreamContender | null = null;
let goAt = 0;
const current = (): StreamContender => {
  if (!contender) throw new Error("bench: mountStream first");
  return contender;
};
let root: Root | null = null;

const api: BenchApi = {
  async mountStream(name, session) {
    contender = createContender(name);
    await contender.mount(app, session);
    await afterPaint();
    await settleObservers();
  },
  async go(session) {
    if (location.hash === "#profile") observeMutations();
    performance.mark("bench:go");
    goAt = performance.now();
    const response = await fetch(`/bench/go/${encodeURIComponent(session)}`, { method: "POST" });
    if (!response.ok) throw new Error(`bench: go answered ${response.status}`);
  },
  async waitDone() {
    const c = current();
    await untilDonePainted(() => c.isDone(), 600_000);
    performance.mark("bench:end");
    return { wallMs: Math.round(performance.now() - goAt) };
  },
  output() {
    const el = current().output();
    return { text: el?.textContent ?? "", rows: el?.querySelectorAll("tbody tr").length ?? 0 };
  },
  mutations: () => Object.fromEntries([...mutationCounts].sort((a, b) => b[1] - a[1]).slice(0, 20)),
  async unmountStream() {
    contender?.unmount();
    contender = null;
    await afterPaint();
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

const mutationCounts = new Map<string, number>();
function observeMutations(): void {
  mutationCounts.clear();
  new MutationObserver((list) => {
    for (const m of list) {
      const el = m.target instanceof Element ? m.target : m.target.parentElement;
      const key = `${m.type}${m.attributeName ? `[${m.attributeName}]` : ""} ${el?.tagName.toLowerCase() ?? "?"}.${(el?.className || "").toString().split(" ")[0]}`;
      mutationCounts.set(key, (mutationCounts.get(key) ?? 0) + 1);
    }
  }).observe(app, { subtree: true, childList: true, attributes: true, characterData: true });
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
