// @vitest-environment node
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { mayHoldGfm, mayHoldGfmOutsideLinks } from "../../src/markdown/gfm-candidates";
import { remarkFlattenDeep } from "../../src/markdown/remark-flatten-deep";
import { remarkGfmIfNeeded } from "../../src/markdown/remark-gfm-if-needed";
import { splitBlocks } from "../../src/markdown/split-blocks";
import { blockHtml, hostileBlocks, randomMarkdown, type MarkdownShape } from "../helpers/random-markdown";
import { mulberry32 } from "../helpers/rng";

const gfm = (markdown: string) => blockHtml(markdown, [remarkGfm, remarkFlattenDeep]);
const checked = (markdown: string) => blockHtml(markdown, [remarkGfmIfNeeded, remarkFlattenDeep]);

/** Links as Tracy writes them, and everything that makes a link not one, or hides a candidate from a guess. */
const SAFE = [
  "span",
  "**bold**",
  "_it_",
  "`code https://x.example`",
  "[span 1a2b](https://clawtrace.example/traces/9f)",
  "![chart](https://clawtrace.example/c.png)",
  "[a](mailto:ops@clawtrace.example)",
  "*[em](https://x.example)*",
  "`[a](https://x)`",
];
const TRICKY = [
  "[https://a.example](https://b.example)",
  "![www.alt.example](https://b.example/i.png)",
  "\\[not a link](https://x.example)",
  "[unclosed](https://x.example",
  "](https://x.example)",
  "[a](https://x.example/(p))",
  '[a](<https://x.example> "t")',
  "[a]( https://x.example )",
  "www\\.example.com",
  "ops&#64;example.com",
  "https&#58;//x.example",
  "~",
  "a|b",
  "[ ]",
  "[^1]",
  "<https://auto.example>",
];
const LINKS: MarkdownShape = {
  // Mostly links as Tracy writes them; now and then one of the tricky pieces.
  inline: [...SAFE, ...SAFE, ...SAFE, ...SAFE, ...SAFE, ...SAFE, ...TRICKY],
  joins: [" ", "", "\n", "  \n"],
  blocks: [
    (inline) => inline(),
    (inline) => `- ${inline()}\n- ${inline()}`,
    (inline) => `- [ ] ${inline()}`,
    (inline) => `> ${inline()}`,
    (inline) => `# ${inline()}`,
    (inline) => `${inline()}\n| - |`,
    (inline) => `| ${inline()} |\n| --- |\n| ${inline()} |`,
  ],
  blockJoins: ["\n\n", "\n"],
};

describe("CommonMark, checked, for blocks whose GFM candidates are only in link destinations", () => {
  it("renders 1,500 random link-heavy documents and the hostile corpus exactly as GFM does", () => {
    const rng = mulberry32(3001);
    const documents = [
      ...Array.from({ length: 1_500 }, () => randomMarkdown(rng, LINKS)).flatMap((d) => [d, ...splitBlocks(d)]),
      ...hostileBlocks(),
    ];
    let guessed = 0;
    for (const d of documents) {
      if (!mayHoldGfm(d) || mayHoldGfmOutsideLinks(d)) continue;
      guessed += 1;
      expect(checked(d), d).toBe(gfm(d));
    }
    expect(guessed).toBeGreaterThan(300);
  });

  it("takes a reply's links for no GFM candidate, and a link that is not one for a candidate", () => {
    expect(
      mayHoldGfmOutsideLinks("See [span 1a2b](https://clawtrace.example/traces/9f) and ![c](https://x/c.png)."),
    ).toBe(false);
    expect(mayHoldGfmOutsideLinks("See https://clawtrace.example/traces/9f")).toBe(true);
    // The guess is wrong here (the escape makes it text, and GFM links the URL); the tree check catches it.
    const escaped = "\\[not a link](https://x.example)";
    expect(mayHoldGfmOutsideLinks(escaped)).toBe(false);
    expect(checked(escaped)).toContain('<a href="https://x.example">');
    expect(checked(escaped)).toBe(gfm(escaped));
  });
});
