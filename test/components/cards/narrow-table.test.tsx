import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TracyProvider } from "../../../src";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { scrollEdges } from "../../../src/components/cypher/use-scroll-edges";
import { FakeTransport } from "../../helpers/fake-transport";
import { en } from "../../helpers/labels";
import { jsonResult, tool } from "./tools";

const LONG_ID = "4:7c1e52b0-93d4-4f0a-b7e1-2d9c4a6f8e31:1041";
const node = {
  elementId: "4:g:1",
  labels: ["Span"],
  properties: { org_id: "org-secret-7", team: "payments", name: "Authorize", tenant_id: "acme" },
};
const RESULT = {
  columns: ["span_id", "service", "s", "ms"],
  rows: [{ span_id: LONG_ID, service: "payments", s: node, ms: 1840 }],
};

const table = () => screen.getByRole("region", { name: en.queryResult });

describe("Cypher table cells in a narrow panel", () => {
  it("clip long ids to the column, keep the value whole in the button, its title and the CSV copy", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult(RESULT) })} open />);
    const id = within(table()).getByRole("button", { name: LONG_ID });
    expect(id).toHaveAttribute("title", LONG_ID);
    expect(id).toHaveTextContent(LONG_ID);
    expect(id.closest("td")).toHaveAttribute("data-clip");
    // Short values stay plain text, no extra tab stop.
    expect(within(table()).getByText("payments").closest("td")).not.toHaveAttribute("data-clip");
    expect(within(table()).getByText("payments").tagName).toBe("TD");
    await user.click(id);
    expect(within(table()).getByRole("button", { name: en.collapse })).toHaveAttribute("aria-expanded", "true");
    expect(within(table()).getByText(LONG_ID).tagName).toBe("PRE");

    await user.click(screen.getByRole("button", { name: en.copyAsCsv }));
    expect((await navigator.clipboard.readText()).split("\r\n")[1]).toContain(`${LONG_ID},payments,`);
  });

  it("honour the host's tenantProperty and graphCaptionKeys in node cells", () => {
    render(
      <TracyProvider
        tenantId="acme"
        transport={new FakeTransport()}
        tenantProperty="org_id"
        graphCaptionKeys={["team"]}
      >
        <CypherCard tool={tool({ result: jsonResult(RESULT) })} open />
      </TracyProvider>,
    );
    const cell = within(table()).getByRole("button", { name: /^\(:Span/ });
    expect(cell).toHaveTextContent('(:Span {team: "payments", name: "Authorize"})');
    expect(cell.textContent).not.toContain("org-secret-7");
  });

  it("use the defaults without host options: the name first, tenant_id left out", () => {
    render(<CypherCard tool={tool({ result: jsonResult(RESULT) })} open />);
    const cell = within(table()).getByRole("button", { name: /^\(:Span/ });
    expect(cell).toHaveTextContent('(:Span {name: "Authorize", org_id: "org-secret-7"})');
  });
});

describe("a result table wider than its card", () => {
  afterEach(() => vi.restoreAllMocks());

  it("knows which logical edges hide columns, in either direction", () => {
    const box = (scrollLeft: number) => ({ scrollLeft, scrollWidth: 500, clientWidth: 200 });
    expect(scrollEdges({ scrollLeft: 0, scrollWidth: 200, clientWidth: 200 })).toEqual({ start: false, end: false });
    expect(scrollEdges({ scrollLeft: 0, scrollWidth: 200.5, clientWidth: 200 })).toEqual({ start: false, end: false });
    expect(scrollEdges(box(0))).toEqual({ start: false, end: true });
    expect(scrollEdges(box(150))).toEqual({ start: true, end: true });
    expect(scrollEdges(box(300))).toEqual({ start: true, end: false });
    // Right to left: scrollLeft runs from 0 to -(scrollWidth - clientWidth).
    expect(scrollEdges(box(-150))).toEqual({ start: true, end: true });
    expect(scrollEdges(box(-300))).toEqual({ start: true, end: false });
  });

  it("shades the hidden edge and describes the table with a hint while columns are off to the side", () => {
    vi.spyOn(HTMLElement.prototype, "scrollWidth", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("tracy-result-table") ? 600 : 0;
    });
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("tracy-result-table") ? 300 : 0;
    });
    render(<CypherCard tool={tool({ result: jsonResult(RESULT) })} open />);
    const frame = table().parentElement!;
    expect(frame).toHaveAttribute("data-more-end");
    expect(frame).not.toHaveAttribute("data-more-start");
    expect(table()).toHaveAccessibleDescription(en.tableScrollHint);

    act(() => {
      table().scrollLeft = 300;
      table().dispatchEvent(new Event("scroll"));
    });
    expect(frame).toHaveAttribute("data-more-start");
    expect(frame).not.toHaveAttribute("data-more-end");
  });

  it("says nothing when the table fits", () => {
    render(<CypherCard tool={tool({ result: jsonResult(RESULT) })} open />);
    expect(table()).not.toHaveAttribute("aria-describedby");
    expect(screen.queryByText(en.tableScrollHint)).not.toBeInTheDocument();
  });
});
