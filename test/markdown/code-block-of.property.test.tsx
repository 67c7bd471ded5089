// @vitest-environment node
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { codeChunks, STREAMING_CODE_CHUNK_LINES } from "../../src/components/code-block";
import { codeBlockOf, splitBlocks } from "../../src/markdown/split-blocks";
import { mulberry32 } from "../helpers/rng";

/** What the markdown parser makes of `markdown`: each code block's language class and text, and whether anything else. */
function parsed(markdown: string): { language: string | null; code: string }[] | null {
  const html = renderToStaticMarkup(<ReactMarkdown remarkPlugins={[remarkGfm]}>{markdown}</ReactMarkdown>);
  const only = /^<pre><code(?: class="language-([^"]*)")?>([\s\S]*)<\/code><\/pre>$/.exec(html.trim());
  if (!only) return null;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
  return [{ language: only[1] === undefined ? null : decode(only[1]), code: decode(only[2] ?? "") }];
}

const pick = <T,>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** A random block that starts like a code fence: fences of both kinds and lengths, odd info strings, fence-like lines. */
function randomFencedBlock(rng: () => number): string {
  const char = pick(rng, ["`", "~"]);
  const fence = char.repeat(3 + Math.floor(rng() * 3));
  const info = pick(rng, ["", "ts", "cypher", " json ", "py extra words", "a&amp;b", "c\\+\\+", "x`y", "{.class}"]);
  const lines: string[] = [];
  const n = Math.floor(rng() * 8);
  for (let i = 0; i < n; i++) {
    lines.push(
      pick(rng, [
        "MATCH (s:Span) RETURN s",
        "",
        "   ",
        "\tindented with a tab",
        "    four spaces",
        "```",
        "~~~",
        "````",
        "``` not a closing fence",
        "  ```",
        "# not a heading",
        "- not a list",
        "<script>alert(1)</script>",
        "&amp; stays as written",
      ]),
    );
  }
  const close = pick(rng, ["", fence, fence + char, "  " + fence, fence + "  ", char === "`" ? "~~~" : "```"]);
  const after = pick(rng, ["", "", "", "\ntext after the fence"]);
  return [`${fence}${info}`, ...lines, ...(close ? [close] : [])].join("\n") + (close ? after : "");
}

describe("a code block shown without the markdown parser", () => {
  it("reads 3,000 random fenced blocks as the parser does: same language, same code, and null where in doubt", () => {
    const rng = mulberry32(20261130);
    let compared = 0;
    for (let i = 0; i < 3_000; i++) {
      const block = randomFencedBlock(rng);
      const own = codeBlockOf(block);
      if (own === null) continue;
      // A block read without the parser is one whole block of the reply, and the parser sees a code block alone.
      expect(splitBlocks(block), block).toEqual([block]);
      // An open fence runs to the end of the document, as the parser reads it.
      expect(parsed(block), block).toEqual([{ language: own.language, code: own.code }]);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it("leaves text after a closing fence, and blocks that are not a fence, to the parser", () => {
    expect(codeBlockOf("```ts\nconst a = 1;\n```\nmore")).toBeNull();
    expect(codeBlockOf("text\n```ts\ncode")).toBeNull();
    expect(codeBlockOf("  ```ts\nindented fence")).toBeNull();
    expect(codeBlockOf("``")).toBeNull();
    expect(codeBlockOf("```ts\nconst a = 1;")).toEqual({ language: "ts", code: "const a = 1;\n", open: true });
    expect(codeBlockOf("```ts\nconst a = 1;\n```")).toEqual({ language: "ts", code: "const a = 1;\n", open: false });
  });

  it("cuts streaming code into parts of whole lines that join back to the code", () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const lines = Array.from({ length: Math.floor(rng() * 150) }, () => "x".repeat(Math.floor(rng() * 5)));
      const code = lines.join("\n") + (rng() < 0.5 ? "\n" : "");
      const parts = codeChunks(code);
      expect(parts.join("")).toBe(code);
      for (const part of parts.slice(0, -1)) {
        expect(part.endsWith("\n")).toBe(true);
        expect(part.split("\n").length - 1).toBe(STREAMING_CODE_CHUNK_LINES);
      }
    }
  });
});
