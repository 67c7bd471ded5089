import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { simpleBlockOf, simpleInline, simpleItemOf, simpleTableOf } from "../../src/markdown/simple-blocks";
import {
  listBlockOf,
  needsWholeDocument,
  repairTail,
  splitBlocks,
  tableBlockOf,
} from "../../src/markdown/split-blocks";
import { generateReply } from "../../bench/lib/markdown-fixture";
import { hostileBlocks, pick, randomMarkdown, type MarkdownShape } from "../helpers/random-markdown";
import { mulberry32 } from "../helpers/rng";

/** Inline pieces as models write them, and every near-miss of a construct read without the parser. */
const SAFE = [
  "span",
  "the pool",
  "**bold**",
  "__bold__",
  "*em*",
  "_em_",
  "`code`",
  "`a*b_c<d>&e\\f`",
  "[span 1a2b](https://clawtrace.example/traces/9f)",
  "[a relative](/traces/1?x=2#y)",
  "(**paren**)",
  "**bold**.",
  "**Note:**",
  "*it*,",
  "`svc`.",
  "é",
  "日本語",
  "1.5",
  "3 > 2",
  "100%",
  "#tag",
  "!",
];
const NEAR_MISSES = [
  "**",
  "*",
  "_",
  "__",
  "***x***",
  "**x*",
  "*x**",
  "**x **",
  "** x**",
  "a**b**",
  "**b**c",
  "_snake_case_",
  "x_y",
  "**x.**y",
  "*x!*",
  "**é**",
  "_é_",
  "(_x_)",
  "**a_b**",
  "**a `b`**",
  "`",
  "``x``",
  "` x `",
  "`x",
  "[",
  "]",
  "[x]",
  "[x](",
  "[x](y z)",
  "[x](<y>)",
  '[x](y "t")',
  "[x](a(b))",
  "[x](%41)",
  "[x]()",
  "[](y)",
  "[a **b**](c)",
  "[^1]",
  "[^1](x)",
  "[ ]",
  "[x](javascript:alert(1))",
  "![i](y)",
  "\\*",
  "&amp;",
  "<b>",
  "<https://x.example>",
  "~~s~~",
  "a|b",
  "ops@example.com",
  "www.example.com",
  "http://x.example",
  "\u00a0",
  "\t",
  "x  ",
];
const SHAPE: MarkdownShape = {
  inline: [...SAFE, ...SAFE, ...SAFE, ...NEAR_MISSES],
  joins: [" ", " ", " ", "", "  "],
  blocks: [
    (inline) => inline(),
    (inline) => `${inline()} `,
    (inline) => `# ${inline()}`,
    (inline) => `### ${inline()}`,
    (inline) => `## ${inline()} ##`,
    (inline) => `- ${inline()}\n- ${inline()}`,
    (inline) => `1. ${inline()}\n2. ${inline()}`,
    (inline) => `* ${inline()}`,
    (inline) => `+  ${inline()}`,
    (inline) => `  ${inline()}`,
    (inline) => `${inline()}\n${inline()}`,
  ],
};

/** Markup without the whitespace-only text between block elements (where it renders nothing). */
function normalised(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const blank: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (!node.textContent?.trim() && /^(DIV|UL|OL|BODY)$/.test(parent ?? "")) blank.push(node as Text);
  }
  for (const node of blank) node.remove();
  return doc.body.innerHTML;
}

/** The parser's rendering: the block as part of a document the panel parses whole (an unused footnote makes it). */
function parsed(block: string): string {
  const doc = new DOMParser().parseFromString(
    normalised(renderToStaticMarkup(<Markdown text={`${block}\n\n[^unused]: note`} />)),
    "text/html",
  );
  return doc.querySelector(".tracy-md")?.innerHTML ?? "";
}

/** The panel's rendering of the block alone, as a reply (block by block, simple ones without the parser). */
function own(block: string, streaming = false): string {
  const doc = new DOMParser().parseFromString(
    normalised(renderToStaticMarkup(<Markdown text={block} streaming={streaming} />)),
    "text/html",
  );
  return [...doc.querySelectorAll(".tracy-md-group")].map((g) => g.innerHTML).join("");
}

/** Whether the panel renders (part of) the block without the parser. */
const readsSimply = (block: string) =>
  !needsWholeDocument(block) &&
  (simpleBlockOf(block) !== null || (listBlockOf(block)?.items.some((item) => simpleItemOf(item) !== null) ?? false));

describe("simple blocks, rendered without the parser", () => {
  it("render the blocks of 1,200 random documents of near-misses exactly as the parser does", () => {
    const rng = mulberry32(4242);
    let simple = 0;
    for (let i = 0; i < 1_200; i++) {
      for (const block of splitBlocks(randomMarkdown(rng, SHAPE))) {
        if (!readsSimply(block)) continue;
        simple += 1;
        expect(own(block), JSON.stringify(block)).toBe(parsed(block));
      }
    }
    expect(simple).toBeGreaterThan(200);
  });

  it("render the hostile corpus, line by line as paragraphs and as list items, as the parser does", () => {
    let simple = 0;
    for (const hostile of hostileBlocks()) {
      for (const line of hostile.split("\n")) {
        for (const block of [line, `- ${line}`, `## ${line}`]) {
          if (splitBlocks(block).length !== 1 || !readsSimply(block)) continue;
          simple += 1;
          expect(own(block), JSON.stringify(block)).toBe(parsed(block));
        }
      }
    }
    expect(simple).toBeGreaterThan(10);
  });

  it("render every block of a long reply, and every prefix of it while it streams, as the parser does", () => {
    const reply = generateReply(8_000);
    const rng = mulberry32(9);
    let simple = 0;
    for (const block of splitBlocks(reply)) {
      if (!readsSimply(block)) continue;
      simple += 1;
      expect(own(block), block).toBe(parsed(block));
      // A streaming paragraph or heading is repaired first (a dangling `**` closed): the same as parsing the repair.
      if (block.includes("\n")) continue;
      for (let cut = 1; cut < block.length; cut += 1 + Math.floor(rng() * 24)) {
        const prefix = block.slice(0, cut);
        if (splitBlocks(prefix).length !== 1 || listBlockOf(prefix, true)) continue;
        expect(own(prefix, true), JSON.stringify(prefix)).toBe(parsed(repairTail(prefix)));
      }
    }
    expect(simple).toBeGreaterThan(20);
  });

  it("render 150 random tables of simple cells and near-misses with the cells and alignment the parser gives", () => {
    const rng = mulberry32(77);
    let nearMisses = 0;
    const cell = () => (rng() < nearMisses ? pick(rng, NEAR_MISSES) : pick(rng, SAFE)).replaceAll("|", "\\|");
    const rows = (html: string) => {
      const doc = new DOMParser().parseFromString(html, "text/html");
      return [...doc.querySelectorAll("table tr")].map((tr) =>
        [...tr.children].map((c) => `${c.tagName}${c.getAttribute("style") ?? ""}:${c.innerHTML}`).join(" ‖ "),
      );
    };
    let simple = 0;
    for (let i = 0; i < 150; i++) {
      // Half the tables hold only what is read without the parser, the others a near-miss in one cell of ten.
      nearMisses = i % 2 ? 0.1 : 0;
      const columns = 1 + Math.floor(rng() * 4);
      const row = (n: number) => `| ${Array.from({ length: n }, cell).join(" | ")} |`;
      const delimiter = `|${Array.from({ length: columns }, () => pick(rng, [" --- ", ":--", "--:", " :-: "])).join("|")}|`;
      const body = Array.from({ length: 1 + Math.floor(rng() * 30) }, () => row(columns + pick(rng, [0, 0, 0, -1, 1])));
      const table = [row(columns), delimiter, ...body].join("\n");
      const parts = tableBlockOf(table);
      if (parts && simpleTableOf(`${parts.head}\n${parts.rows.join("\n")}`)) simple += 1;
      // The parser's rendering: the table in a document the panel parses whole (an unused footnote makes it).
      const whole = renderToStaticMarkup(<Markdown text={`${table}\n\n[^unused]: note`} />);
      expect(rows(renderToStaticMarkup(<Markdown text={table} />)), table).toEqual(rows(whole));
    }
    expect(simple).toBeGreaterThan(20);
  });

  it("read what models write, and leave everything else to the parser", () => {
    expect(simpleInline("The **pool** was `payments-db`, see [span 1a](https://x.example/t/1).")).toEqual([
      "The ",
      { kind: "strong", text: "pool" },
      " was ",
      { kind: "code", text: "payments-db" },
      ", see ",
      { kind: "link", text: "span 1a", destination: "https://x.example/t/1" },
      ".",
    ]);
    expect(simpleBlockOf("## 3. Slow queries in `cart-cache`")).toMatchObject({ kind: "heading", depth: 2 });
    expect(simpleItemOf("- **checkout-api**: retries amplified the load.")).toMatchObject({ kind: "item" });
    for (const block of [
      "a**b**", // intraword: the parser decides
      "**a **",
      "snake_case_name",
      "see www.example.com",
      "mail ops@example.com",
      "a & b",
      "<b>x</b>",
      "\\*",
      "~~x~~",
      "a | b",
      "![i](https://x.example/i.png)",
      "[x](y z)",
      "[x]",
      "1. item",
      "- item",
      "> quote",
      "    code",
      "## closed ##",
      "two\nlines",
    ]) {
      expect(simpleBlockOf(block), block).toBeNull();
    }
  });
});
