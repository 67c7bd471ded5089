import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { repairTail } from "../../src/markdown/split-blocks";
import { mulberry32 } from "../helpers/rng";

/** Words and inline spans as models write them; no code span or link holds a `*` or `_`. */
function sentence(random: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const words = ["the", "pool", "p95", "checkout-api", "waits", "on", "payments", "é", "日本", "42", "x2"];
  const phrase = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words)).join(" ");
  const spans = [
    () => phrase(),
    () => `**${phrase()}**`,
    () => `*${phrase()}*`,
    () => `_${phrase()}_`,
    () => `**${phrase()} *${phrase()}* ${phrase()}**`,
    () => `*${phrase()} **${phrase()}***`,
    () => `\`${pick(["elementId(v)", "v.id", "a b"])}\``,
    () => `[${phrase()}](https://clawtrace.example/t/${Math.floor(random() * 99)})`,
    () => `(${pick(["**", "*", "_"]).replace(/^(.+)$/, (m) => `${m}${phrase()}${m}`)})`,
    () => `${phrase()}.`,
  ];
  const line = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(spans)()).join(" ");
  const shape = pick(["paragraph", "paragraph", "item", "numbered", "heading", "table"] as const);
  if (shape === "table") return `| ${line} |\n| --- |\n| ${phrase()} |`;
  return `${{ paragraph: "", item: "- ", numbered: "1. ", heading: "## " }[shape]}${line}`;
}

/** The text a reader sees: the markup's text, code spans left out (their markers are meant to show). */
function shownText(markdown: string): string {
  return renderToStaticMarkup(<Markdown text={markdown} />)
    .replace(/<code>.*?<\/code>/g, "")
    .replace(/<[^>]+>/g, "");
}

describe("a streaming paragraph, list item, heading or table row", () => {
  it("never shows a `*` or `_` of its markup, and shows the start of what it will show, at any length it has reached", () => {
    const random = mulberry32(17);
    // Lines that broke earlier versions, then random ones (every prefix is rendered twice: about 1 ms each).
    const found = [
      "**é payments payments *waits the* on** x2",
      "**pool the** [payments](https://clawtrace.example/t/1) on",
      "| *日本 on* [é](https://clawtrace.example/t/2) |\n| --- |\n| pool |",
      "1. **p95 *waits*** 42",
    ];
    for (const text of [...found, ...Array.from({ length: 30 }, () => sentence(random))]) {
      const final = shownText(text);
      expect(final, text).not.toMatch(/[*_]/);
      for (let cut = 1; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut);
        const shown = shownText(repairTail(prefix));
        expect(shown, JSON.stringify(prefix)).not.toMatch(/[*_]/);
        // Nothing shown that the finished line will not show, in the same place (a code span's text aside).
        if (!prefix.includes("`")) expect(final.startsWith(shown.trimEnd()), JSON.stringify(prefix)).toBe(true);
      }
    }
  });
});
