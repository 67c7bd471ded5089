// @vitest-environment node
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified, type Pluggable } from "unified";
import { boundNesting } from "../../src/markdown/bound-nesting";
import { remarkFlattenDeep } from "../../src/markdown/remark-flatten-deep";
import { describe, expect, it } from "vitest";
import {
  AUTOLINK_LITERAL_CANDIDATE,
  remarkSkipAutolinkLiterals,
} from "../../src/markdown/remark-skip-autolink-literals";
import { splitBlocks } from "../../src/markdown/split-blocks";
import { PAYLOADS } from "../browser/security/corpus";
import { mulberry32 } from "../helpers/rng";

/** As the panel renders a block: nesting bounded, deep trees flattened. */
const html = (markdown: string, skip: boolean) =>
  renderToStaticMarkup(
    <ReactMarkdown
      remarkPlugins={skip ? [remarkGfm, remarkSkipAutolinkLiterals, remarkFlattenDeep] : [remarkGfm, remarkFlattenDeep]}
    >
      {boundNesting(markdown)}
    </ReactMarkdown>,
  );

const pick = <T,>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** Random GFM: tables, lists, tasks, emphasis, strikethrough, code, footnotes, near-misses of autolinks. */
function randomMarkdown(rng: () => number): string {
  const inline = () =>
    Array.from({ length: 1 + Math.floor(rng() * 8) }, () =>
      pick(rng, [
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
      ]),
    ).join(pick(rng, [" ", "", "|", "\n"]));
  const blocks = Array.from({ length: 1 + Math.floor(rng() * 5) }, () =>
    pick(rng, [
      () => inline(),
      () => `| a | b |\n| --- | :-: |\n| ${inline()} | ${inline()} |`,
      () => `- [ ] ${inline()}\n- [x] ${inline()}`,
      () => `1. ${inline()}\n2. ${inline()}`,
      () => `> ${inline()}`,
      () => `# ${inline()}`,
      () => `[^1]: ${inline()}`,
    ])(),
  );
  return blocks.join("\n\n");
}

describe("GFM without the autolink-literal pass, for blocks that can't hold one", () => {
  it("renders 800 random GFM documents and every hostile payload with no candidate exactly as full GFM does", () => {
    const rng = mulberry32(1130);
    const documents = [
      ...Array.from({ length: 800 }, () => randomMarkdown(rng)),
      ...PAYLOADS.flatMap((p) => splitBlocks(p.text)).filter((b) => b.length < 5_000),
    ].filter((d) => !AUTOLINK_LITERAL_CANDIDATE.test(d));
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
