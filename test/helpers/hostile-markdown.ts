/** Random markdown mixing nested lists, quotes, emphasis, links, tables and code fences, for property tests. */
export function hostileMarkdown(random: () => number, blocks: number): string {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const words = [
    "trace",
    "span",
    "`code`",
    "**bold**",
    "_it_",
    "~~x~~",
    "[l](https://example.com)",
    "[j](javascript:alert(1))",
    "<b>",
    "&amp;",
    "|",
    "\\",
  ];
  const inline = () => Array.from({ length: 1 + int(6) }, () => pick(words)).join(" ");
  const deep = () => 1 + int(random() < 0.2 ? 3_000 : 60);
  /** Inline runs are quadratic in the parser: deep enough to pass the tree limit, no deeper. */
  const inlineDeep = () => Math.min(deep(), 300);
  const makers: (() => string)[] = [
    () => `${"- ".repeat(deep())}${inline()}`,
    () => `${"> ".repeat(deep())}${inline()}`,
    () => `${pick(["> - ", "- > ", "1. > ", "* 1) "]).repeat(deep())}${inline()}`,
    () =>
      Array.from(
        { length: Math.min(deep(), 200) },
        (_, i) => `${"  ".repeat(i)}${pick(["-", "*", "1."])} ${inline()}`,
      ).join("\n"),
    () => `${"*a ".repeat(inlineDeep())}${inline()}${" a*".repeat(inlineDeep())}`,
    () => `${"_".repeat(inlineDeep())}${inline()}${"_".repeat(inlineDeep())}`,
    () => `${"[".repeat(inlineDeep())}${inline()}${"](https://example.com)".repeat(int(30))}`,
    () => `[^${int(9)}]: `.repeat(deep()) + inline(),
    () =>
      `| a | b |\n|---|---|\n${Array.from({ length: int(20) }, () => `| ${inline()} | ${"> - ".repeat(int(30))} |`).join("\n")}`,
    () =>
      `${pick(["```", "~~~", "    ```"])}${pick(["", "cypher", "js"])}\n${"- ".repeat(deep())}x\n${random() < 0.5 ? "```" : ""}`,
    () => `${pick(["#", "##", "######"])} ${inline()}`,
    () => `${" ".repeat(int(80))}${pick(["-", ">", "1.", "[^x]:"])} ${inline()}`,
  ];
  return Array.from({ length: blocks }, () => pick(makers)()).join(pick(["\n", "\n\n", "\n\n\n"]));
}
