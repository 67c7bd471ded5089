import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { MessageView } from "../../src/components/message-view";
import { boundBrackets, boundNesting, MAX_NESTING, MAX_OPEN_BRACKETS } from "../../src/markdown/bound-nesting";
import { MAX_TREE_DEPTH } from "../../src/markdown/remark-flatten-deep";
import { domDepth } from "../helpers/dom-depth";
import { hostileMarkdown } from "../helpers/hostile-markdown";
import { mulberry32 } from "../helpers/rng";

/** Below `.tracy-md`: a list level is two elements (ul > li), plus the paragraph and inline markup. */
const CONTAINER_DOM_LIMIT = 2 * MAX_NESTING + 4;
const TREE_DOM_LIMIT = MAX_TREE_DEPTH + 4;

function renderMarkdown(text: string, streaming = false) {
  const { container } = render(<Markdown text={text} streaming={streaming} />);
  const root = container.querySelector(".tracy-md") as Element;
  return { root, depth: domDepth(root), lists: root.querySelectorAll("li").length };
}

const indented = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");

describe("markdown nesting is bounded", () => {
  it.each([50, 1_000, 2_000, 10_000])("%i nested list items on one line render, capped", (levels) => {
    const { root, depth, lists } = renderMarkdown(`${"- ".repeat(levels)}deep`);
    expect(lists).toBe(MAX_NESTING);
    expect(depth).toBeLessThanOrEqual(CONTAINER_DOM_LIMIT);
    expect(root.textContent).toContain("deep"); // the rest is text, not lost
  });

  it.each([50, 1_000, 2_000, 10_000])("%i nested quotes render, capped", (levels) => {
    const { root, depth } = renderMarkdown(`${"> ".repeat(levels)}deep`);
    expect(root.querySelectorAll("blockquote")).toHaveLength(MAX_NESTING);
    expect(depth).toBeLessThanOrEqual(CONTAINER_DOM_LIMIT);
    expect(root.textContent).toContain("deep");
  });

  it.each([50, 200])("a list nested %i levels by indentation renders, capped", (levels) => {
    const { root, depth } = renderMarkdown(indented(levels));
    expect(depth).toBeLessThanOrEqual(CONTAINER_DOM_LIMIT);
    expect(root.textContent).toContain(`level ${levels - 1}`);
  });

  it.each([1_000, 2_000, 10_000])("a reply nested %i levels by indentation renders in a message, capped", (levels) => {
    const { container } = render(
      <MessageView
        message={{ kind: "message", id: "m", role: "agent", text: indented(levels), content: [], streaming: false }}
      />,
    );
    expect(domDepth(container.querySelector(".tracy-md") as Element)).toBeLessThanOrEqual(CONTAINER_DOM_LIMIT);
  });

  it("mixed quote and list markers, footnote definitions and inline emphasis are capped too", () => {
    for (const text of [
      `${"> - ".repeat(2_000)}deep`,
      `${"1. ".repeat(2_000)}deep`,
      `${"*a ".repeat(300)}deep${" a*".repeat(300)}`,
      `${"_".repeat(300)}deep${"_".repeat(300)}`,
    ]) {
      const { root, depth } = renderMarkdown(text);
      expect(depth, text.slice(0, 12)).toBeLessThanOrEqual(TREE_DOM_LIMIT);
      expect(root.textContent, text.slice(0, 12)).toContain("deep");
    }
    // Footnote definitions nested in one another are not shown (only referenced ones are): bounded all the same.
    expect(renderMarkdown(`Cited[^a].\n\n${"[^a]: ".repeat(2_000)}deep`).depth).toBeLessThanOrEqual(TREE_DOM_LIMIT);
  });

  it("leaves ordinary nesting alone", () => {
    const text = "- a\n  - b\n    > quoted\n    > - c\n\n1. one\n   1. two\n\n```\n        - indented code\n```";
    expect(boundNesting(text)).toBe(text);
    const { root } = renderMarkdown(text);
    expect(root.querySelectorAll("li")).toHaveLength(5);
    expect(root.querySelector("blockquote li")?.textContent).toBe("c");
  });

  it("escapes exactly the markers past the limit", () => {
    expect(boundNesting("- ".repeat(MAX_NESTING + 2) + "x")).toBe(`${"- ".repeat(MAX_NESTING)}\\- - x`);
    expect(boundNesting(`${">".repeat(MAX_NESTING + 1)} x`)).toBe(`${">".repeat(MAX_NESTING)}\\> x`);
    expect(boundNesting(`${"1. ".repeat(MAX_NESTING + 1)}x`)).toBe(`${"1. ".repeat(MAX_NESTING)}1\\. x`);
    // Indentation counts: each list level continued by indentation takes at least two columns.
    expect(boundNesting(`${" ".repeat(2 * MAX_NESTING)}- x`)).toBe(`${" ".repeat(2 * MAX_NESTING)}\\- x`);
  });

  // One case per seed: each gets the whole test timeout, however busy the machine is.
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    "generated hostile markdown renders without throwing, with bounded depth (seed %i)",
    (seed) => {
      const text = hostileMarkdown(mulberry32(seed), 12);
      for (const streaming of [false, true]) {
        const { root, depth } = renderMarkdown(text, streaming);
        expect(depth, `seed ${seed}`).toBeLessThanOrEqual(TREE_DOM_LIMIT);
        expect(root.querySelector('a[href^="javascript"]'), `seed ${seed}`).toBeNull();
      }
    },
  );

  it("shows a block's brackets as text once more than MAX_OPEN_BRACKETS are open at once, and only then", () => {
    const open = (n: number) => `${"[".repeat(n)}a${"]".repeat(n)}(/docs/x)`;
    // At the limit, the parser still sees brackets: the innermost pair is a link.
    const { root: kept } = renderMarkdown(open(MAX_OPEN_BRACKETS));
    expect(kept.querySelectorAll('a[href="/docs/x"]')).toHaveLength(1);
    // One more, and every bracket is text (the parser's link matching is quadratic in open brackets).
    const { root: bounded } = renderMarkdown(open(MAX_OPEN_BRACKETS + 1));
    expect(bounded.querySelector("a")).toBeNull();
    expect(bounded.textContent).toBe(
      `${"[".repeat(MAX_OPEN_BRACKETS + 1)}a${"]".repeat(MAX_OPEN_BRACKETS + 1)}(/docs/x)`,
    );
    // Closed brackets do not add up, however many: replies with many links are untouched.
    const links = "[a](https://example.com) ".repeat(5 * MAX_OPEN_BRACKETS);
    expect(boundBrackets(links)).toBe(links);
    expect(boundBrackets(`${"[".repeat(MAX_OPEN_BRACKETS)} ] [`)).toBe(`${"[".repeat(MAX_OPEN_BRACKETS)} ] [`);
    expect(boundBrackets("[".repeat(MAX_OPEN_BRACKETS + 1))).toBe("\\[".repeat(MAX_OPEN_BRACKETS + 1));
  });
});
