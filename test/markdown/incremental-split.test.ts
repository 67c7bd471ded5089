// @vitest-environment node
import { describe, expect, it } from "vitest";
import { displayCut } from "../../src/markdown/display-cut";
import { extendSplit, splitBlocks, type BlockSplit } from "../../src/markdown/split-blocks";
import { speechText } from "../../src/markdown/speech-text";
import { mulberry32 } from "../helpers/rng";

const PIECES = [
  "# Title",
  "Para **bold** and `code`",
  "- a\n- b",
  "- loose\n\n  continued",
  "1. one\n\n2. two",
  "```ts\nconst a = 1;\n\nconst b = 2;\n```",
  "~~~\nx\n",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "> quote\n> more",
  "    indented code",
  "",
  "\n",
  "   ",
  "```",
  "text with [a link](https://example.com)",
];

/** A random markdown reply from pieces, with random blank lines between them. */
function randomReply(rng: () => number): string {
  let out = "";
  const n = 3 + Math.floor(rng() * 25);
  for (let i = 0; i < n; i++) {
    out += PIECES[Math.floor(rng() * PIECES.length)] as string;
    out += ["\n\n", "\n", "\n\n\n", ""][Math.floor(rng() * 4)] as string;
  }
  return out;
}

describe("extendSplit", () => {
  it("gives the split of the whole text after every delta, whatever the chunking (200 seeded replies)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const text = randomReply(rng);
      let split: BlockSplit | null = null;
      for (let at = 0; at < text.length;) {
        at = Math.min(text.length, at + 1 + Math.floor(rng() * 12));
        split = extendSplit(split, text.slice(0, at));
        expect(split.blocks, `seed ${seed} at ${at}`).toEqual(splitBlocks(text.slice(0, at)));
      }
    }
  });

  it("keeps finished blocks as they were and starts over when the text is replaced", () => {
    const first = extendSplit(null, "a\n\nb\n\nc");
    const grown = extendSplit(first, "a\n\nb\n\nc and more");
    expect(grown.blocks).toEqual(["a", "b", "c and more"]);
    expect(extendSplit(grown, "other\n\ntext").blocks).toEqual(["other", "text"]);
  });
});

describe("displayCut", () => {
  it("never cuts inside a block: what is shown is whole blocks of the reply (100 seeded replies)", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = mulberry32(seed);
      const blocks = Array.from(
        { length: 40 },
        () =>
          randomReply(rng)
            .replace(/\n{2,}/g, "\n")
            .trim() || "x",
      );
      const text = blocks.join("\n\n");
      const limit = 50 + Math.floor(rng() * text.length);
      const cut = displayCut(limit, 1e9)(text, true) as number;
      const whole = extendSplit(null, text);
      if (cut === limit) {
        // The one exception: no block boundary within the limit, so the first block is cut.
        expect(whole.starts[1] ?? Infinity, `seed ${seed}`).toBeGreaterThan(limit);
        continue;
      }
      expect(cut).toBeLessThanOrEqual(limit);
      const shown = splitBlocks(text.slice(0, cut));
      expect(shown, `seed ${seed}`).toEqual(whole.blocks.slice(0, shown.length));
    }
  });

  it("cuts a streaming reply before a block too long to render cheaply, looking at each character once", () => {
    const cutter = displayCut(1_000, 500);
    let text = "Intro paragraph.\n\nSecond one.\n\n";
    expect(cutter(text, false)).toBeNull();
    text += "x".repeat(400);
    expect(cutter(text, false)).toBeNull();
    text += "y".repeat(200);
    expect(cutter(text, false)).toBe("Intro paragraph.\n\nSecond one.".length);
    text += "\n\nlater";
    expect(cutter(text, false)).toBe("Intro paragraph.\n\nSecond one.".length);
  });

  it("cuts before a block that opens too many brackets to parse cheaply, however short", () => {
    const intro = "Intro paragraph.";
    const brackets = `${"[".repeat(300)}${"]".repeat(300)}`;
    const cutter = displayCut(10_000, 1e9, 250);
    expect(cutter(`${intro}\n\n${"[link](x) ".repeat(200)}`, false)).toBeNull();
    expect(displayCut(10_000, 1e9, 250)(`${intro}\n\n${brackets}\n\nafter`, false)).toBe(intro.length);
    // Streamed a character at a time, the same cut.
    const streamed = displayCut(10_000, 1e9, 250);
    const whole = `${intro}\n\n${brackets}`;
    let last: number | null = null;
    for (let n = 1; n <= whole.length; n++) last = streamed(whole.slice(0, n), false);
    expect(last).toBe(intro.length);
  });

  it("cuts a first block longer than the limit at the limit (nothing whole to show)", () => {
    expect(displayCut(100, 50)("z".repeat(1_000), false)).toBe(100);
  });
});

describe("speechText", () => {
  it("speaks a block without its markup", () => {
    expect(speechText("## 2. Slow **queries** in `payments-db`")).toBe("2. Slow queries in payments-db");
    expect(speechText("- **a**: see [span 1](https://x.example/1)\n- b")).toBe("a: see span 1 b");
    expect(speechText("| a | b |\n|---|---|\n| 1 | 2 |")).toBe("a b 1 2");
    expect(speechText("```ts\nconst a = 1;\n```")).toBe("const a = 1;");
  });
  it("is cut at a word past 600 characters", () => {
    const spoken = speechText("word ".repeat(1_000));
    expect(spoken.length).toBeLessThanOrEqual(601);
    expect(spoken.endsWith("word…")).toBe(true);
  });
});
