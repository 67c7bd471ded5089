import type { FoldResult } from "./fold-bench";

/** One measured stream of one contender (sampled baselines give an estimate over the whole reply). */
export interface StreamRun {
  contender: "panel" | "naive" | "streamdown";
  sizeKB: number;
  /** Items of finished history loaded before the reply streams (0 by default). */
  historyItems?: number;
  chars: number;
  deltas: number;
  /** full: every delta; stride / windows: sampled, so the cost over the whole reply is an estimate. */
  method: "full" | "stride" | "windows";
  /** How the reply was sampled, in words. */
  sampling: string;
  /** Main-thread CPU ms (CDP TaskDuration, thread ticks) for the whole reply; estimated when sampled. */
  mainMs: number;
  /** Of which: from the final event to the final reply painted. */
  finalMainMs: number;
  wallMs: number | null;
  /** Longest task, CPU ms (trace), while streaming / for the final event. */
  longestStreamingCpuMs: number;
  longestFinalCpuMs: number;
  /** Longest long task, wall ms (PerformanceObserver), while streaming / for the final event. */
  longestStreamingWallMs: number;
  longestFinalWallMs: number;
  /** Tasks over 50 ms of CPU while streaming (scaled when sampled). */
  over50WhileStreaming: number;
  /** Feeding stopped at the time budget: mainMs is a lower bound. */
  capped: boolean;
  fed: number;
  /** this panel, when it cut the reply for display: clicking "Show full message" once streamed. */
  showFull?: { mainMs: number; latencyMs: number; longestCpuMs: number; longestWallMs: number } | null;
}

/** The median of a contender's runs at one size: what the report shows. */
export interface StreamCell extends Omit<StreamRun, "historyItems" | "showFull"> {
  historyItems: number;
  runs: number;
  runsMainMs: number[];
  showFull: NonNullable<StreamRun["showFull"]> | null;
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
  options: { reps: number; budgetMs: number; quick: boolean };
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

type Contender = StreamCell["contender"];

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
const LABEL: Record<Contender, string> = {
  panel: "this panel",
  naive: "naive react-markdown",
  streamdown: "streamdown 2.7.1",
};

function cell(cells: StreamCell[], contender: Contender, sizeKB: number, historyItems = 0): StreamCell | undefined {
  return cells.find((c) => c.contender === contender && c.sizeKB === sizeKB && c.historyItems === historyItems);
}

/** "≈" for sampled estimates, "≥" when feeding stopped at the time budget. */
function mainText(c: StreamCell | undefined): string {
  if (!c) return "–";
  return `${c.capped ? "≥ " : c.method === "full" ? "" : "≈ "}${fmt(c.mainMs)}`;
}

function ratio(a: StreamCell | undefined, b: StreamCell | undefined): number {
  return a && b ? a.mainMs / b.mainMs : NaN;
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
  const env = `Commit ${r.environment.commit}, Chromium ${r.environment.chromium ?? "–"}, Node ${r.environment.node}, ${r.environment.cpus} cores, ${r.date.slice(0, 16).replace("T", " ")} UTC`;
  out.push(
    `## Performance (\`npm run bench\`)`,
    "",
    `${env}. Shared machine: CPU times (thread ticks) are reported, and every comparison is against baselines measured in the same run.`,
    "",
  );
  const verdicts: Verdict[] = [];

  if (r.stream) {
    const cells = r.stream;
    const sizes = [...new Set(cells.map((c) => c.sizeKB))].sort((a, b) => a - b);
    out.push(
      "### Streaming a reply",
      "",
      "Main-thread CPU ms to stream the whole reply and paint the final message (median of runs). Feeding: one `event_delta` per macrotask (a MessageChannel message, like one SSE message per task), as fast as the page takes it, the same for every contender. Naive: react-markdown + remark-gfm re-rendering the whole text, one `flushSync` commit per delta. streamdown: `<Streamdown parseIncompleteMarkdown isAnimating>` with a `setState` per delta. ≈: the baselines are too slow to run whole (hours at 320 KB) and are sampled in windows of consecutive deltas (within ~15% of full runs at 20 KB, see bench/README.md).",
      "",
      "| Reply | Deltas | this panel | naive | streamdown | naive / panel | streamdown / panel |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const kb of sizes) {
      const p = cell(cells, "panel", kb);
      const n = cell(cells, "naive", kb);
      const sd = cell(cells, "streamdown", kb);
      const deltas = (p ?? n ?? sd)?.deltas ?? NaN;
      out.push(
        `| ${kb} KB | ${fmt(deltas)} | ${mainText(p)} | ${mainText(n)} | ${mainText(sd)} | ${(n?.capped ? "≥ " : "") + times(ratio(n, p))} | ${(sd?.capped ? "≥ " : "") + times(ratio(sd, p))} |`,
      );
    }
    const cut = cells.filter((c) => c.contender === "panel" && c.historyItems === 0 && c.showFull);
    if (cut.length > 0) {
      out.push(
        "",
        `⚠️ This panel shows a reply over its display limit cut, with a "Show full message" button, so at ${listOf(cut.map((c) => `${c.sizeKB} KB`))} it renders less than the baselines do. Showing the whole reply afterwards costs:`,
        "",
        '| Reply | "Show full message": main thread CPU | click → painted | longest task, CPU ms (wall) | panel stream + show full | naive / that | streamdown / that |',
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      );
      for (const c of cut) {
        const f = c.showFull;
        if (!f) continue;
        const both = c.mainMs + f.mainMs;
        const n = cell(cells, "naive", c.sizeKB);
        const sd = cell(cells, "streamdown", c.sizeKB);
        out.push(
          `| ${c.sizeKB} KB | ${fmt(f.mainMs)} ms | ${fmt(f.latencyMs)} ms | ${fmt(f.longestCpuMs)} (${fmt(f.longestWallMs)}) | ${fmt(both)} ms | ${times(n ? n.mainMs / both : NaN)} | ${times(sd ? sd.mainMs / both : NaN)} |`,
        );
      }
    }
    out.push("", "| Growth of main-thread time | this panel | naive | streamdown |", "| --- | ---: | ---: | ---: |");
    for (const [a, b] of [
      [80, 20],
      [320, 80],
    ] as const) {
      if (!sizes.includes(a) || !sizes.includes(b)) continue;
      const g = (c: Contender) => times(ratio(cell(cells, c, a), cell(cells, c, b)));
      out.push(`| ${a} KB / ${b} KB (text ×${a / b}) | ${g("panel")} | ${g("naive")} | ${g("streamdown")} |`);
    }
    out.push(
      "",
      "| Longest task, CPU ms (wall ms; 0 = none over 50 ms) | this panel: deltas | this panel: final event | naive | streamdown: deltas | streamdown: final event |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const kb of sizes) {
      const p = cell(cells, "panel", kb);
      const n = cell(cells, "naive", kb);
      const sd = cell(cells, "streamdown", kb);
      const lt = (c: StreamCell | undefined, final: boolean) =>
        c
          ? `${fmt(final ? c.longestFinalCpuMs : c.longestStreamingCpuMs)} (${fmt(final ? c.longestFinalWallMs : c.longestStreamingWallMs)})`
          : "–";
      out.push(
        `| ${kb} KB | ${lt(p, false)} | ${lt(p, true)} | ${lt(n, false)} | ${lt(sd, false)} | ${lt(sd, true)} |`,
      );
    }
    const onHistory = cell(cells, "panel", 80, 1_000);
    const fresh = cell(cells, "panel", 80);
    if (onHistory && fresh) {
      out.push(
        "",
        `The same 80 KB reply streamed as the next turn of a 1,000-item conversation (this panel only): ${fmt(onHistory.mainMs)} ms main-thread CPU, ${times(onHistory.mainMs / fresh.mainMs)} the empty-conversation run; longest task ${fmt(onHistory.longestStreamingCpuMs)} ms CPU while streaming, ${fmt(onHistory.longestFinalCpuMs)} ms for the final event.`,
      );
    }
    const p80 = cell(cells, "panel", 80);
    const n80 = cell(cells, "naive", 80);
    const s80 = cell(cells, "streamdown", 80);
    const p320 = cell(cells, "panel", 320);
    const panels = cells.filter((c) => c.contender === "panel" && c.historyItems === 0);
    const worstStreaming = Math.max(...panels.map((c) => c.longestStreamingCpuMs));
    const worstFinal = Math.max(...panels.map((c) => c.longestFinalCpuMs));
    verdicts.push(
      {
        target: "Streaming main thread at 80 KB ≥ 10× lower than naive",
        measured: `${n80?.capped ? "≥ " : ""}${times(ratio(n80, p80))} lower (${mainText(p80)} vs ${mainText(n80)} ms)`,
        verdict: atLeast(ratio(n80, p80), 10),
      },
      {
        target: "… and lower than streamdown",
        measured: `${times(ratio(s80, p80))} lower (${mainText(p80)} vs ${mainText(s80)} ms)`,
        verdict: atLeast(ratio(s80, p80), 1),
      },
      {
        target: "320 KB run ≤ 5× the 80 KB run (this panel)",
        measured: times(ratio(p320, p80)),
        verdict: atMost(ratio(p320, p80), 5, "×"),
      },
      {
        target: "No long task > 50 ms while streaming (this panel, all sizes)",
        measured: `longest ${fmt(worstStreaming)} ms CPU (${fmt(Math.max(...panels.map((c) => c.longestStreamingWallMs)))} ms wall); ${fmt(Math.max(...panels.map((c) => c.over50WhileStreaming)))} task(s) > 50 ms CPU in the worst run`,
        verdict: atMost(worstStreaming, 50, "ms"),
      },
      {
        target: "… including the final event (the finished reply)",
        measured: `longest ${fmt(worstFinal)} ms CPU (${fmt(Math.max(...panels.map((c) => c.longestFinalWallMs)))} ms wall)`,
        verdict: atMost(worstFinal, 50, "ms"),
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

  if (r.stream) {
    out.push("", "Sampling of the baselines (main-thread estimate over the whole reply):");
    for (const c of r.stream.filter((x) => x.method !== "full"))
      out.push(`- ${LABEL[c.contender]}, ${c.sizeKB} KB: ${c.sampling}.`);
  }
  out.push("", `Full run: ${fmt(r.durationS)} s.`);
  return out.join("\n");
}
