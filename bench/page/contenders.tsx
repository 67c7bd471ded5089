import { useLayoutEffect, useState } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { Streamdown } from "streamdown";
import { TracyPanel } from "../../src";
import { streamedTurn, type WireEvent } from "../lib/event-fixtures";
import { InPageTransport } from "./in-page-transport";
import { afterPaint } from "./timing";

export type ContenderName = "panel" | "naive" | "streamdown";
export const CONTENDERS: readonly ContenderName[] = ["panel", "naive", "streamdown"];

/** Something that renders a reply growing one chunk at a time. */
export interface StreamContender {
  /** Mounts empty and resolves once ready to receive (and painted). */
  mount(container: HTMLElement): Promise<void>;
  /** Delivers delta `i`: the reply is now chunks 0..i. Called in order, maybe skipping some when sampled. */
  deliver(i: number): void;
  /** Its cost per delta depends only on the text so far, so delivering every k-th delta and scaling by k estimates it. */
  sampleable: boolean;
  /** The reply ended after `fed` chunks: the final event / last state. */
  finish(fed: number): void;
  /** The final reply is committed to the DOM. */
  isDone(): boolean;
  /** Everything delivered so far is committed to the DOM. */
  isCaughtUp(): boolean;
  unmount(): void;
}

/** `ends[i]`: length of the reply once chunk i has arrived. */
function prefixEnds(chunks: readonly string[]): number[] {
  let at = 0;
  return chunks.map((c) => (at += c.length));
}

/** `history`: finished events the panel loads first (the reply then streams as a later turn). */
export function createContender(
  name: ContenderName,
  chunks: readonly string[],
  history: readonly WireEvent[] = [],
): StreamContender {
  if (history.length > 0 && name !== "panel") throw new Error("bench: only the panel takes a history");
  switch (name) {
    case "panel":
      return panelContender(chunks, history);
    case "naive":
      return naiveContender(chunks);
    case "streamdown":
      return streamdownContender(chunks);
  }
}

/** The real `<TracyPanel>`: every chunk is an `event_delta` through transport → decode → batcher → fold → store → views. */
/** Turn number of the streamed reply: after any history turn. */
const STREAM_TURN = 100_000;

function panelContender(chunks: readonly string[], history: readonly WireEvent[]): StreamContender {
  const transport = new InPageTransport(history);
  const events = streamedTurn(chunks, STREAM_TURN).map((e) => JSON.stringify(e));
  const head = events.slice(0, 2); // running, event_start
  const deltas = events.slice(2, 2 + chunks.length);
  let root: Root | null = null;
  let container: HTMLElement | null = null;
  return {
    async mount(el) {
      container = el;
      root = createRoot(el);
      root.render(
        <TracyPanel tenantId="bench" sessionId="sesn_bench" transport={transport} style={{ flex: 1, minHeight: 0 }} />,
      );
      await transport.ready;
      await afterPaint();
      for (const e of head) transport.emit(e);
      await afterPaint();
    },
    sampleable: false,
    deliver(i) {
      transport.emit(deltas[i] as string);
    },
    finish(fed) {
      const tail = streamedTurn(chunks.slice(0, fed), STREAM_TURN).slice(-2);
      for (const e of tail) transport.emit(JSON.stringify(e));
    },
    isDone() {
      const last = container?.querySelectorAll('.tracy-message[data-role="agent"]');
      const reply = last?.[last.length - 1];
      return (
        reply !== undefined &&
        !reply.hasAttribute("data-streaming") &&
        container?.querySelector('.tracy-status[data-phase="idle"]') != null
      );
    },
    isCaughtUp() {
      throw new Error("bench: the panel is always measured over the whole reply, never windowed");
    },
    unmount() {
      root?.unmount();
    },
  };
}

const gfm = [remarkGfm];

/** The honest naive way: react-markdown re-renders the whole accumulated text, one commit per delta. */
function naiveContender(chunks: readonly string[]): StreamContender {
  const full = chunks.join("");
  const ends = prefixEnds(chunks);
  let setText: ((text: string) => void) | null = null;
  let root: Root | null = null;
  function Naive() {
    const [value, set] = useState("");
    setText = set;
    return (
      <div className="bench-scroll">
        <ReactMarkdown remarkPlugins={gfm}>{value}</ReactMarkdown>
      </div>
    );
  }
  return {
    async mount(el) {
      root = createRoot(el);
      root.render(<Naive />);
      await afterPaint();
    },
    sampleable: true,
    deliver(i) {
      const text = full.slice(0, ends[i]);
      flushSync(() => setText?.(text));
    },
    finish() {},
    isDone: () => true,
    isCaughtUp: () => true,
    unmount() {
      root?.unmount();
    },
  };
}

/** streamdown as its README uses it: a `setState` per delta, `isAnimating` while streaming. */
function streamdownContender(chunks: readonly string[]): StreamContender {
  const full = chunks.join("");
  const ends = prefixEnds(chunks);
  let setState: ((s: { text: string; streaming: boolean }) => void) | null = null;
  let text = "";
  let committed = { text: -1, streaming: true };
  let root: Root | null = null;
  function View() {
    const [state, set] = useState({ text: "", streaming: true });
    setState = set;
    useLayoutEffect(() => {
      committed = { text: state.text.length, streaming: state.streaming };
    });
    return (
      <div className="bench-scroll">
        <Streamdown parseIncompleteMarkdown isAnimating={state.streaming}>
          {state.text}
        </Streamdown>
      </div>
    );
  }
  return {
    async mount(el) {
      root = createRoot(el);
      root.render(<View />);
      await afterPaint();
    },
    sampleable: true,
    deliver(i) {
      text = full.slice(0, ends[i]);
      setState?.({ text, streaming: true });
    },
    finish() {
      setState?.({ text, streaming: false });
    },
    isDone: () => committed.text === text.length && !committed.streaming,
    isCaughtUp: () => committed.text === text.length,
    unmount() {
      root?.unmount();
    },
  };
}
