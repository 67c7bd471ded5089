import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { Markdown, TABLE_PART_ROWS } from "../../src/components/markdown";
import { tableBlockOf } from "../../src/markdown/split-blocks";
import { mulberry32 } from "../helpers/rng";

const pick = <T,>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const CELLS = [
  "span",
  "**bold**",
  "`code`",
  "`a \\| b`",
  "a \\| b",
  "_it_",
  "~~x~~",
  "<b>x</b>",
  "&amp;",
  "",
  "  ",
  "1.5",
  "*",
  "**",
];

/** A random table as models write them, with the odd cell count, escaped pipe, alignment and half-written row. */
function randomTable(rng: () => number): string {
  const columns = 1 + Math.floor(rng() * 4);
  const row = (n: number) => `| ${Array.from({ length: n }, () => pick(rng, CELLS)).join(" | ")} |`;
  const delimiter = `|${Array.from({ length: columns }, () => pick(rng, [" --- ", ":--", "--:", " :-: ", "-"])).join("|")}|`;
  const rows = Array.from({ length: Math.floor(rng() * 80) }, () => row(columns + pick(rng, [0, 0, 0, -1, 1])));
  if (rng() < 0.3) rows.push(`| ${pick(rng, CELLS)} | ha`); // cut mid-row, as a stream leaves it
  return [row(columns), delimiter, ...rows].join("\n");
}

/** The rows of the first table in `html`, each as its cells' markup. */
function tableRows(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return [...doc.querySelectorAll("table tr")].map((tr) =>
    [...tr.children].map((c) => `${c.tagName}${c.getAttribute("style") ?? ""}:${c.innerHTML}`).join(" ‖ "),
  );
}

describe("tables rendered in parts", () => {
  it("render 150 random tables with the same rows, cells and alignment as parsing each whole", () => {
    const rng = mulberry32(2026);
    let parted = 0;
    for (let i = 0; i < 150; i++) {
      const table = randomTable(rng);
      const whole = tableRows(
        renderToStaticMarkup(
          <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
            {table}
          </ReactMarkdown>,
        ),
      );
      const own = tableRows(renderToStaticMarkup(<Markdown text={table} />));
      expect(own, table).toEqual(whole);
      if (tableBlockOf(table)) parted += 1;
    }
    expect(parted).toBeGreaterThan(60);
  });

  it("keeps the finished parts of a growing table as they are", () => {
    const head = "| service | p95 ms |\n| --- | ---: |";
    const rows = Array.from({ length: TABLE_PART_ROWS * 3 }, (_, i) => `| svc-${i} | ${i} |`);
    const view = render(<Markdown text={[head, ...rows].join("\n")} streaming />);
    const firstRow = view.container.querySelector("tbody tr");
    view.rerender(<Markdown text={[head, ...rows, "| svc-new | 9"].join("\n")} streaming />);
    const trs = view.container.querySelectorAll("tbody tr");
    expect(trs).toHaveLength(TABLE_PART_ROWS * 3 + 1);
    expect(trs[0]).toBe(firstRow); // finished parts keep their elements
    expect(trs[TABLE_PART_ROWS * 3]?.textContent).toBe("svc-new9");
    // Finished, the same elements stay.
    view.rerender(<Markdown text={[head, ...rows, "| svc-new | 9 |"].join("\n")} />);
    expect(view.container.querySelector("tbody tr")).toBe(firstRow);
  });

  it("shows the first 1,000 rows of a long table until asked, then all", async () => {
    const rows = Array.from({ length: 1_030 }, (_, i) => `| r${i} | ${i} |`);
    const { container } = render(<Markdown text={`| name | n |\n|---|---|\n${rows.join("\n")}`} />);
    expect(container.querySelectorAll("tbody tr")).toHaveLength(1_000);
    await userEvent.click(screen.getByRole("button", { name: "Show all 1,030 rows" }));
    expect(container.querySelectorAll("tbody tr")).toHaveLength(1_030);
  });
});
