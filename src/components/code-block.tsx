import { isValidElement, memo, useEffect, useMemo, useState, type ComponentProps, type ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { isHighlighted, type CodeRuns, type CodeToken } from "./code-language";
import { useLabels } from "../labels/labels-context";

/** Past this length a block stays plain: thousands of spans buy the reader nothing and cost every layout. */
export const CODE_HIGHLIGHT_LIMIT = 20_000;

type Highlight = (language: string | null, context: string, code: string) => CodeRuns | null;

// The highlighter's chunk, shared by every block: loaded once by the first block that needs it, kept for good.
let highlighter: Highlight | null = null;
let pending: Promise<Highlight> | null = null;

function loadHighlighter(): Promise<Highlight> {
  return (pending ??= import("./code-highlight").then(
    (m) => (highlighter = m.highlightPart),
    (error: unknown) => {
      pending = null; // the next block to mount tries again
      throw error;
    },
  ));
}

/** Starts loading the highlighter, e.g. ahead of a reply that is about to show code. */
export function preloadHighlighter(): Promise<void> {
  return loadHighlighter().then(() => undefined);
}

/**
 * Loads the highlighter once `ahead` holds (a conversation is being restored, or a message was sent), in parallel
 * with the history or the model's answer: the first code block is then coloured from its first line, instead of
 * turning coloured after the chunk arrives, whenever the chunk is the quicker of the two.
 */
export function usePreloadHighlighter(ahead: boolean): void {
  useEffect(() => {
    if (ahead && !highlighter) loadHighlighter().catch(() => {}); // a failed load is retried by the block itself
  }, [ahead]);
}

/**
 * The highlighter once its chunk is in. No Suspense: until then (or if the chunk fails) the block renders its text
 * plain inside the same `<pre>`, so nothing remounts and nothing moves when the colours arrive.
 */
function useHighlighter(wanted: boolean): Highlight | null {
  const [loaded, setLoaded] = useState<Highlight | null>(() => highlighter);
  useEffect(() => {
    if (loaded || !wanted) return;
    let live = true;
    loadHighlighter().then(
      (h) => {
        if (live) setLoaded(() => h);
      },
      () => {}, // stays plain
    );
    return () => {
      live = false;
    };
  }, [loaded, wanted]);
  return loaded;
}

/**
 * A fenced code block (react-markdown's `pre`): a bar with the language and a copy button, and the code, coloured
 * for the languages in `codeLanguage` with class names only (no inline styles, no HTML).
 */
export function CodeBlock({ children }: ComponentProps<"pre">): ReactNode {
  return <CodeBlockView language={languageOf(children)} code={textOf(children)} />;
}

/**
 * Lines per separately highlighted part of a code block that streamed. A delta re-highlights its part and the part
 * before it (the context), so this bounds a delta's highlighting to twice as many lines. highlight.js takes time in
 * proportion to the lines (JSON: 1.7 ms for 16, 2.9 ms for 32); a construct longer than a part (a block comment, a
 * multi-line string) may be coloured as two.
 */
export const STREAMING_CODE_CHUNK_LINES = 8;

/**
 * A code block's frame and code. A block that streamed is highlighted in parts of `STREAMING_CODE_CHUNK_LINES`
 * lines, each memoised on its text and the part before it: a delta re-highlights and re-renders the part it lands
 * in, not the whole block, and the closing fence changes nothing (highlighting 16 KB of code whole, and replacing
 * its thousands of spans, was a 200 ms task at the end of each block). Each part is highlighted after the part
 * before it, which is then dropped, so a construct that starts there (a block comment, a multi-line string) is
 * coloured as one; only one longer than a part may be coloured as two. A block that arrives whole is highlighted
 * whole.
 */
export function CodeBlockView({
  language,
  code,
  streaming = false,
}: {
  language: string | null;
  code: string;
  streaming?: boolean;
}): ReactNode {
  const labels = useLabels();
  // Once parted, always parted: the parts a reader saw stream stay the same elements when the block ends.
  const [parted] = useState(streaming);
  const wanted = isHighlighted(language) && code.length <= CODE_HIGHLIGHT_LIMIT;
  const highlight = useHighlighter(wanted);
  const active = wanted && highlight ? highlight : null;
  return (
    <div className="tracy-md-codeblock">
      <div className="tracy-md-codeblock-bar">
        <span className="tracy-md-codeblock-language">{language ?? labels.markdownCode}</span>
        <CopyButton
          getText={(el) => el?.closest(".tracy-md-codeblock")?.querySelector("code")?.textContent ?? ""}
          label={labels.copyCode}
        />
      </div>
      {/* Focusable so a keyboard user can scroll a long line into view. */}
      <pre tabIndex={0} role="region" aria-label={labels.codeRegion(language)}>
        <code className={language ? `language-${language}` : undefined} data-highlighted={active ? "" : undefined}>
          {parted ? (
            // Each part is a block of its own, so a delta lays out the lines of its part, not of the whole block.
            codeChunks(code).map((chunk, i, chunks) => (
              <span key={i} className="tracy-md-code-part">
                <CodeChunk highlight={active} language={language} code={chunk} context={chunks[i - 1] ?? ""} />
              </span>
            ))
          ) : (
            <CodeChunk highlight={active} language={language} code={code} context="" />
          )}
        </code>
      </pre>
    </div>
  );
}

/**
 * Part of a code block's text, highlighted after `context` (the code before it, not shown), or plain until the
 * highlighter is in. Memoised: an unchanged part is not re-rendered.
 */
const CodeChunk = memo(function CodeChunk({
  highlight,
  language,
  code,
  context,
}: {
  highlight: Highlight | null;
  language: string | null;
  code: string;
  context: string;
}) {
  const part = useMemo(
    () => (highlight ? highlight(language, context, code) : null),
    [highlight, language, code, context],
  );
  if (!part) return code;
  const runs = part.runs.map(renderToken);
  return part.base ? <span className={part.base}>{runs}</span> : runs;
});

/** `code` cut after every `STREAMING_CODE_CHUNK_LINES` lines; joined, the parts give `code` back. */
export function codeChunks(code: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  let lines = 0;
  for (let i = code.indexOf("\n"); i !== -1; i = code.indexOf("\n", i + 1)) {
    if (++lines < STREAMING_CODE_CHUNK_LINES) continue;
    chunks.push(code.slice(start, i + 1));
    start = i + 1;
    lines = 0;
  }
  if (start < code.length || chunks.length === 0) chunks.push(code.slice(start));
  return chunks;
}

function renderToken(token: CodeToken, i: number): ReactNode {
  return token.className ? (
    <span key={i} className={token.className}>
      {token.text}
    </span>
  ) : (
    token.text
  );
}

/** The fence's language, from the `language-…` class react-markdown gives the `<code>` inside. */
function languageOf(children: ReactNode): string | null {
  if (!isValidElement<{ className?: unknown }>(children)) return null;
  const className = children.props.className;
  const match = typeof className === "string" ? /(?:^|\s)language-([^\s]+)/.exec(className) : null;
  return match?.[1] ?? null;
}

/** The code's text: react-markdown renders it as strings inside the `<code>`. */
function textOf(node: ReactNode): string {
  if (typeof node === "string") return node;
  if (typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}
