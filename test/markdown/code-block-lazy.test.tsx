import { act, render } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

type MarkdownModule = typeof import("../../src/components/markdown");

function gate() {
  let open = () => {};
  let fail = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error("chunk failed to load"));
  });
  return { opened, open, fail };
}

let chunk = gate();
let loads = 0;
let Markdown: MarkdownModule["Markdown"];

// Fresh modules per test: the highlighter's chunk is not in until the test opens its gate.
beforeEach(async () => {
  const own = gate();
  chunk = own;
  loads = 0;
  vi.resetModules();
  vi.doMock("../../src/components/code-highlight", async (importOriginal) => {
    loads += 1;
    await own.opened;
    return importOriginal();
  });
  ({ Markdown } = await import("../../src/components/markdown"));
});

const LINES = [
  "MATCH (s:Span {tenant_id: $tenant})",
  "WHERE s.duration_ms > 500",
  "RETURN s.name",
  "ORDER BY s.duration_ms DESC",
];
const streamed = (n: number) => "The query:\n\n```cypher\n" + LINES.slice(0, n).join("\n");

describe("code blocks while the highlighter loads", () => {
  it("stream plain in one <pre>/<code>, colour in place when the chunk arrives, and never remount", async () => {
    const view = render(<Markdown text={streamed(1)} streaming />);
    const pre = view.container.querySelector("pre");
    const code = view.container.querySelector("pre code") as HTMLElement;
    expect(code.querySelector("span:not(.tracy-md-code-part)")).toBeNull();
    view.rerender(<Markdown text={streamed(2)} streaming />);
    expect(view.container.querySelector("pre code")).toBe(code);
    expect(code.querySelector("span:not(.tracy-md-code-part)")).toBeNull(); // still loading: plain text, same element

    await act(async () => chunk.open());
    await vi.waitFor(() => expect(code).toHaveAttribute("data-highlighted"));
    expect(view.container.querySelector("pre")).toBe(pre);
    expect(code.querySelector(".tracy-hl-kw")?.textContent?.trim()).toBe("MATCH");

    for (let n = 3; n <= LINES.length; n++) {
      view.rerender(<Markdown text={streamed(n)} streaming />);
      expect(view.container.querySelector("pre code")).toBe(code);
      expect(code).toHaveAttribute("data-highlighted"); // once in, it stays: no plain frame between tokens
    }
    view.rerender(<Markdown text={`${streamed(LINES.length)}\n\`\`\`\n\nDone.`} />);
    expect(view.container.querySelector("pre code")).toBe(code);
    expect(code.textContent).toBe(`${LINES.join("\n")}\n`);
    expect(loads).toBe(1);
  });

  it("load the chunk once for many blocks, and not at all for plain ones", async () => {
    const plain = render(<Markdown text={"```\nplain\n```\n\n```rust\nfn main() {}\n```"} />);
    await act(async () => {});
    expect(loads).toBe(0);
    plain.unmount();
    const view = render(<Markdown text={'```sql\nSELECT 1\n```\n\n```json\n{"a": 1}\n```\n\n```yaml\na: 1\n```'} />);
    await act(async () => chunk.open());
    await vi.waitFor(() => expect(view.container.querySelectorAll("code[data-highlighted]")).toHaveLength(3));
    expect(loads).toBe(1);
  });

  it("stay plain and readable if the chunk cannot be loaded", async () => {
    const view = render(<Markdown text={"```sql\nSELECT 1\n```"} />);
    await act(async () => chunk.fail());
    await act(async () => {});
    const code = view.container.querySelector("pre code");
    expect(code?.textContent).toBe("SELECT 1\n");
    expect(code).not.toHaveAttribute("data-highlighted");
  });
});
