import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

const parsed: string[] = [];
vi.mock("react-markdown", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-markdown")>();
  const Counting = (props: Parameters<typeof actual.default>[0]) => {
    parsed.push(String(props.children));
    return actual.default(props);
  };
  return { ...actual, default: Counting };
});
/** A simple block is read without the parser: that counts as parsing it. */
vi.mock("../../src/markdown/simple-blocks", async (importOriginal) => {
  const { countingSimpleBlocks } = await import("../helpers/counting-reads");
  return countingSimpleBlocks(await importOriginal(), (text) => {
    parsed.push(text);
  });
});

const { Markdown } = await import("../../src/components/markdown");

describe("streaming markdown", () => {
  it("re-parses only the last, growing block as text streams in, and of a list only its last item", () => {
    const head = "# Why checkout is slow\n\nThe **payments-db** span dominates.\n\n";
    const view = render(<Markdown text={`${head}- first`} streaming />);
    parsed.length = 0;
    view.rerender(<Markdown text={`${head}- first\n- sec`} streaming />);
    view.rerender(<Markdown text={`${head}- first\n- second`} streaming />);
    expect(parsed).toEqual(["- sec", "- second"]);
    expect(screen.getByText("payments-db").tagName).toBe("STRONG");
  });

  it("re-parses only the last block when the reply is finished", () => {
    const text = "# Why checkout is slow\n\nThe **payments-db** span dominates.\n\n- first\n- second";
    const view = render(<Markdown text={text} streaming />);
    parsed.length = 0;
    view.rerender(<Markdown text={text} streaming={false} />);
    expect(parsed).toEqual([]);
    view.rerender(<Markdown text={`${text}\n\nDone.`} streaming={false} />);
    expect(parsed).toEqual(["Done."]);
  });

  it("parses a reply with reference links as one document, so the links resolve", () => {
    const { container } = render(<Markdown text={"See [the runbook][rb].\n\n[rb]: https://example.com/runbook"} />);
    expect(container.querySelector("a")?.getAttribute("href")).toBe("https://example.com/runbook");
  });

  it("never shows half-written link or table markup while streaming", () => {
    const { container } = render(<Markdown text={"See [the runbook](https://exa"} streaming />);
    expect(container.textContent).toBe("See the runbook");
    const table = render(<Markdown text={"| service | p95 ms |"} streaming />);
    expect(table.container.querySelectorAll("th")).toHaveLength(2);
    // A bold marker just written opens nothing yet: no `****`, no thematic break inside the item.
    const item = render(<Markdown text={"The causes:\n\n- **"} streaming />);
    expect(item.container.querySelector("hr")).toBeNull();
    expect(item.container.textContent?.trim()).toBe("The causes:");
  });

  it("renders an unterminated code fence as code while it streams", () => {
    const { container } = render(<Markdown text={"Run:\n\n```cypher\nMATCH (s:Span)"} streaming />);
    expect(container.querySelector("pre code")?.textContent).toBe("MATCH (s:Span)\n");
  });
});

describe("markdown tables", () => {
  it("shows the first 1,000 rows of a long table until asked", async () => {
    const { default: userEvent } = await import("@testing-library/user-event");
    const rows = Array.from({ length: 1_200 }, (_, i) => `| r${i} | ${i} |`).join("\n");
    const { container } = render(<Markdown text={`| name | n |\n|---|---|\n${rows}`} />);
    expect(container.querySelectorAll("tbody tr")).toHaveLength(1_000);
    await userEvent.click(screen.getByRole("button", { name: "Show all 1,200 rows" }));
    expect(container.querySelectorAll("tbody tr")).toHaveLength(1_200);
  });
});
