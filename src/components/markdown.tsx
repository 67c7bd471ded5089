import { Children, cloneElement, isValidElement, memo, useState, type ComponentProps, type ReactNode } from "react";
import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { boundNesting } from "../markdown/bound-nesting";
import { remarkFlattenDeep } from "../markdown/remark-flatten-deep";
import { needsWholeDocument, repairTail, splitBlocks } from "../markdown/split-blocks";
import { CodeBlock } from "./code-block";
import { useFormat, useLabels } from "../labels/labels-context";

const SAFE_PROTOCOL = /^(https?:|mailto:)/i;

/**
 * Only http(s) and mailto links survive; everything else (javascript:, data:, vbscript:,
 * file:, custom schemes) becomes an empty href and renders as plain text.
 */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url.trim());
  if (!cleaned) return "";
  if (cleaned.startsWith("#") || cleaned.startsWith("/") || cleaned.startsWith("?")) return cleaned;
  const colon = cleaned.indexOf(":");
  if (colon === -1) return cleaned; // relative path
  return SAFE_PROTOCOL.test(cleaned) ? cleaned : "";
}

function Link({ href, children }: ComponentProps<"a">): ReactNode {
  if (!href) return <span className="tracy-md-link-disabled">{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

/** Images from the model are not loaded: they could track the reader or spoof UI. Shown as a link instead. */
function ImagePlaceholder({ src, alt }: ComponentProps<"img">): ReactNode {
  const label = useLabels().markdownImage(alt || null);
  if (typeof src !== "string" || !src) return <span className="tracy-md-image">{label}</span>;
  return (
    <a className="tracy-md-image" href={src} target="_blank" rel="noopener noreferrer nofollow">
      {label}
    </a>
  );
}

const TABLE_ROW_LIMIT = 100;

/** GFM tables scroll sideways, and show their first rows until asked: a model can write thousands. */
function Table({ children }: ComponentProps<"table">): ReactNode {
  const [all, setAll] = useState(false);
  const labels = useLabels();
  const format = useFormat();
  let hidden = 0;
  const parts = Children.map(children, (part) => {
    if (all || !isValidElement<{ children?: ReactNode }>(part) || part.type !== "tbody") return part;
    const rows = Children.toArray(part.props.children).filter(isValidElement);
    if (rows.length <= TABLE_ROW_LIMIT) return part;
    hidden = rows.length - TABLE_ROW_LIMIT;
    return cloneElement(part, {}, rows.slice(0, TABLE_ROW_LIMIT));
  });
  return (
    <div className="tracy-md-table" tabIndex={0} role="region" aria-label={labels.markdownTable}>
      <table>{parts}</table>
      {hidden > 0 && (
        <button type="button" className="tracy-button" onClick={() => setAll(true)}>
          {labels.showAllRows(format.count(hidden + TABLE_ROW_LIMIT))}
        </button>
      )}
    </div>
  );
}

/** GFM's only inputs are task-list checkboxes, disabled; the item's text does not label them, so name their state. */
function TaskCheckbox({ type, checked }: ComponentProps<"input">): ReactNode {
  const labels = useLabels();
  if (type !== "checkbox") return null;
  return <input type="checkbox" checked={!!checked} disabled aria-label={checked ? labels.taskDone : labels.taskNotDone} />;
}

const components: Components = {
  a: Link,
  img: ImagePlaceholder,
  input: TaskCheckbox,
  pre: CodeBlock,
  table: Table,
};

const remarkPlugins = [remarkGfm, remarkFlattenDeep];

/** One block of markdown. Memoised on its text: finished blocks never re-render. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} components={components} urlTransform={safeUrl} skipHtml>
      {text}
    </ReactMarkdown>
  );
});

export interface MarkdownProps {
  text: string;
  /** While true, the unfinished tail is repaired (open fences closed, dangling markers balanced). */
  streaming?: boolean;
}

/**
 * Renders model markdown safely: no raw HTML reaches the DOM, links are sanitised, images are not
 * loaded. The text is rendered as memoised top-level blocks, so streaming costs O(new text) rather
 * than re-parsing the whole reply per token, and the final event re-parses only the last block.
 * Nesting is bounded (see `boundNesting`, `remarkFlattenDeep`): deeper structure is shown as text.
 *
 * dir="auto": a reply reads in the direction of its own text, so an English answer stays left to right
 * in a right-to-left panel, and an Arabic one right to left in any panel.
 */
export const Markdown = memo(function Markdown({ text: source, streaming = false }: MarkdownProps) {
  const text = boundNesting(source);
  if (!streaming && needsWholeDocument(text)) {
    return (
      <div className="tracy-md" dir="auto">
        <MarkdownBlock text={text} />
      </div>
    );
  }
  const blocks = splitBlocks(text);
  const last = blocks.length - 1;
  return (
    <div className="tracy-md" dir="auto">
      {blocks.map((block, i) => (
        <MarkdownBlock key={i} text={streaming && i === last ? repairTail(block) : block} />
      ))}
    </div>
  );
});
