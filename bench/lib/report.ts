import type { FoldResult } from "./fold-bench";

/** Main-thread CPU ms by kind of work, from a trace (see lib/trace.ts `splitBetween`). */
export interface WorkSplit {
  script: number;
  style: number;
  layout: number;
  paint: number;
  gc: number;
  other: number;
}

export type Contender = "panel" | "react-markdown" | "react-markdown-raf" | "streamdown" | "streamdown-raf";

/** One reply streamed over SSE to one contender, from the first delta to the final reply painted. */
export interface StreamRun {
  contender: Contender;
  sizeKB: number;
  /** The pace the backend wrote the deltas at (lib/sse-server.ts). */
  pace: string;
  chars: number;
  deltas: number;
  /** Main-thread CPU ms (CDP Performance TaskDuration, thread ticks). */
  mainMs: number;
  /** The same from the trace's tasks (a cross-check). */
  traceMs: number;
  split: WorkSplit;
  /** CPU ms of the page's dedicated workers (the panel reads its stream in one), from the trace. */
  workerMs?: number;
  /** Page: the go request → the final reply painted. */
  wallMs: number;
  /** Backend: first delta written → final event written. */
  streamMs: number | null;
  longestCpuMs: number;
  longestWallMs: number;
  /** What the longest task spent its time on (trace events by self time). */
  longestWork?: string;
  over50Cpu: number;
  over50Wall: number;
  /** Keystroke → next animation frame, ms, for keys typed while streaming (null: no typing in this run). */
  keys: number[] | null;
  /** The page left idle after the reply (`IDLE_WINDOW_MS`): its longest task and what it was; null: not measured. */
  idle?: IdleTask | null;
}

/** The longest task on a page left idle after its reply: V8 may run a memory-reducing GC there (see trace.ts). */
export interface IdleTask {
  windowMs: number;
  longestCpuMs: number;
  longestWallMs: number;
  work: string;
}

/** The median of a contender's runs at one size and pace: what the report shows. */
export interface StreamCell extends StreamRun {
  runs: number;
  runsMainMs: number[];
  keyMedianMs: number | null;
  keyP95Ms: number | null;
}

export interface Spread {
  median: number;
  p95: number;
  max: number;
}

export interface KeySummary {
  samples: number;
  /** Main-thread CPU per keystroke (handlers + the frames they cause), median over runs. */
  cpuPerKeyMs: number;
  processing: Spread;
  frame: Spread;
  paint: Spread;
  longestTaskMs: number;
}

export interface ClickSummary {
  median: number;
  max: number;
  processingMedian: number;
  longestTaskMs: number;
}

export interface BenchReport {
  date: string;
  options: {
    reps: number;
    quick: boolean;
    paces: { name: string; deltas: number; everyMs: number }[];
    burstReps: number;
    /** Load average (1, 5, 15 min) when the run started. */
    load: number[];
  };
  environment: { node: string; cpus: number; commit: string; chromium?: string };
  stream: StreamCell[] | null;
  mount: {
    items: number;
    mounted: number;
    historyEvents: number;
    historyChars: number;
    runs: number;
    mountMs: number;
    mountMainMs: number;
    mountLongestTaskMs: number;
    keys1000: KeySummary;
    keysEmpty: KeySummary;
  } | null;
  cypher: {
    runs: number;
    mountMs: number;
    mountMainMs: number;
    mountLongestTaskMs: number;
    historyChars: number;
    expand: ClickSummary;
    showAll: ClickSummary;
    nextPage: ClickSummary;
  } | null;
  fold: FoldResult | null;
  /** Replies that used to freeze or crash the page; absent in results saved before it existed. */
  hostile?: HostileCell[] | null;
  durationS: number;
}

/** One hostile reply mounted in a finished conversation (median of runs; longest task: max). */
export interface HostileCell {
  id: string;
  chars: number;
  runs: number;
  mountMs: number;
  mountMainMs: number;
  longestTaskMs: number;
}

const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";
const times = (n: number): string =>
  Number.isFinite(n) ? `${n >= 100 ? fmt(n) : n >= 10 ? fmt(n, 1) : fmt(n, 2)}×` : "–";

const LABEL: Record<Contender, string> = {
  panel: "this panel",
  "react-markdown": "react-markdown",
  "react-markdown-raf": "react-markdown, 1/frame",
  streamdown: "streamdown",
  "streamdown-raf": "streamdown, 1/frame",
};
const PEERS: readonly Contender[] = ["react-markdown", "react-markdown-raf", "streamdown", "streamdown-raf"];
const THROTTLED: readonly Contender[] = ["react-markdown-raf", "streamdown-raf"];

function cell(cells: StreamCell[], contender: Contender, sizeKB: number, pace: string): StreamCell | undefined {
  return cells.find((c) => c.contender === contender && c.sizeKB === sizeKB && c.pace === pace);
}

function ratio(a: StreamCell | undefined, b: StreamCell | undefined): number {
  return a && b ? a.mainMs / b.mainMs : NaN;
}

/** The cheaper throttled peer at one size and pace. */
function bestThrottled(cells: StreamCell[], sizeKB: number, pace: string): StreamCell | undefined {
  return THROTTLED.map((c) => cell(cells, c, sizeKB, pace))
    .filter((c): c is StreamCell => c !== undefined)
    .sort((a, b) => a.mainMs - b.mainMs)[0];
}

interface Verdict {
  target: string;
  measured: string;
  verdict: string;
}

function atLeast(value: number, goal: number, unit = "×"): string {
  if (!Number.isFinite(value)) return "not measured";
  return value >= goal
    ? "✅ met"
    : `❌ missed: ${times(value)} vs ${fmt(goal)}${unit} (short by ${times(goal / value)})`;
}

function atMost(value: number, goal: number, unit: string): string {
  if (!Number.isFinite(value)) return "not measured";
  if (value <= goal) return "✅ met";
  if (unit === "×") return `❌ missed: ${times(value)} vs ≤ ${fmt(goal)}× (${fmt((value / goal - 1) * 100)}% over)`;
  return `❌ missed by ${fmt(value - goal)} ${unit} (${times(value / goal)} the budget)`;
}

export function renderReport(r: BenchReport): string {
  const out: string[] = [];
  const env = `Commit ${r.environment.commit}, Chromium ${r.environment.chromium ?? "–"}, Node ${r.environment.node}, ${r.environment.cpus} cores, load average ${(r.options.load ?? []).join(" / ")} at the start, ${r.date.slice(0, 16).replace("T", " ")} UTC`;
  out.push(
    `## Performance (\`npm run bench\`)`,
    "",
    `${env}. Shared machine: CPU times (thread ticks) are reported, and every comparison is against baselines measured in the same run.`,
    "",
  );
  const verdicts: Verdict[] = [];

  if (r.stream) {
    const cells = r.stream;
    const paces = [...new Set(cells.map((c) => c.pace))];
    const paceText = r.options.paces.map((p) => `${p.name}: ${p.deltas} deltas every ${p.everyMs} ms`).join("; ");
    out.push(
      "### Streaming a reply",
      "",
      `The reply arrives over real HTTP/SSE from a local backend at a fixed pace (${paceText}; ~20 characters per delta), the same stream for every contender, and every contender renders all of it; each run checks that the final DOM holds the whole reply (every id in order, every table row, the end). Main-thread CPU from the first delta to the final reply painted (CDP Performance \`TaskDuration\`, thread time), median of ${r.options.reps} runs at the steady pace (${r.options.burstReps} at the others), contenders interleaved in a rotating order in the same browser. react-markdown and streamdown: a \`setState\` per SSE message; "1/frame": at most one render per animation frame.`,
      "",
      `| Pace | Reply | Deltas | ${[...["panel" as Contender], ...PEERS].map((c) => LABEL[c]).join(" | ")} | best 1/frame peer / panel |`,
      `| --- | --- | ---: | ${["panel", ...PEERS].map(() => "---:").join(" | ")} | ---: |`,
    );
    for (const pace of paces)
      for (const kb of [...new Set(cells.filter((c) => c.pace === pace).map((c) => c.sizeKB))].sort((x, y) => x - y)) {
        const p = cell(cells, "panel", kb, pace);
        const best = bestThrottled(cells, kb, pace);
        const ms = (c: Contender) => {
          const x = cell(cells, c, kb, pace);
          return x ? `${fmt(x.mainMs)} ms` : "–";
        };
        out.push(
          `| ${pace} | ${kb} KB | ${fmt(p?.deltas ?? NaN)} | ${ms("panel")} | ${PEERS.map(ms).join(" | ")} | ${times(ratio(best, p))} |`,
        );
      }
    const withWorkers = (c: StreamCell | undefined) => (c ? c.mainMs + (c.workerMs ?? 0) : NaN);
    const totals = paces.flatMap((pace) =>
      [...new Set(cells.filter((c) => c.pace === pace).map((c) => c.sizeKB))]
        .sort((x, y) => x - y)
        .flatMap((kb) => {
          const p = cell(cells, "panel", kb, pace);
          const best = bestThrottled(cells, kb, pace);
          if (!p || !best || p.workerMs === undefined) return [];
          const ratioAll = withWorkers(best) / withWorkers(p);
          return [
            `${pace} ${kb} KB: ${fmt(withWorkers(p))} ms against ${fmt(withWorkers(best))} ms, ${times(ratioAll)}`,
          ];
        }),
    );
    if (totals.length > 0)
      out.push(
        "",
        `Counting the page's worker threads too (this panel reads its event stream in a dedicated worker; the peers use none), this panel against the best 1/frame peer: ${totals.join("; ")}.`,
      );
    out.push(
      "",
      "Where the time goes (median main-thread CPU ms by kind of work, from a Chromium trace: script / style / layout / paint, layerize and commit / GC / other; and the CPU of the page's workers, off the main thread):",
      "",
      "| Pace | Reply | Contender | script | style | layout | paint | GC | other | worker threads | longest task, CPU (wall) ms | tasks > 50 ms CPU (wall) |",
      "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const c of cells) {
      const sp = c.split;
      out.push(
        `| ${c.pace} | ${c.sizeKB} KB | ${LABEL[c.contender]} | ${fmt(sp.script)} | ${fmt(sp.style)} | ${fmt(sp.layout)} | ${fmt(sp.paint)} | ${fmt(sp.gc)} | ${fmt(sp.other)} | ${c.workerMs === undefined ? "–" : fmt(c.workerMs)} | ${fmt(c.longestCpuMs)} (${fmt(c.longestWallMs)}) | ${fmt(c.over50Cpu)} (${fmt(c.over50Wall)}) |`,
      );
    }
    const idle = cells.filter((c) => c.idle);
    if (idle.length > 0) {
      out.push(
        "",
        `The page left idle for ${fmt((idle[0]?.idle?.windowMs ?? NaN) / 1000)} s after the reply (first repetition): its longest task, and what it was. When a page allocates little, V8 runs a garbage collection that reduces memory, and in that collection it compacts Blink's heap (the DOM, styles and layout); its final pause grows with the document:`,
        "",
        "| Reply | Contender | longest task, CPU (wall) ms | what it was |",
        "| --- | --- | ---: | --- |",
      );
      for (const c of idle)
        out.push(
          `| ${c.sizeKB} KB ${c.pace} | ${LABEL[c.contender]} | ${fmt(c.idle?.longestCpuMs ?? NaN)} (${fmt(c.idle?.longestWallMs ?? NaN)}) | ${c.idle?.work || "–"} |`,
        );
    }
    const typed = cells.filter((c) => c.keyMedianMs !== null);
    if (typed.length > 0) {
      out.push(
        "",
        "Typing while a reply streams (50 keys, 40 ms apart, from 2 s into the stream; keydown → next animation frame, all runs pooled):",
        "",
        "| Reply | Contender | median | p95 |",
        "| --- | --- | ---: | ---: |",
      );
      for (const c of typed)
        out.push(
          `| ${c.sizeKB} KB ${c.pace} | ${LABEL[c.contender]} | ${fmt(c.keyMedianMs ?? NaN, 1)} ms | ${fmt(c.keyP95Ms ?? NaN, 1)} ms |`,
        );
    }
    const steady = "steady";
    const p80 = cell(cells, "panel", 80, steady);
    const p320 = cell(cells, "panel", 320, steady);
    const b80 = bestThrottled(cells, 80, steady);
    const b320 = bestThrottled(cells, 320, steady);
    const panels = cells.filter((c) => c.contender === "panel");
    const worst = Math.max(...panels.map((c) => c.longestCpuMs));
    const keyPanel = typed.find((c) => c.contender === "panel");
    verdicts.push(
      {
        target: "80 KB, steady: ≥ 3× less main-thread CPU than the best 1/frame peer",
        measured: `${times(ratio(b80, p80))} (${fmt(p80?.mainMs ?? NaN)} vs ${fmt(b80?.mainMs ?? NaN)} ms, ${b80 ? LABEL[b80.contender] : "–"})`,
        verdict: atLeast(ratio(b80, p80), 3),
      },
      {
        target: "320 KB, steady: ≥ 3× less than the best 1/frame peer",
        measured: `${times(ratio(b320, p320))} (${fmt(p320?.mainMs ?? NaN)} vs ${fmt(b320?.mainMs ?? NaN)} ms, ${b320 ? LABEL[b320.contender] : "–"})`,
        verdict: atLeast(ratio(b320, p320), 3),
      },
      {
        target: "Growth 80 → 320 KB ≤ 4× (this panel)",
        measured: times(ratio(p320, p80)),
        verdict: atMost(ratio(p320, p80), 4, "×"),
      },
      {
        target: "No task > 50 ms while streaming (this panel, all sizes and paces, CPU time)",
        measured: `longest ${fmt(worst)} ms CPU (${fmt(Math.max(...panels.map((c) => c.longestWallMs)))} ms wall)${
          panels.find((c) => c.longestCpuMs === worst)?.longestWork
            ? `: ${panels.find((c) => c.longestCpuMs === worst)?.longestWork ?? ""}`
            : ""
        }`,
        verdict: atMost(worst, 50, "ms"),
      },
      {
        target: "Keystroke → frame while streaming 80 KB < 8 ms median (this panel)",
        measured: keyPanel ? `${fmt(keyPanel.keyMedianMs ?? NaN, 1)} ms` : "not measured",
        verdict: keyPanel ? atMost(keyPanel.keyMedianMs ?? NaN, 7.99, "ms") : "not measured",
      },
    );
  }

  if (r.mount) {
    const m = r.mount;
    const k = m.keys1000;
    const e = m.keysEmpty;
    out.push(
      "",
      `### ${fmt(m.items)}-item transcript`,
      "",
      `History: ${fmt(m.historyEvents)} events (${fmt(m.historyChars / 1000)} KB of JSON) in pages of 100 through \`listEvents\`; ~9% of items are tool calls with results (half \`run_cypher\`). Median of ${m.runs} runs. Keystrokes: 50 characters typed with \`page.keyboard.type\` (40 ms apart) into "Message Tracy"; latencies from each keydown's timestamp (the next frame comes at the display's pace, so up to 16.7 ms of any latency is waiting for vsync). The same keystrokes into an empty panel are the baseline.`,
      "",
      "| Measure | 1,000 items | empty panel |",
      "| --- | ---: | ---: |",
      `| Mount: \`render()\` → history listed and the newest items painted (windowed: ${fmt(m.mounted)} of ${fmt(m.items)} items mounted) | ${fmt(m.mountMs)} ms (main thread ${fmt(m.mountMainMs)} ms CPU, longest task ${fmt(m.mountLongestTaskMs)} ms) | – |`,
      `| Main-thread CPU per keystroke (handlers + the frame they cause) | ${fmt(k.cpuPerKeyMs, 1)} ms | ${fmt(e.cpuPerKeyMs, 1)} ms |`,
      `| Keystroke processing: keydown → input handled and committed, median / p95 / max | ${fmt(k.processing.median, 1)} / ${fmt(k.processing.p95, 1)} / ${fmt(k.processing.max, 1)} ms | ${fmt(e.processing.median, 1)} / ${fmt(e.processing.p95, 1)} / ${fmt(e.processing.max, 1)} ms |`,
      `| Keystroke → next animation frame, median / p95 / max | ${fmt(k.frame.median, 1)} / ${fmt(k.frame.p95, 1)} / ${fmt(k.frame.max, 1)} ms | ${fmt(e.frame.median, 1)} / ${fmt(e.frame.p95, 1)} / ${fmt(e.frame.max, 1)} ms |`,
      `| Keystroke → that frame painted, median / p95 / max | ${fmt(k.paint.median, 1)} / ${fmt(k.paint.p95, 1)} / ${fmt(k.paint.max, 1)} ms | ${fmt(e.paint.median, 1)} / ${fmt(e.paint.p95, 1)} / ${fmt(e.paint.max, 1)} ms |`,
      `| Longest task while typing | ${fmt(k.longestTaskMs)} ms | ${fmt(e.longestTaskMs)} ms |`,
    );
    verdicts.push({
      target: "Composer keystroke < 16 ms with 1,000 messages",
      measured: `${fmt(k.cpuPerKeyMs, 1)} ms main-thread CPU per keystroke (${fmt(e.cpuPerKeyMs, 1)} ms in an empty panel); handlers alone p95 ${fmt(k.processing.p95, 1)} ms; keydown → next frame median ${fmt(k.frame.median, 1)} ms (${fmt(e.frame.median, 1)} ms empty)`,
      verdict: atMost(k.cpuPerKeyMs, 16, "ms"),
    });
  }

  if (r.cypher) {
    const c = r.cypher;
    out.push(
      "",
      "### Cypher card with 10,000 rows",
      "",
      `One finished \`run_cypher\` call whose result is ${fmt(c.historyChars / 1e6, 1)} MB of JSON. Clicks are real mouse input at the button's centre (\`page.mouse.click\`), timed from the click event's timestamp to the paint of the frame that shows the result; "click handled" stops when the click's listeners (React's commit included) are done. Median (max) of ${c.runs} runs.`,
      "",
      "| Action | click → painted | click handled | longest task |",
      "| --- | ---: | ---: | ---: |",
      `| Mount the transcript (the card is closed: its result is read for the row count, and parsed later, when idle) | ${fmt(c.mountMs)} ms | main thread ${fmt(c.mountMainMs)} ms CPU | ${fmt(c.mountLongestTaskMs)} ms |`,
      `| Expand the card (first 50 rows; the result was parsed while the page was idle) | ${fmt(c.expand.median, 1)} (${fmt(c.expand.max, 1)}) ms | ${fmt(c.expand.processingMedian, 1)} ms | ${fmt(c.expand.longestTaskMs)} ms |`,
      `| "Show all 10,000 rows" (page of 100) | ${fmt(c.showAll.median, 1)} (${fmt(c.showAll.max, 1)}) ms | ${fmt(c.showAll.processingMedian, 1)} ms | ${fmt(c.showAll.longestTaskMs)} ms |`,
      `| Next page | ${fmt(c.nextPage.median, 1)} (${fmt(c.nextPage.max, 1)}) ms | ${fmt(c.nextPage.processingMedian, 1)} ms | ${fmt(c.nextPage.longestTaskMs)} ms |`,
    );
    verdicts.push({
      target: "10,000-row card expands in < 100 ms",
      measured: `${fmt(c.expand.median, 1)} ms median, ${fmt(c.expand.max, 1)} ms max (show all ${fmt(c.showAll.median, 1)} ms, next page ${fmt(c.nextPage.median, 1)} ms)`,
      verdict: atMost(c.expand.median, 100, "ms"),
    });
  }

  if (r.hostile && r.hostile.length > 0) {
    out.push(
      "",
      "### Hostile replies (report only)",
      "",
      "One reply from the security corpus (`test/browser/security/corpus.ts`) mounted in a finished conversation: from `render()` to both messages painted. The browser tests assert what is rendered of them (nesting and length capped, nothing crashed); these times are reported, never asserted.",
      "",
      "| Reply | Characters | mount → painted | main thread CPU | longest task (wall) |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...r.hostile.map(
        (h) =>
          `| \`${h.id}\` | ${fmt(h.chars)} | ${fmt(h.mountMs)} ms | ${fmt(h.mountMainMs)} ms | ${fmt(h.longestTaskMs)} ms |`,
      ),
    );
  }

  if (r.fold) {
    const f = r.fold;
    out.push(
      "",
      "### `foldEvents` throughput (Node)",
      "",
      `${fmt(f.events)} mixed live events (~80% deltas; messages, tool use/result, status, model-request spans, usage) → ${fmt(f.items)} items.`,
      "",
      "| Mode | events / s | total |",
      "| --- | ---: | ---: |",
      `| One batch | ${fmt(f.oneBatch.eventsPerSec)} | ${fmt(f.oneBatch.medianMs)} ms |`,
      `| Batches of 16 (the live tail, one per frame) | ${fmt(f.batchesOf16.eventsPerSec)} | ${fmt(f.batchesOf16.medianMs)} ms |`,
      ...f.tailOnto.map(
        (t) =>
          `| One batch of 16 onto a transcript of ${fmt(t.items)} items | ${fmt(16 / (t.usPerBatch / 1e6))} | ${fmt(t.usPerBatch, 1)} µs per batch |`,
      ),
    );
  }

  if (verdicts.length > 0) {
    out.push("", "### Targets", "", "| Target | Measured | Verdict |", "| --- | --- | --- |");
    for (const v of verdicts) out.push(`| ${v.target} | ${v.measured} | ${v.verdict} |`);
  }

  out.push("", `Full run: ${fmt(r.durationS)} s.`);
  return out.join("\n");
}
