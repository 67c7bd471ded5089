import { isValidElement, useEffect, useMemo, useState, type ComponentProps, type ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { isHighlighted, type CodeToken } from "./code-language";
import { useLabels } from "../labels/labels-context";

/** Past this length a block stays plain: thousands of spans buy nothing, and streaming re-highlights the block. */
export const CODE_HIGHLIGHT_LIMIT = 20_000;

type Highlight = (language: string | null, code: string) => CodeToken[] | null;

// The highlighter's chunk, shared by every block: loaded once by the first block that needs it, kept for good.
let highlighter: Highlight | null = null;
let pending: Promise<Highlight> | null = null;

function loadHighlighter(): Promise<Highlight> {
  return (pending ??= import("./code-highlight").then(
    (m) => (highlighter = m.highlightCode),
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
 * for the languages in `codeLanguage` with class names only (no inline styles, no HTML). While a reply streams, the
 * block re-renders in place as text arrives.
 */
export function CodeBlock({ children }: ComponentProps<"pre">): ReactNode {
  const labels = useLabels();
  const language = languageOf(children);
  const code = textOf(children);
  const wanted = isHighlighted(language) && code.length <= CODE_HIGHLIGHT_LIMIT;
  const highlight = useHighlighter(wanted);
  const tokens = useMemo(
    () => (wanted && highlight ? highlight(language, code) : null),
    [wanted, highlight, language, code],
  );
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
        <code className={language ? `language-${language}` : undefined} data-highlighted={tokens ? "" : undefined}>
          {tokens ? tokens.map(renderToken) : code}
        </code>
      </pre>
    </div>
  );
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
