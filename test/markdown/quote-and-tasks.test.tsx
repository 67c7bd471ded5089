import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import postcss from "postcss";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { en } from "../helpers/labels";

/** The declarations of the panel's rules whose selector matches `el` (jsdom does not cascade this stylesheet). */
function declarationsFor(el: Element): Record<string, string> {
  const css = readFileSync(resolve(import.meta.dirname, "../../src/styles/tracy-panel.css"), "utf8");
  const found: Record<string, string> = {};
  postcss.parse(css).walkRules((rule) => {
    if (!rule.selectors.some((s) => safeMatches(el, s))) return;
    rule.walkDecls((d) => {
      found[d.prop] = d.value;
    });
  });
  return found;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

const inPanel = (text: string) => (
  <div className="tracy-panel">
    <Markdown text={text} />
  </div>
);

describe("markdown quotes and task lists", () => {
  it("shows task items with a labelled, disabled checkbox and no bullet; plain items keep theirs", () => {
    render(inPanel("- [x] index payments-db\n- [ ] cache the plan\n\n---\n\n- a plain item"));
    const done = screen.getByRole("checkbox", { name: en.taskDone });
    expect(done).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: en.taskNotDone })).toBeDisabled();
    expect(declarationsFor(done.closest("li") as Element)["list-style-type"]).toBe("none");
    expect(
      declarationsFor(screen.getByText("a plain item").closest("li") as Element)["list-style-type"],
    ).toBeUndefined();
  });

  it("sets block quotes off with a rule at the start edge", () => {
    render(inPanel("> The payments-db span dominates.\n\nAfter."));
    const quote = screen.getByText("The payments-db span dominates.").closest("blockquote") as Element;
    expect(declarationsFor(quote)["border-inline-start"]).toMatch(/solid/);
  });
});
