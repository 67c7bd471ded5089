// @vitest-environment node
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified, type Pluggable } from "unified";
import { remarkFlattenDeep } from "../../src/markdown/remark-flatten-deep";
import { describe, expect, it } from "vitest";
import {
  AUTOLINK_LITERAL_CANDIDATE,
  remarkSkipAutolinkLiterals,
} from "../../src/markdown/remark-skip-autolink-literals";
import { blockHtml, hostileBlocks, randomMarkdown, type MarkdownShape } from "../helpers/random-markdown";
import { mulberry32 } from "../helpers/rng";

/** Random GFM: tables, lists, tasks, emphasis, strikethrough, code, footnotes, near-misses of autolinks. */
const GFM: MarkdownShape = {
  inline: [
    "span",
    "**bold**",
    "_it_",
    "~~gone~~",
    "`code`",
    "[link](/traces/1)",
    "ww.example",
    "http:/x",
    "example.com",
    "a.b.c",
    "mailto:",
    "xmpp:",
    "[^1]",
    "<b>",
    "&amp;",
    "\\*",
    "www",
    "https",
    "ftp:",
  ],
  joins: [" ", "", "|", "\n"],
  blocks: [
    (inline) => inline(),
    (inline) => `| a | b |\n| --- | :-: |\n| ${inline()} | ${inline()} |`,
    (inline) => `- [ ] ${inline()}\n- [x] ${inline()}`,
    (inline) => `1. ${inline()}\n2. ${inline()}`,
    (inline) => `> ${inline()}`,
    (inline) => `# ${inline()}`,
    (inline) => `[^1]: ${inline()}`,
  ],
};

/** As the panel renders a block: nesting bounded, deep trees flattened; with or without the autolink pass. */
const html = (markdown: string, skip: boolean) =>
  blockHtml(
    markdown,
    skip ? [remarkGfm, remarkSkipAutolinkLiterals, remarkFlattenDeep] : [remarkGfm, remarkFlattenDeep],
  );

describe("GFM without the autolink-literal pass, for blocks that can't hold one", () => {
  it("renders 800 random GFM documents and every hostile payload with no candidate exactly as full GFM does", () => {
    const rng = mulberry32(1130);
    const documents = [...Array.from({ length: 800 }, () => randomMarkdown(rng, GFM)), ...hostileBlocks()].filter(
      (d) => !AUTOLINK_LITERAL_CANDIDATE.test(d),
    );
    expect(documents.length).toBeGreaterThan(500);
    for (const d of documents) expect(html(d, true), d).toBe(html(d, false));
  });

  it("does drop the pass (so the equality above means something), and only that", () => {
    const transforms = (plugins: Pluggable[]) => {
      const extensions = unified().use(remarkParse).use(plugins).freeze().data("fromMarkdownExtensions") ?? [];
      return (extensions.flat(3) as { enter?: object; transforms?: unknown[] }[]).map(
        (e) => `${Object.keys(e.enter ?? {})[0] ?? "?"}: ${e.transforms?.length ?? 0}`,
      );
    };
    const full = transforms([remarkGfm]);
    expect(full).toContain("literalAutolink: 1");
    expect(transforms([remarkGfm, remarkSkipAutolinkLiterals])).toEqual(
      full.map((t) => (t === "literalAutolink: 1" ? "literalAutolink: 0" : t)),
    );
    // A block with a candidate keeps the whole of GFM.
    for (const text of ["see www.example.com", "see https://example.com/x", "mail ops@example.com"]) {
      expect(AUTOLINK_LITERAL_CANDIDATE.test(text)).toBe(true);
    }
  });
});
