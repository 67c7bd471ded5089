// @vitest-environment node
import { describe, expect, it } from "vitest";
import { needsWholeDocument, repairTail, splitBlocks } from "../../src/markdown/split-blocks";
import { mulberry32 } from "../helpers/rng";

describe("splitBlocks", () => {
  it("splits at blank lines", () => {
    expect(splitBlocks("# Title\n\nPara one\nstill one\n\n- a\n- b")).toEqual([
      "# Title",
      "Para one\nstill one",
      "- a\n- b",
    ]);
  });
  it("never splits inside a fenced code block, even with blank lines", () => {
    const md = "Intro\n\n```cypher\nMATCH (n)\n\nRETURN n\n```\n\nAfter";
    expect(splitBlocks(md)).toEqual(["Intro", "```cypher\nMATCH (n)\n\nRETURN n\n```", "After"]);
  });
  it("keeps an unterminated fence open to the end", () => {
    expect(splitBlocks("a\n\n~~~\ncode\n\nmore")).toEqual(["a", "~~~\ncode\n\nmore"]);
  });
  it("keeps a loose list and its indented paragraphs in one block", () => {
    const md = "Steps:\n\n1. Scope by tenant\n\n    Always.\n\n2. Use elementId\n\n- other list";
    expect(splitBlocks(md)).toEqual([
      "Steps:",
      "1. Scope by tenant\n\n    Always.\n\n2. Use elementId\n\n- other list",
    ]);
    expect(splitBlocks("- a\n\nafter")).toEqual(["- a", "after"]);
  });
  it("joins back to equivalent markdown", () => {
    const md = "# T\n\n\n\npara\n\n- a\n\n  more\n\n```\nx\n\ny\n```\n\nend";
    expect(splitBlocks(md).join("\n\n")).toBe("# T\n\npara\n\n- a\n\n  more\n\n```\nx\n\ny\n```\n\nend");
  });
  it("detects text that must be parsed whole", () => {
    expect(needsWholeDocument("See [the docs][1].\n\n[1]: https://example.com")).toBe(true);
    expect(needsWholeDocument("A claim[^1].\n\n[^1]: Source.")).toBe(true);
    expect(needsWholeDocument("An [inline](https://example.com) link and a [bracket] word.")).toBe(false);
  });
  it("keeps tables whole", () => {
    expect(splitBlocks("| a | b |\n|---|---|\n| 1 | 2 |")).toEqual(["| a | b |\n|---|---|\n| 1 | 2 |"]);
  });
});

describe("repairTail", () => {
  it("closes an open code fence", () => {
    expect(repairTail("```ts\nconst a = 1")).toBe("```ts\nconst a = 1\n```");
    expect(repairTail("```ts\nconst a = 1\n```")).toBe("```ts\nconst a = 1\n```");
    expect(repairTail("- run:\n\n  ```cypher\n  MATCH (n)")).toBe("- run:\n\n  ```cypher\n  MATCH (n)\n  ```");
  });
  it("shows a half-written link or image as its text", () => {
    expect(repairTail("see the [runbook](https://example.com/ru")).toBe("see the runbook");
    expect(repairTail("see the [runb")).toBe("see the runb");
    expect(repairTail("chart: ![p95 lat")).toBe("chart: p95 lat");
    expect(repairTail("see the [runbook]")).toBe("see the runbook");
    expect(repairTail("- [x]")).toBe("- [x]");
    expect(repairTail("see the [runbook](https://example.com/runbook)")).toBe(
      "see the [runbook](https://example.com/runbook)",
    );
  });
  it("renders a table as a table before its delimiter row arrives", () => {
    expect(repairTail("| service | p95 ms |")).toBe("| service | p95 ms |\n| --- | --- |");
    expect(repairTail("| service | p95 ms |\n|---|-")).toBe("| service | p95 ms |\n| --- | --- |");
    expect(repairTail("| a | b |\n|---|---|\n| 1 |")).toBe("| a | b |\n|---|---|\n| 1 |");
    expect(repairTail("plain | text")).toBe("plain | text");
  });
  it("balances dangling bold and inline code", () => {
    expect(repairTail("the **slow")).toBe("the **slow**");
    expect(repairTail("call `elementId(")).toBe("call `elementId(`");
    expect(repairTail("**done** and `ok`")).toBe("**done** and `ok`");
  });
  it("leaves out a bold marker or backtick that opens nothing yet, instead of showing it closed and empty", () => {
    expect(repairTail("the pool **")).toBe("the pool ");
    expect(repairTail("- **")).toBe("- "); // closed, "- ****" is a list item holding a thematic break
    expect(repairTail("**")).toBe("");
    expect(repairTail("call `")).toBe("call ");
    expect(repairTail("**done** and `ok` then `")).toBe("**done** and `ok` then ");
    expect(repairTail("the **slow")).toBe("the **slow**");
  });
  it("closes a half-written closing `**`, and closes before the spaces the text ends with", () => {
    expect(repairTail("the **slow*")).toBe("the **slow**");
    expect(repairTail("the **slow pool ")).toBe("the **slow pool** ");
    expect(repairTail("**a *b*")).toBe("**a *b***");
  });
  it("balances an emphasis opened with one `*` or `_`, and leaves out one that opens nothing yet", () => {
    expect(repairTail("the *slow")).toBe("the *slow*");
    expect(repairTail("the _slow pool ")).toBe("the _slow pool_ ");
    expect(repairTail("(*slow")).toBe("(*slow*");
    expect(repairTail("the *")).toBe("the ");
    expect(repairTail("the _")).toBe("the ");
    expect(repairTail("the pool\n*")).toBe("the pool\n");
    expect(repairTail("*done* and _ok_")).toBe("*done* and _ok_");
    expect(repairTail("**bold *em")).toBe("**bold *em***");
  });
  it("leaves out a last line of digits alone, which may be an ordered list's marker", () => {
    expect(repairTail("1")).toBe("");
    expect(repairTail("1. first\n2")).toBe("1. first");
    expect(repairTail("1. first\n2.")).toBe("1. first\n2.");
    expect(repairTail("p95 is 42")).toBe("p95 is 42");
  });
  it("repairs a link being written as these three patterns say, on random bracket soup (read back from the end)", () => {
    const byPatterns = (text: string) =>
      text
        .replace(/!?\[([^\]\n]*)\]\([^)\s]*$/, "$1")
        .replace(/!?\[(?![ xX]\]$)([^\]\n]+)\]$/, "$1")
        .replace(/!?\[([^\]\n]*)$/, "$1");
    const random = mulberry32(5);
    const alphabet = ["[", "]", "(", ")", "!", "a", "x", " ", "\n", "h"];
    for (let n = 0; n < 5_000; n++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * 10)]).join(
        "",
      );
      expect(repairTail(text), JSON.stringify(text)).toBe(byPatterns(text));
    }
    // The hostile corpus's shapes, smaller (the patterns take time in the square of their length).
    for (const soup of [
      `${"[".repeat(5_000)}a${"]".repeat(5_000)}(https://x.y/${"[a](".repeat(1_000)}`,
      `${"[".repeat(5_000)}a`,
      `${"[a](".repeat(2_000)}x`,
      `${"[a]".repeat(2_000)}`,
    ])
      expect(repairTail(soup)).toBe(byPatterns(soup));
  });
  it("leaves text with many open markers (hostile, not prose) as it is", () => {
    const hostile = `${"*a **a ".repeat(10_000)}x`;
    expect(repairTail(hostile)).toBe(hostile);
    expect(repairTail("*a *b *c x")).toBe("*a *b *c x***");
  });
  it("opens no emphasis inside words, numbers, code spans or after an escape", () => {
    expect(repairTail("2*3")).toBe("2*3");
    expect(repairTail("snake_case and more_words")).toBe("snake_case and more_words");
    expect(repairTail("call `a *b` now")).toBe("call `a *b` now");
    expect(repairTail("call `a *b")).toBe("call `a *b`");
    expect(repairTail("a \\*b")).toBe("a \\*b");
    expect(repairTail("- item")).toBe("- item");
    expect(repairTail("* item")).toBe("* item");
  });
});
