import { describe, expect, it } from "vitest";
import { displayCut } from "../../src/markdown/display-cut";
import { mulberry32 } from "../helpers/rng";

const table = (rows: number, width = 40) =>
  ["| # | span |", "|---|---|", ...Array.from({ length: rows }, (_, i) => `| ${i} | ${"s".repeat(width)} |`)].join("\n");

describe("where a long reply is cut for display", () => {
  it("short text is not cut", () => {
    expect(displayCut("hello", 100)).toBe(5);
  });

  it("a table the limit falls in is kept whole when it ends within the table limit", () => {
    const text = `intro\n\n${table(500)}\n\nthat is every span`;
    const cut = displayCut(text, 20_000);
    expect(text.slice(0, cut).trimEnd().endsWith(`| 499 | ${"s".repeat(40)} |`)).toBe(true);
    expect(text.slice(cut)).toBe("\nthat is every span");
  });

  it("a table too long to show whole is left for Show full message, cut before it", () => {
    const text = `intro\n\n${table(5_000)}\n\nend`;
    expect(text.slice(0, displayCut(text, 20_000))).toBe("intro\n\n");
  });

  it("a reply that is one huge table is cut at a row boundary", () => {
    const text = table(5_000);
    const cut = displayCut(text, 20_000);
    expect(cut).toBeLessThanOrEqual(20_000);
    expect(text[cut - 1]).toBe("\n");
  });

  it("prose is cut at the start of the line the limit falls in; one long line at the limit", () => {
    const prose = Array.from({ length: 2_000 }, (_, i) => `line ${i} of prose`).join("\n");
    const cut = displayCut(prose, 20_000);
    expect(cut).toBeLessThanOrEqual(20_000);
    expect(prose[cut - 1]).toBe("\n");
    expect(displayCut("x".repeat(50_000), 20_000)).toBe(20_000);
  });

  it("any text: the cut is within the text, and past the limit only to finish a table (2,000 generated replies)", () => {
    const random = mulberry32(11);
    const pieces = ["| a | b |\n", "|---|---|\n", "text line\n", "\n", "x".repeat(500), "```\n", "  | indented |\n"];
    for (let i = 0; i < 2_000; i++) {
      let text = "";
      const n = Math.floor(random() * 400);
      for (let j = 0; j < n; j++) text += pieces[Math.floor(random() * pieces.length)];
      const limit = 1 + Math.floor(random() * 2_000);
      const cut = displayCut(text, limit, limit * 5);
      if (text.length > 0) expect(cut).toBeGreaterThan(0);
      expect(cut).toBeLessThanOrEqual(Math.max(text.length, 1));
      if (text.length > limit) expect(cut).toBeLessThanOrEqual(limit * 5 + 600);
    }
  });
});
