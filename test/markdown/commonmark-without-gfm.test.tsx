// @vitest-environment node
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { mayHoldGfm } from "../../src/markdown/gfm-candidates";
import { remarkFlattenDeep } from "../../src/markdown/remark-flatten-deep";
import { blockHtml, hostileBlocks, randomMarkdown, type MarkdownShape } from "../helpers/random-markdown";
import { mulberry32 } from "../helpers/rng";

/** As the panel renders a block: nesting bounded, deep trees flattened; with GFM or with CommonMark alone. */
const html = (markdown: string, gfm: boolean) =>
  blockHtml(markdown, gfm ? [remarkGfm, remarkFlattenDeep] : [remarkFlattenDeep]);

/** Random markdown with near-misses of every GFM construct that are not candidates (see `mayHoldGfm`). */
const NEAR_GFM: MarkdownShape = {
  inline: [
    "span",
    "**bold**",
    "__strong__",
    "_it_",
    "*em*",
    "`code`",
    "``co`de``",
    "[link](/traces/1)",
    "[ref]",
    "[ xx]",
    "[X ]",
    "[]",
    "ww.example",
    "http:/x",
    "example.com",
    "<x:y>",
    "a.b.c",
    "mailto:",
    "<b>",
    "&amp;",
    "&#124;",
    "\\*",
    "\\[",
    "-",
    "---",
    "* * *",
    "1)",
    "!",
    "![img](/i.png)",
  ],
  joins: [" ", "", "\n", "  \n"],
  blocks: [
    (inline) => inline(),
    (inline) => `- ${inline()}\n- ${inline()}\n  - ${inline()}`,
    (inline) => `* [x]${inline()}\n* ${inline()}`,
    (inline) => `1. ${inline()}\n2. ${inline()}`,
    (inline) => `> ${inline()}\n> > ${inline()}`,
    (inline) => `# ${inline()}`,
    (inline) => `${inline()}\n===`,
    (inline) => `[ref]: /traces/${inline().length % 9} "t"`,
    (inline) => "```ts\n" + inline() + "\n```",
    (inline) => `    ${inline()}`,
  ],
  blockJoins: ["\n\n", "\n"],
};

describe("CommonMark alone, for blocks that can't hold a GFM construct", () => {
  it("renders 600 random documents and every hostile payload with no GFM candidate exactly as GFM does", () => {
    const rng = mulberry32(1201);
    const documents = [...Array.from({ length: 600 }, () => randomMarkdown(rng, NEAR_GFM)), ...hostileBlocks()].filter(
      (d) => !mayHoldGfm(d),
    );
    expect(documents.length).toBeGreaterThan(350);
    for (const d of documents) expect(html(d, false), d).toBe(html(d, true));
  });

  it("takes every GFM construct for a candidate", () => {
    for (const gfm of [
      "~~gone~~",
      "| a |\n| - |",
      "a | b\n--- | ---",
      "- [ ] task",
      "- [x] done",
      "Note[^1]\n\n[^1]: why",
      "see https://x.example",
      "www.example.com",
      "ops@example.com",
    ]) {
      expect(mayHoldGfm(gfm), gfm).toBe(true);
      // …and each of these renders differently with GFM, so the candidates are what it takes.
      expect(html(gfm, false), gfm).not.toBe(html(gfm, true));
    }
  });
});
