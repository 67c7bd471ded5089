import { useLayoutEffect, useRef, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { Streamdown } from "streamdown";
import { TracyPanel } from "../../src";
import { createHttpTransport } from "../../src/core";

/**
 * What renders the reply. Every contender renders all of it, from the same SSE stream:
 * - panel: the real `<TracyPanel>` over its own HTTP transport (fetch-event-source, exact-integer
 *   JSON, decode, event pacer, fold, store, views);
 * - react-markdown / streamdown: a `setState` per SSE message (React batches what arrives in one task);
 * - …-raf: the same, but at most one render per animation frame (the usual throttle).
 */
export type ContenderName = "panel" | "react-markdown" | "react-markdown-raf" | "streamdown" | "streamdown-raf";
export const CONTENDERS: readonly ContenderName[] = [
  "panel",
  "react-markdown",
  "react-markdown-raf",
  "streamdown",
  "streamdown-raf",
];

export interface StreamContender {
  /** Mounts, opens the session's event stream and resolves once it is open and painted. */
  mount(container: HTMLElement, session: string): Promise<void>;
  /** The final reply is committed to the DOM. */
  isDone(): boolean;
  /** The element holding the rendered reply (checked against the reply once done). */
  output(): Element | null;
  unmount(): void;
}

export function createContender(name: ContenderName): StreamContender {
  switch (name) {
    case "panel":
      return panelContender();
    case "react-markdown":
    case "react-markdown-raf":
    case "streamdown":
    case "streamdown-raf":
      return baselineContender(name);
  }
}

function panelContender(): StreamContender {
  let root: Root | null = null;
  let container: HTMLElement | null = null;
  const lastReply = () => {
    const replies = container?.querySelectorAll('.tracy-message[data-role="agent"]');
    return replies?.[replies.length - 1] ?? null;
  };
  return {
    async mount(el, session) {
      container = el;
      let opened!: () => void;
      const open = new Promise<void>((resolve) => (opened = resolve));
      const http = createHttpTransport({ baseUrl: location.origin });
      // The stream opening is what the runner waits for before it starts the reply.
      const transport: typeof http = {
        ...http,
        streamEvents: (ctx, id, options) =>
          http.streamEvents(ctx, id, { ...options, onOpen: () => (options.onOpen?.(), opened()) }),
      };
      root = createRoot(el);
      root.render(
        <TracyPanel tenantId="bench" sessionId={session} transport={transport} style={{ flex: 1, minHeight: 0 }} />,
      );
      await open;
    },
    isDone() {
      const reply = lastReply();
      return (
        reply !== null &&
        !reply.hasAttribute("data-streaming") &&
        container?.querySelector('.tracy-status[data-phase="idle"]') != null
      );
    },
    output: () => lastReply()?.querySelector(".tracy-md") ?? null,
    unmount() {
      root?.unmount();
    },
  };
}

const gfm = [remarkGfm];

interface Wire {
  type?: string;
  delta?: { content?: { text?: string } };
  content?: { text?: string }[];
}

function baselineContender(name: Exclude<ContenderName, "panel">): StreamContender {
  const perFrame = name.endsWith("-raf");
  const streamdown = name.startsWith("streamdown");
  let root: Root | null = null;
  let source: EventSource | null = null;
  let container: HTMLElement | null = null;
  let set: ((s: { text: string; streaming: boolean }) => void) | null = null;
  let state = { text: "", streaming: true };
  let committed = { length: -1, streaming: true };
  let frame = 0;
  const flush = () => {
    frame = 0;
    set?.(state);
  };
  const update = (next: { text: string; streaming: boolean }) => {
    state = next;
    if (!perFrame || !next.streaming) {
      if (frame) cancelAnimationFrame(frame);
      flush();
    } else frame ||= requestAnimationFrame(flush);
  };
  function View() {
    const [s, setS] = useState(state);
    const scroller = useRef<HTMLDivElement>(null);
    set = setS;
    useLayoutEffect(() => {
      committed = { length: s.text.length, streaming: s.streaming };
      // Follows the reply as the panel does.
      const el = scroller.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
    return (
      <>
        <div className="bench-scroll" ref={scroller}>
          <div className="bench-output">
            {streamdown ? (
              <Streamdown parseIncompleteMarkdown isAnimating={s.streaming}>
                {s.text}
              </Streamdown>
            ) : (
              <ReactMarkdown remarkPlugins={gfm}>{s.text}</ReactMarkdown>
            )}
          </div>
        </div>
        <textarea aria-label="Message Tracy" rows={2} />
      </>
    );
  }
  return {
    async mount(el, session) {
      container = el;
      root = createRoot(el);
      root.render(<View />);
      source = new EventSource(`/sessions/${encodeURIComponent(session)}/events/stream`);
      source.onmessage = (m: MessageEvent<string>) => {
        const e = JSON.parse(m.data) as Wire;
        if (e.type === "event_delta") update({ text: state.text + (e.delta?.content?.text ?? ""), streaming: true });
        else if (e.type === "agent.message")
          update({ text: (e.content ?? []).map((c) => c.text ?? "").join(""), streaming: false });
      };
      await new Promise<void>((resolve) => source?.addEventListener("open", () => resolve(), { once: true }));
    },
    isDone: () => !committed.streaming && committed.length === state.text.length,
    output: () => container?.querySelector(".bench-output") ?? null,
    unmount() {
      source?.close();
      root?.unmount();
    },
  };
}
