import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import type { PluggableList } from "unified";
import { boundNesting } from "../../src/markdown/bound-nesting";
import { splitBlocks } from "../../src/markdown/split-blocks";
import { PAYLOADS } from "../browser/security/corpus";

/** A block's HTML as the panel renders it (nesting bounded, no raw HTML), with the given remark plugins. */
export const blockHtml = (markdown: string, remarkPlugins: PluggableList): string =>
  renderToStaticMarkup(
    <ReactMarkdown remarkPlugins={remarkPlugins} skipHtml>
      {boundNesting(markdown)}
    </ReactMarkdown>,
  );

export const pick = <T,>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

export interface MarkdownShape {
  /** Inline pieces, joined by `joins` into a run of text. */
  inline: readonly string[];
  joins: readonly string[];
  /** Block templates, given a fresh run of inline text each time they ask. */
  blocks: readonly ((inline: () => string) => string)[];
  /** Between blocks. @default ["\n\n"] */
  blockJoins?: readonly string[];
}

/** A random document of 1–5 blocks of the given shape (seeded by `rng`, so a failure can be replayed). */
export function randomMarkdown(rng: () => number, shape: MarkdownShape): string {
  const inline = () =>
    Array.from({ length: 1 + Math.floor(rng() * 8) }, () => pick(rng, shape.inline)).join(pick(rng, shape.joins));
  const blocks = Array.from({ length: 1 + Math.floor(rng() * 5) }, () => pick(rng, shape.blocks)(inline));
  return blocks.join(pick(rng, shape.blockJoins ?? ["\n\n"]));
}

/** The hostile corpus, block by block (blocks under 5,000 characters). */
export const hostileBlocks = (): string[] =>
  PAYLOADS.flatMap((p) => splitBlocks(p.text)).filter((b) => b.length < 5_000);
