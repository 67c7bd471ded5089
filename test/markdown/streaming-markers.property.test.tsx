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
  return `${pick(["", "", "- ", "1. ", "## ", "| "])}${line}`;
}

/** The text a reader sees: the markup's text, code spans left out (their markers are meant to show). */
function shownText(markdown: string): string {
  return renderToStaticMarkup(<Markdown text={markdown} />)
    .replace(/<code>.*?<\/code>/g, "")
    .replace(/<[^>]+>/g, "");
}

describe("a streaming paragraph, list item, heading or table row", () => {
  it("never shows a `*` or `_` of its markup, at any length it has reached", () => {
    const random = mulberry32(17);
    for (let doc = 0; doc < 300; doc++) {
      const text = sentence(random);
      expect(shownText(text), text).not.toMatch(/[*_]/);
      for (let cut = 1; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut);
        expect(shownText(repairTail(prefix)), JSON.stringify(prefix)).not.toMatch(/[*_]/);
      }
    }
  });
});
