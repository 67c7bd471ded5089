// @vitest-environment node
import { describe, expect, it } from "vitest";
import { repairTail, splitBlocks } from "../../src/markdown/split-blocks";

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
  it("keeps tables whole", () => {
    expect(splitBlocks("| a | b |\n|---|---|\n| 1 | 2 |")).toEqual(["| a | b |\n|---|---|\n| 1 | 2 |"]);
  });
});

describe("repairTail", () => {
  it("closes an open code fence", () => {
    expect(repairTail("```ts\nconst a = 1")).toBe("```ts\nconst a = 1\n```");
    expect(repairTail("```ts\nconst a = 1\n```")).toBe("```ts\nconst a = 1\n```");
  });
  it("balances dangling bold and inline code", () => {
    expect(repairTail("the **slow")).toBe("the **slow**");
    expect(repairTail("call `elementId(")).toBe("call `elementId(`");
    expect(repairTail("**done** and `ok`")).toBe("**done** and `ok`");
  });
});
