import { Children, cloneElement, isValidElement, memo, useState, type ComponentProps, type ReactNode } from "react";
import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { boundBrackets, boundNesting } from "../markdown/bound-nesting";
import { speechText } from "../markdown/speech-text";
import { remarkFlattenDeep } from "../markdown/remark-flatten-deep";
import { mayHoldGfm, mayHoldGfmOutsideLinks } from "../markdown/gfm-candidates";
import { remarkGfmIfNeeded } from "../markdown/remark-gfm-if-needed";
import {
  simpleBlockOf,
  simpleItemOf,
  simpleTableOf,
  type ColumnAlign,
  type SimpleBlock,
  type SimpleInline,
  type SimpleTable,
} from "../markdown/simple-blocks";
import { AUTOLINK_LITERAL_CANDIDATE, remarkSkipAutolinkLiterals } from "../markdown/remark-skip-autolink-literals";
import {
  extendSplit,
  needsWholeDocument,
  codeBlockOf,
  listBlockOf,
  repairTail,
  tableBlockOf,
  type BlockSplit,
} from "../markdown/split-blocks";
import { CodeBlock, CodeBlockView } from "./code-block";
import { useReleasableLayout } from "./layout-release";
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

const TABLE_ROW_LIMIT = 1_000;

/** GFM tables scroll sideways, and show their first 1,000 rows until asked: a model can write tens of thousands. */
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

/** Rows per separately parsed part of a table (`TABLE_ROW_LIMIT` is a whole number of parts). */
export const TABLE_PART_ROWS = 25;

const Passthrough = ({ children }: { children?: ReactNode }): ReactNode => children;

/** A table's header (its header and delimiter lines), parsed alone: just the `<thead>`. */
const TableHead = memo(function TableHead({ markdown }: { markdown: string }) {
  return <MarkdownBlock text={markdown} parts={headParts} />;
});

/** Some of a table's rows, parsed with its header (for the column count and alignment): just their `<tr>`s. */
const TableRows = memo(function TableRows({ markdown }: { markdown: string }) {
  return <MarkdownBlock text={markdown} parts={rowParts} />;
});

/**
 * A GFM table rendered in parts of `TABLE_PART_ROWS` rows, each parsed on its own and memoised: a growing table
 * re-parses and re-renders its last part, not every row, and a finished one is the same elements. Shows its first
 * `TABLE_ROW_LIMIT` rows until asked, as `Table` does.
 */
function PartedTable({
  head,
  rows,
  streaming,
}: {
  head: string;
  rows: readonly string[];
  streaming: boolean;
}): ReactNode {
  const [all, setAll] = useState(false);
  const labels = useLabels();
  const format = useFormat();
  const shown = all ? rows.length : Math.min(rows.length, TABLE_ROW_LIMIT);
  const parts: string[] = [];
  for (let at = 0; at < shown; at += TABLE_PART_ROWS) {
    parts.push(`${head}\n${rows.slice(at, Math.min(at + TABLE_PART_ROWS, shown)).join("\n")}`);
  }
  const last = parts.length - 1;
  return (
    <div className="tracy-md-table" tabIndex={0} role="region" aria-label={labels.markdownTable}>
      <table>
        <TableHead markdown={head} />
        {parts.map((part, i) => (
          // A body per part: each is painted on its own (see the stylesheet), so a growing table repaints its last part.
          <tbody key={i}>
            <TableRows markdown={streaming && i === last ? repairTail(part) : part} />
          </tbody>
        ))}
      </table>
      {shown < rows.length && (
        <button type="button" className="tracy-button" onClick={() => setAll(true)}>
          {labels.showAllRows(format.count(rows.length))}
        </button>
      )}
    </div>
  );
}

/** One item of a list, parsed alone (see `listBlockOf`): just its `<li>`. */
const ListItem = memo(function ListItem({ markdown }: { markdown: string }) {
  return <MarkdownBlock text={markdown} parts={itemParts} />;
});

/**
 * A tight list rendered item by item, each parsed on its own and memoised: a growing list re-parses and re-renders
 * its last item, not the whole list, and a finished one is the same elements.
 */
function PartedList({
  ordered,
  start,
  items,
  streaming,
}: {
  ordered: boolean;
  start: number;
  items: readonly string[];
  streaming: boolean;
}): ReactNode {
  const last = items.length - 1;
  const children = items.map((item, i) => (
    <ListItem key={i} markdown={streaming && i === last ? repairTail(item) : item} />
  ));
  return ordered ? <ol start={start === 1 ? undefined : start}>{children}</ol> : <ul>{children}</ul>;
}

/** GFM's only inputs are task-list checkboxes, disabled; the item's text does not label them, so name their state. */
function TaskCheckbox({ type, checked }: ComponentProps<"input">): ReactNode {
  const labels = useLabels();
  if (type !== "checkbox") return null;
  return (
    <input
      type="checkbox"
      className="tracy-md-task"
      checked={!!checked}
      disabled
      aria-label={checked ? labels.taskDone : labels.taskNotDone}
    />
  );
}

const components: Components = {
  a: Link,
  img: ImagePlaceholder,
  input: TaskCheckbox,
  pre: CodeBlock,
  table: Table,
};
/** A table's header alone (see `TableHead`). */
const headParts: Components = { ...components, table: Passthrough };
/** A table's rows alone (see `TableRows`). */
const rowParts: Components = { ...components, table: Passthrough, thead: () => null, tbody: Passthrough };
/** A list's item alone (see `ListItem`): the item holds no other list, so only its own list is passed through. */
const itemParts: Components = { ...components, ul: Passthrough, ol: Passthrough };

const remarkPlugins = [remarkGfm, remarkFlattenDeep];
/** For a block with no autolink literal in it (see `remarkSkipAutolinkLiterals`). */
const remarkPluginsNoAutolinks = [remarkGfm, remarkSkipAutolinkLiterals, remarkFlattenDeep];
/** For a block that cannot hold any GFM construct (see `mayHoldGfm`): CommonMark parses it the same. */
const remarkPluginsCommonMark = [remarkFlattenDeep];
/** For a block whose only GFM candidates are in link destinations: CommonMark, checked (see `remarkGfmIfNeeded`). */
const remarkPluginsGfmIfNeeded = [remarkGfmIfNeeded, remarkFlattenDeep];

function pluginsFor(markdown: string) {
  if (!mayHoldGfm(markdown)) return remarkPluginsCommonMark;
  if (!mayHoldGfmOutsideLinks(markdown)) return remarkPluginsGfmIfNeeded;
  return AUTOLINK_LITERAL_CANDIDATE.test(markdown) ? remarkPlugins : remarkPluginsNoAutolinks;
}

/**
 * One block of markdown. Memoised on its text: finished blocks never re-render. A one-line paragraph, heading, list
 * item or table part of simple inline content (most of a reply: see `simpleBlockOf`) is read without the parser, with
 * the same result; anything else is parsed. Nesting is bounded line by line, so bounding a block equals bounding the
 * whole reply; a block with over `MAX_OPEN_BRACKETS` brackets open at once shows its brackets as text.
 */
const MarkdownBlock = memo(function MarkdownBlock({
  text: written,
  parts = components,
}: {
  text: string;
  parts?: Components;
}) {
  const text = boundBrackets(written);
  if (parts === rowParts || parts === headParts) {
    const table = simpleTableOf(text);
    if (table) return <SimpleTableView table={table} rows={parts === rowParts} />;
  } else {
    const simple = parts === components ? simpleBlockOf(text) : parts === itemParts ? simpleItemOf(text) : null;
    if (simple) return <SimpleBlockView block={simple} />;
  }
  const bounded = boundNesting(text);
  return (
    <ReactMarkdown remarkPlugins={pluginsFor(bounded)} components={parts} urlTransform={safeUrl} skipHtml>
      {bounded}
    </ReactMarkdown>
  );
});

/**
 * A one-line paragraph, heading or list item of simple inline content (see `simpleBlockOf`), rendered as the
 * parser would render it, without the parser. A list item comes with the line breaks its list puts around it.
 */
function SimpleBlockView({ block }: { block: SimpleBlock }): ReactNode {
  const content = block.inline.map(simpleInlineView);
  switch (block.kind) {
    case "paragraph":
      return <p>{content}</p>;
    case "heading": {
      const Heading = `h${block.depth}` as const;
      return <Heading>{content}</Heading>;
    }
    case "item":
      return (
        <>
          {"\n"}
          <li>{content}</li>
          {"\n"}
        </>
      );
  }
}

const alignStyle = (align: ColumnAlign | undefined) => (align ? { textAlign: align } : undefined);

/** A table's header, or some of its rows, of simple cells (see `simpleTableOf`), as the parser renders them. */
function SimpleTableView({ table, rows }: { table: SimpleTable; rows: boolean }): ReactNode {
  if (!rows) {
    return (
      <thead>
        <tr>
          {table.head.map((cell, i) => (
            <th key={i} style={alignStyle(table.align[i])}>
              {cell.map(simpleInlineView)}
            </th>
          ))}
        </tr>
      </thead>
    );
  }
  return table.rows.map((row, r) => (
    <tr key={r}>
      {row.map((cell, i) => (
        <td key={i} style={alignStyle(table.align[i])}>
          {cell.map(simpleInlineView)}
        </td>
      ))}
    </tr>
  ));
}

function simpleInlineView(node: SimpleInline, key: number): ReactNode {
  if (typeof node === "string") return node;
  switch (node.kind) {
    case "strong":
      return <strong key={key}>{node.text}</strong>;
    case "emphasis":
      return <em key={key}>{node.text}</em>;
    case "code":
      return <code key={key}>{node.text}</code>;
    case "link":
      return (
        <Link key={key} href={safeUrl(node.destination)}>
          {node.text}
        </Link>
      );
  }
}

/**
 * One block of a reply, rendered so that a growing block costs each delta the part it lands in, not the whole
 * block. A fenced code block is shown without the markdown parser (it holds no markdown) and a growing one is
 * highlighted in parts; the `<pre>` stays the same element from the first line to the closing fence. A table is
 * parsed in parts of rows (`PartedTable`), a tight list item by item (`PartedList`). While `streaming` (the reply's
 * growing last block), other blocks are repaired to render as they will once complete.
 */
const Block = memo(function Block({ text, streaming }: { text: string; streaming: boolean }) {
  const code = codeBlockOf(text);
  if (code) return <CodeBlockView language={code.language} code={code.code} streaming={streaming && code.open} />;
  const table = tableBlockOf(text);
  if (table) return <PartedTable head={table.head} rows={table.rows} streaming={streaming} />;
  const list = listBlockOf(text, streaming);
  if (list) return <PartedList {...list} streaming={streaming} />;
  return <MarkdownBlock text={streaming ? repairTail(text) : text} />;
});

/** Blocks per group. A streaming reply re-renders its last group only; the others are finished. */
export const BLOCK_GROUP_SIZE = 16;

/**
 * A run of blocks in its own box. Memoised on the array, which stays the same object once the
 * group is finished, so React skips it whole; and a finished group is `content-visibility: auto`
 * (see the stylesheet), so the browser does not lay it out or paint it while it is off screen, and
 * gives up the layout it had (`useReleasableLayout`).
 */
const BlockGroup = memo(function BlockGroup({
  blocks,
  first,
  streaming = false,
}: {
  blocks: readonly string[];
  first: number;
  /** Whether the last block is still growing. */
  streaming?: boolean;
}) {
  const last = blocks.length - 1;
  const ref = useReleasableLayout();
  return (
    <div className="tracy-md-group" ref={ref}>
      {blocks.map((block, i) => (
        <Block key={first + i} text={block} streaming={streaming && i === last} />
      ))}
    </div>
  );
});

/**
 * Splits a reply incrementally as it grows and keeps finished groups as the same arrays. One per
 * `Markdown` instance; it only caches, so rendering twice with the same text gives the same result.
 */
class BlockGroups {
  private split: BlockSplit | null = null;
  private groups: (readonly string[])[] = [];

  update(text: string): { split: BlockSplit; groups: (readonly string[])[] } {
    const previous = this.split;
    if (previous && previous.text === text) return { split: previous, groups: this.groups };
    const split = extendSplit(previous, text);
    // Groups holding only blocks carried over are finished: they stay the same arrays.
    const keep = Math.floor(split.reused / BLOCK_GROUP_SIZE);
    const groups = this.groups.slice(0, keep);
    for (let g = keep * BLOCK_GROUP_SIZE; g < split.blocks.length; g += BLOCK_GROUP_SIZE) {
      groups.push(split.blocks.slice(g, g + BLOCK_GROUP_SIZE));
    }
    this.split = split;
    this.groups = groups;
    return { split, groups };
  }
}

export interface MarkdownProps {
  text: string;
  /** While true, the unfinished tail is repaired (open fences closed, dangling markers balanced). */
  streaming?: boolean;
  /**
   * While a reply streams: announce it to screen readers block by block, as each block is finished,
   * instead of letting the transcript's live region speak every delta. The rendered text is marked
   * `aria-live="off"` and a visually hidden polite region holds the latest finished block. When the
   * reply ends the region goes (its text would be read twice) and the log announces the last block.
   */
  announce?: boolean;
}

/**
 * Renders model markdown safely: no raw HTML reaches the DOM, links are sanitised, images are not
 * loaded. The text is rendered as memoised top-level blocks in memoised groups, split incrementally,
 * so a streaming delta costs the length of the growing block, not of the reply: finished blocks are
 * never split, parsed or rendered again, and the final event re-parses only the last block.
 * Nesting is bounded (see `boundNesting`, `remarkFlattenDeep`): deeper structure is shown as text.
 *
 * dir="auto": a reply reads in the direction of its own text, so an English answer stays left to right
 * in a right-to-left panel, and an Arabic one right to left in any panel.
 */
export const Markdown = memo(function Markdown({ text, streaming = false, announce = false }: MarkdownProps) {
  const [cache] = useState(() => new BlockGroups());
  const { split, groups } = cache.update(text);
  const finished = streaming ? split.blocks.length - 1 : split.blocks.length;
  const latest = finished > 0 ? (split.blocks[finished - 1] as string) : "";
  if (!streaming && needsWholeDocument(text)) {
    return (
      <>
        <div className="tracy-md" dir="auto" aria-live={announce ? "off" : undefined}>
          <MarkdownBlock text={text} />
        </div>
        {announce && <BlockAnnouncer block={latest} />}
      </>
    );
  }
  const lastGroup = groups.length - 1;
  return (
    <>
      <div className="tracy-md" dir="auto" aria-live={announce ? "off" : undefined}>
        {groups.map((blocks, g) => (
          <BlockGroup key={g} blocks={blocks} first={g * BLOCK_GROUP_SIZE} streaming={streaming && g === lastGroup} />
        ))}
      </div>
      {announce && <BlockAnnouncer block={latest} />}
    </>
  );
});

/** A polite live region with the latest finished block: its text changes once per block, not per delta. */
const BlockAnnouncer = memo(function BlockAnnouncer({ block }: { block: string }) {
  return (
    <span className="tracy-visually-hidden tracy-md-announcer" aria-live="polite" aria-atomic="true">
      {speechText(block)}
    </span>
  );
});
