import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { preloadHighlighter, STREAMING_CODE_CHUNK_LINES } from "../../src/components/code-block";
import { compactRuns, highlightCode, PLAIN_CODE_CLASS, tokensFrom } from "../../src/components/code-highlight";
import type { CodeToken } from "../../src/components/code-language";
import { Markdown } from "../../src/components/markdown";
import { en } from "../helpers/labels";
import { mulberry32 } from "../helpers/rng";

const fence = (language: string, code: string) => "```" + language + "\n" + code + "\n```";

/** One sample per language, and a token each must colour (text, class). */
const SAMPLES: ReadonlyArray<[language: string, code: string, token: string, kind: string]> = [
  ["sql", "SELECT id, duration_ms FROM spans WHERE service = 'payments-db' LIMIT 10;", "SELECT", "tracy-hl-kw"],
  ["cypher", "MATCH (s:Span {tenant_id: $tenant}) RETURN s.name LIMIT 5", "MATCH", "tracy-hl-kw"],
  ["json", '{"trace_id": "4bf92f3577b34da6", "spans": 42, "ok": true}', '"4bf92f3577b34da6"', "tracy-hl-str"],
  ["yaml", "service: payments-db\nreplicas: 3\n# scale up", "# scale up", "tracy-hl-comment"],
  ["bash", 'if [ -z "$NS" ]; then echo "restart $NS"; fi # now', "# now", "tracy-hl-comment"],
  ["python", "def slowest(spans):\n    return max(spans, key=lambda s: s.duration)", "def", "tracy-hl-kw"],
  ["ts", "const limit: number = 42;\nexport function top(n = limit) { return n; }", "const", "tracy-hl-kw"],
  ["go", 'package main\n\nfunc main() { fmt.Println("hi") }', "package", "tracy-hl-kw"],
  ["java", 'public class Checkout { String id = "x"; }', "public", "tracy-hl-kw"],
];

/** The colour class each character of `root`'s text is shown in: its nearest token class, null for the block's own. */
function shownClasses(root: Element): (string | null)[] {
  const out: (string | null)[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const token = node.parentElement?.closest("[class^='tracy-hl-']");
    const className = token && root.contains(token) && token.className !== PLAIN_CODE_CLASS ? token.className : null;
    for (const _ of node.textContent ?? "") out.push(className);
  }
  return out;
}

/** The class of each character of `tokens`' text, with whitespace (which shows no colour) as null. */
function tokenClasses(tokens: readonly CodeToken[]): (string | null)[] {
  return tokens.flatMap((t) => [...t.text].map((c) => (/\s/.test(c) ? null : t.className)));
}

/** The same, for what `root` shows. */
function shownNonBlankClasses(root: Element): (string | null)[] {
  const text = root.textContent ?? "";
  return shownClasses(root).map((c, i) => (/\s/.test(text[i] ?? "") ? null : c));
}

async function highlighted(container: HTMLElement): Promise<HTMLElement> {
  return vi.waitFor(() => {
    const code = container.querySelector<HTMLElement>("code[data-highlighted]");
    if (!code) throw new Error("not highlighted yet");
    return code;
  });
}

describe("code blocks in replies", () => {
  it.each(SAMPLES)("colours %s with token spans, and keeps its text exact", async (language, code, token, kind) => {
    const { container } = render(<Markdown text={fence(language, code)} />);
    const block = await highlighted(container);
    expect(block.textContent).toBe(`${code}\n`);
    const spans = [...block.querySelectorAll("span")];
    expect(spans.length).toBeGreaterThan(1);
    for (const span of spans)
      expect(span.className).toMatch(/^tracy-hl-(kw|fn|str|num|param|label|comment|punct|plain)$/);
    // Every character in the colour the highlighter gave it, whatever runs and wrapper show it.
    expect(shownNonBlankClasses(block)).toEqual(tokenClasses(highlightCode(language, `${code}\n`) ?? []));
    const at = code.indexOf(token);
    expect(new Set(shownClasses(block).slice(at, at + token.length))).toEqual(new Set([kind]));
    // Class names only: nothing is styled inline.
    expect(container.querySelector("[style]")).toBeNull();
  });

  it.each([["rust"], ["brainfuck"], ["constructor"], ["__proto__"], [""]])(
    "leaves a block in %j plain, and loads nothing for it",
    async (language) => {
      const { container } = render(<Markdown text={fence(language, "fn main() { let x = 1; }")} />);
      await act(() => preloadHighlighter()); // even with the chunk in, an unknown language stays plain
      const code = container.querySelector("pre code");
      expect(code?.textContent).toBe("fn main() { let x = 1; }\n");
      expect(code?.querySelectorAll("*")).toHaveLength(0);
      expect(code).not.toHaveAttribute("data-highlighted");
      expect(screen.getByRole("region", { name: en.codeRegion(language || null) })).toBeInTheDocument();
    },
  );

  it("never turns hostile code into HTML", async () => {
    const hostile = [
      '<img src="http://attacker.invalid/x.png" onerror="alert(1)">',
      "</code></pre><script>window.__pwned = 1</script>",
      '"><svg onload=alert(1)><a href="javascript:alert(1)">x</a>',
      "const s = `${'<iframe srcdoc=x>'}`; // <style>*{}</style>",
    ].join("\n");
    for (const language of ["html", "ts", "json", "sql", "cypher", "bash", "yaml"]) {
      const { container, unmount } = render(<Markdown text={fence(language, hostile)} />);
      if (language !== "html") await highlighted(container);
      expect(container.querySelector("img, script, svg, iframe, style, a")).toBeNull();
      expect(container.querySelector("pre code")?.textContent).toBe(`${hostile}\n`);
      for (const el of container.querySelectorAll("*")) {
        for (const attr of el.attributes) expect(attr.name).not.toMatch(/^on|^style$|^href$|^src$/);
      }
      unmount();
    }
  });

  it("keeps the same <pre> and <code> while a block streams, plain at first and coloured once the chunk is in", async () => {
    const lines = [
      "MATCH (s:Span {tenant_id: $tenant})",
      "WHERE s.duration_ms > 500",
      "RETURN s.name",
      "ORDER BY s.duration_ms DESC",
    ];
    const intro = "The query:\n\n";
    const view = render(<Markdown text={`${intro}\`\`\`cypher\n${lines[0]}`} streaming />);
    const pre = view.container.querySelector("pre");
    const code = view.container.querySelector("pre code");
    expect(code?.textContent?.trimEnd()).toBe(lines[0]);
    for (let i = 2; i <= lines.length; i++) {
      view.rerender(<Markdown text={`${intro}\`\`\`cypher\n${lines.slice(0, i).join("\n")}`} streaming />);
      expect(view.container.querySelector("pre")).toBe(pre);
      expect(view.container.querySelector("pre code")).toBe(code);
    }
    expect(await highlighted(view.container)).toBe(code);
    view.rerender(<Markdown text={`${intro}\`\`\`cypher\n${lines.join("\n")}\nLIMIT 5\n\`\`\``} />);
    expect(view.container.querySelector("pre code")).toBe(code);
    expect(code).toHaveAttribute("data-highlighted");
    const text = code?.textContent ?? "";
    expect(shownClasses(code as HTMLElement)[text.indexOf("LIMIT")]).toBe("tracy-hl-kw");
  });

  it("keeps a streamed block's parts when it ends, each coloured after the part before it", async () => {
    await preloadHighlighter();
    // A block comment opens near the end of the first part and closes in the second.
    const lines = Array.from({ length: STREAMING_CODE_CHUNK_LINES - 2 }, (_, i) => `const v${i} = ${i};`);
    lines.push("/* the retry budget", "   spans two parts:", "   const notCode = 1;", "*/", "export const after = 2;");
    const intro = "The fix:\n\n```ts\n";
    const view = render(<Markdown text={`${intro}${lines.slice(0, -1).join("\n")}\n`} streaming />);
    const parts = [...view.container.querySelectorAll(".tracy-md-code-part")];
    expect(parts).toHaveLength(2);
    view.rerender(<Markdown text={`${intro}${lines.join("\n")}\n\`\`\`\n\nDone.`} />);
    // The closing fence changes no part that was shown: the same elements, not a block highlighted anew.
    expect([...view.container.querySelectorAll(".tracy-md-code-part")]).toEqual(parts);
    const code = view.container.querySelector("pre code") as HTMLElement;
    expect(code.textContent).toBe(`${lines.join("\n")}\n`);
    // Inside the comment, in the second part: coloured as comment, not as code.
    const second = parts[1] as HTMLElement;
    expect(second.textContent).toContain("const notCode = 1;");
    expect([...second.querySelectorAll(".tracy-hl-comment")].map((c) => c.textContent).join("")).toContain(
      "const notCode",
    );
    expect(shownClasses(second)[(second.textContent ?? "").indexOf("export")]).toBe("tracy-hl-kw");
  });

  it("cuts highlighted tokens at any character and keeps the text and the colours (seeded)", () => {
    const random = mulberry32(23);
    for (let run = 0; run < 300; run++) {
      const tokens = Array.from({ length: Math.floor(random() * 12) }, () => ({
        className: random() < 0.5 ? null : `tracy-hl-${Math.floor(random() * 3)}`,
        text: "abcdef\n".slice(0, 1 + Math.floor(random() * 6)),
      }));
      const text = tokens.map((t) => t.text).join("");
      const classAt = tokens.flatMap((t) => [...t.text].map(() => t.className));
      const start = Math.floor(random() * (text.length + 1));
      const cut = tokensFrom(tokens, start);
      expect(cut.map((t) => t.text).join("")).toBe(text.slice(start));
      expect(cut.flatMap((t) => [...t.text].map(() => t.className))).toEqual(classAt.slice(start));
      expect(cut.every((t) => t.text.length > 0)).toBe(true);
    }
  });

  it("colours a block at once when the chunk is already in", async () => {
    await preloadHighlighter();
    const { container } = render(<Markdown text={fence("sql", "SELECT 1")} />);
    expect(container.querySelector("code[data-highlighted]")).not.toBeNull();
  });

  it("copies the code exactly as shown", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    const code = 'SELECT "a<b>" FROM t; -- ✓';
    const { container } = render(<Markdown text={fence("sql", code)} />);
    await highlighted(container);
    await user.click(screen.getByRole("button", { name: en.copyCode }));
    expect(writeText).toHaveBeenCalledWith(`${code}\n`);
  });
});

describe("compactRuns", () => {
  const shown = (base: string | null, runs: readonly CodeToken[]) =>
    runs.map((r) => ({
      className: r.className === null ? base : r.className === PLAIN_CODE_CLASS ? null : r.className,
      text: r.text,
    }));
  const elements = (base: string | null, runs: readonly CodeToken[]) =>
    runs.filter((r) => r.className !== null).length + (base === null ? 0 : 1);

  it("shows a JSON row's punctuation from one wrapper: one element per key and value", () => {
    const tokens = highlightCode("json", '{ "span_id": "0723e006", "duration_ms": 3012 },\n');
    const { base, runs } = compactRuns(tokens ?? []);
    expect(base).toBe("tracy-hl-punct");
    expect(runs.filter((r) => r.className !== null).map((r) => [r.className, r.text.trim()])).toEqual([
      ["tracy-hl-label", '"span_id"'],
      ["tracy-hl-str", '"0723e006"'],
      ["tracy-hl-label", '"duration_ms"'],
      ["tracy-hl-num", "3012"],
    ]);
  });

  it("keeps the text and every visible colour, in as few elements as the runs allow (seeded)", () => {
    const random = mulberry32(41);
    const classes = [null, "tracy-hl-kw", "tracy-hl-punct", "tracy-hl-str"];
    const texts = [" ", "\n", "  \n\t", "a", "{", "bc", "x y", "\n}"];
    for (let run = 0; run < 2_000; run++) {
      const tokens = Array.from({ length: Math.floor(random() * 14) }, () => ({
        className: classes[Math.floor(random() * classes.length)] ?? null,
        text: random() < 0.05 ? "" : (texts[Math.floor(random() * texts.length)] ?? ""),
      }));
      const { base, runs } = compactRuns(tokens);
      const back = shown(base, runs);
      expect(back.map((r) => r.text).join("")).toBe(tokens.map((t) => t.text).join(""));
      expect(tokenClasses(back)).toEqual(tokenClasses(tokens));
      // No empty run, no blank run beside another, no two neighbours of one class: each run needs its element.
      expect(runs.every((r) => r.text !== "")).toBe(true);
      if (runs.length > 1) expect(runs.some((r) => /^\s*$/.test(r.text))).toBe(false);
      for (let i = 1; i < back.length; i++) expect(back[i]?.className).not.toBe(back[i - 1]?.className);
      // The wrapper's class is the one that leaves the fewest elements (the block's own colour on a tie).
      const counts = new Map<string | null, number>();
      for (const r of back) counts.set(r.className, (counts.get(r.className) ?? 0) + 1);
      const best = Math.min(
        ...[...counts.keys(), null].map((c) => back.length - (counts.get(c) ?? 0) + (c === null ? 0 : 1)),
      );
      expect(elements(base, runs)).toBe(best);
      if (base !== null) expect(elements(null, back)).toBeGreaterThan(best);
    }
  });
});

describe("highlightCode", () => {
  it("returns null for languages it does not colour", () => {
    expect(highlightCode("rust", "fn main() {}")).toBeNull();
    expect(highlightCode(null, "x")).toBeNull();
    expect(highlightCode("hasOwnProperty", "x")).toBeNull();
  });

  it("gives back exactly its input, for random and hostile text in every language (seeded)", () => {
    const rng = mulberry32(0xc0de);
    const alphabet = [
      "'",
      '"',
      "`",
      "\\",
      "/*",
      "*/",
      "//",
      "#",
      "--",
      "\n",
      " ",
      "{",
      "}",
      "${",
      "<",
      ">",
      "&",
      "$x",
      "0x1f",
      "é",
      "\u202e",
      "\u0000",
      "match",
      "def",
      "SELECT",
    ];
    for (let run = 0; run < 300; run++) {
      let text = "";
      const length = Math.floor(rng() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(rng() * alphabet.length)];
      for (const language of ["sql", "cypher", "json", "yaml", "sh", "python", "ts", "go", "java"]) {
        const tokens = highlightCode(language, text);
        expect(tokens?.map((t) => t.text).join("")).toBe(text);
      }
    }
  });
});
