import { render } from "@testing-library/react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { listBlockOf, needsWholeDocument, splitBlocks } from "../../src/markdown/split-blocks";
import { hostileBlocks, pick } from "../helpers/random-markdown";
import { mulberry32 } from "../helpers/rng";

const MARKERS = ["-", "*", "+", "1.", "2.", "0.", "10.", "1)", "007."] as const;
/** Item contents as models write them, with every near-miss of a block that could start inside an item. */
const CONTENT = [
  "span",
  "**bold**",
  "**open",
  "_it_",
  "`code`",
  "`open",
  "[link](https://clawtrace.example/t/1)",
  "[link](javascript:alert(1))",
  "www.example.com",
  "~~gone~~",
  "a | b",
  "[ ] task",
  "[x] done",
  "- nested",
  "1. nested",
  "> quote",
  "# heading",
  "```",
  "<b>html</b>",
  "[ref]: /t/1",
  "[ref]",
  "    code",
  "  two spaces",
  "---",
  "- - -",
  "* * *",
  "",
  "2021 was",
  "\\- escaped",
  "&amp;",
];

/** A random list-shaped block: mostly one marker, sometimes another, an indented or lazy line, or a blank line. */
function randomList(rng: () => number): string {
  const marker = pick(rng, MARKERS);
  const lines = Array.from({ length: 1 + Math.floor(rng() * 7) }, () => {
    const r = rng();
    const m = r < 0.06 ? pick(rng, MARKERS) : marker;
    const content = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, CONTENT)).join(" ");
    if (r > 0.97) return `  ${m} ${content}`;
    if (r > 0.95) return content;
    if (r > 0.94) return "";
    return `${m} ${content}`.trimEnd();
  });
  return lines.join("\n");
}

/** The markup of the rendered reply, without whitespace-only text between elements. */
function normalised(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const blank: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) blank.push(node as Text);
  }
  for (const node of blank) node.remove();
  return doc.body.innerHTML;
}

/**
 * The reference: the same list parsed whole, as part of one document. An unused footnote definition after it makes
 * the panel parse the reply as one document (it renders nothing).
 */
function wholeList(block: string): string {
  const whole = renderToStaticMarkup(<Markdown text={`${block}\n\n[^unused]: note`} />);
  const doc = new DOMParser().parseFromString(normalised(whole), "text/html");
  return doc.querySelector(".tracy-md")?.innerHTML ?? "";
}

const ownList = (block: string) => {
  const doc = new DOMParser().parseFromString(normalised(renderToStaticMarkup(<Markdown text={block} />)), "text/html");
  return doc.querySelector(".tracy-md-group")?.innerHTML ?? "";
};

describe("lists rendered item by item", () => {
  it("render 400 random lists as the parser renders each whole", () => {
    const rng = mulberry32(17);
    let parted = 0;
    for (let i = 0; i < 400; i++) {
      const block = randomList(rng);
      // Other blocks are rendered as before (whole); these are the ones rendered item by item.
      if (splitBlocks(block).length !== 1 || !listBlockOf(block) || needsWholeDocument(block)) continue;
      parted += 1;
      expect(ownList(block), JSON.stringify(block)).toBe(wholeList(block));
    }
    expect(parted).toBeGreaterThan(50);
  });

  it("render the hostile corpus's lines, as list items, as the parser renders them whole", () => {
    let parted = 0;
    for (const hostile of hostileBlocks()) {
      const block = hostile
        .split("\n")
        .map((line, i) => (i % 2 ? `1. ${line}` : `2. ${line}`))
        .join("\n");
      // Footnotes and link definitions make the panel parse the reply as one document.
      if (splitBlocks(block).length !== 1 || !listBlockOf(block) || needsWholeDocument(block)) continue;
      parted += 1;
      expect(ownList(block), JSON.stringify(block)).toBe(wholeList(block));
    }
    expect(parted).toBeGreaterThan(20);
  });

  it("are only lists of one-line items with one marker, and nothing that opens another block", () => {
    expect(listBlockOf("- a\n- b")).toEqual({ ordered: false, start: 1, items: ["- a", "- b"] });
    expect(listBlockOf("3) a\n4) b")).toEqual({ ordered: true, start: 3, items: ["3) a", "4) b"] });
    for (const block of [
      "- a\n* b", // another bullet starts another list
      "1. a\n2) b",
      "- a\n  - b", // nested
      "- a\nlazy", // a lazy continuation line
      "- a\n\n- b", // loose
      "- [ ] task",
      "- - -", // a thematic break
      "- > quote",
      "- # heading",
      "-      indented code",
      "- [ref]: /t/1",
      "- a\tb",
      "paragraph",
    ]) {
      expect(listBlockOf(block), block).toBeNull();
    }
  });

  it("while streaming, leave out a next item's half-written number, and keep finished items as they are", () => {
    expect(listBlockOf("1. a\n2", true)?.items).toEqual(["1. a"]);
    expect(listBlockOf("1. a\n2")).toBeNull(); // finished, "2" continues the item: the parser decides
    const view = render(<Markdown text={"1. **first** item\n2. second"} streaming />);
    const first = view.container.querySelector("li");
    view.rerender(<Markdown text={"1. **first** item\n2. second item, **still"} streaming />);
    const items = view.container.querySelectorAll("li");
    expect(items[0]).toBe(first);
    expect(items[1]?.innerHTML).toBe("second item, <strong>still</strong>");
    view.rerender(<Markdown text={"1. **first** item\n2. second item, **still** going\n3"} streaming />);
    expect(view.container.querySelectorAll("li")).toHaveLength(2);
    view.rerender(<Markdown text={"1. **first** item\n2. second item, **still** going\n3. third"} />);
    expect(view.container.querySelectorAll("li")).toHaveLength(3);
    expect(view.container.querySelector("li")).toBe(first);
    expect(view.container.querySelector("ol")?.getAttribute("start")).toBeNull();
  });
});
