import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { jsonResult, manyRows, result, tool } from "./tools";
import { en } from "../../helpers/labels";

const trigger = () => screen.getByRole("button", { name: /run_cypher/ });
const card = () => screen.getByRole("group", { name: "Tool call run_cypher" });
const bodyRows = () => card().querySelectorAll("tbody tr");

const SPAN_RESULT = {
  columns: ["span_id", "service", "note"],
  rows: [
    { span_id: "4:a:1", service: "api", note: null },
    { span_id: "4:a:2", service: "db", note: "" },
  ],
  elapsed_ms: 1840,
};

describe("<CypherCard> disclosure", () => {
  it("is open while running, then closes with a one-line summary once done", () => {
    const running = tool({
      input: { query: "MATCH (s:Span {tenant_id: $tenant})\n  RETURN   s", params: { tenant: "acme" } },
    });
    const { rerender } = render(<CypherCard tool={running} />);
    expect(card()).toHaveAttribute("data-state", "running");
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
    expect(trigger()).toHaveTextContent(en.statusRunning);
    expect(screen.getByText(en.pendingRunning)).toBeInTheDocument();

    rerender(<CypherCard tool={{ ...running, result: jsonResult(SPAN_RESULT) }} />);
    expect(card()).toHaveAttribute("data-state", "done");
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    const body = document.getElementById(trigger().getAttribute("aria-controls") ?? "");
    expect(body).not.toBeVisible();
    expect(body).toBeEmptyDOMElement(); // closed cards render nothing, however big the result
    expect(within(trigger()).getByText("puppygraph")).toBeInTheDocument();
    expect(within(trigger()).getByText("MATCH (s:Span {tenant_id: $tenant}) RETURN s")).toBeInTheDocument();
    expect(trigger()).toHaveTextContent("2 rows · 1.8 s");
  });

  it("keeps the user's choice when the result arrives", async () => {
    const user = userEvent.setup();
    const running = tool();
    const { rerender } = render(<CypherCard tool={running} />);
    await user.click(trigger());
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    rerender(<CypherCard tool={{ ...running, result: jsonResult(SPAN_RESULT) }} />);
    await user.click(trigger());
    rerender(<CypherCard tool={{ ...running, result: jsonResult({ ...SPAN_RESULT }) }} />);
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
  });

  it("toggles from the keyboard with Enter and Space", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult(SPAN_RESULT) })} />);
    await user.tab();
    expect(trigger()).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("region", { name: en.queryResult })).toBeInTheDocument();
    await user.keyboard(" ");
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("region", { name: en.queryResult })).not.toBeInTheDocument();
  });

  it("falls back to the gap between the tool use and result timestamps", () => {
    const t = tool({
      at: "2026-03-01T10:00:00.000Z",
      result: jsonResult({ rows: [{ a: 1 }] }, { at: "2026-03-01T10:00:02.500Z" }),
    });
    render(<CypherCard tool={t} />);
    expect(trigger()).toHaveTextContent("1 row · 2.5 s");
  });

  it("calls onOpenChange and follows a controlled open prop", async () => {
    const user = userEvent.setup();
    const changes: boolean[] = [];
    render(<CypherCard tool={tool({ result: jsonResult(SPAN_RESULT) })} open onOpenChange={(o) => changes.push(o)} />);
    await user.click(trigger());
    expect(changes).toEqual([false]);
    expect(trigger()).toHaveAttribute("aria-expanded", "true");
  });
});

describe("<CypherCard> query and table", () => {
  it("highlights the query with classes, never as HTML, and copies it", async () => {
    const user = userEvent.setup();
    const query = "MATCH (s:Span {tenant_id: $tenant}) WHERE s.name = '<img src=x onerror=alert(1)>' RETURN count(s)";
    render(<CypherCard tool={tool({ input: { query } })} />);
    // The highlighter is a lazy chunk: the plain query first, then the coloured one.
    expect(await within(card()).findByText("MATCH")).toHaveClass("tracy-cy-kw");
    const code = card().querySelector("pre.tracy-cy code");
    expect(code).toHaveTextContent(query);
    expect(card().querySelector("img")).toBeNull();
    expect(within(code as HTMLElement).getByText("Span")).toHaveClass("tracy-cy-label");
    expect(within(code as HTMLElement).getByText("$tenant")).toHaveClass("tracy-cy-param");
    expect(within(code as HTMLElement).getByText("count")).toHaveClass("tracy-cy-fn");
    await user.click(screen.getByRole("button", { name: en.copyQuery }));
    expect(await navigator.clipboard.readText()).toBe(query);
  });

  it('shows null and "" differently, with scoped column headers', () => {
    render(<CypherCard tool={tool({ result: jsonResult(SPAN_RESULT) })} open />);
    const table = screen.getByRole("region", { name: en.queryResult });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["span_id", "service", "note"]);
    expect(within(table).getByRole("columnheader", { name: "note" })).toHaveAttribute("scope", "col");
    expect(within(table).getByText("null")).toHaveAttribute("data-null");
    const empty = within(table).getByText('""');
    expect(empty).toHaveAttribute("data-empty");
    expect(empty.parentElement).toHaveTextContent('""empty string');
  });

  it("leaves cells empty for rows that lack a column named like an Object.prototype member", () => {
    const text = '{"columns":["constructor","toString","valueOf"],"rows":[{},{"constructor":"ctor","valueOf":null}]}';
    render(<CypherCard tool={tool({ result: result(text) })} open />);
    const [first, second] = [...bodyRows()];
    expect([...(first?.querySelectorAll("td") ?? [])].map((td) => td.hasAttribute("data-missing"))).toEqual([
      true,
      true,
      true,
    ]);
    expect(first).toHaveTextContent(/^$/);
    expect(second).toHaveTextContent("ctornull");
    expect(second?.querySelectorAll("td")[1]).toHaveAttribute("data-missing");
  });

  it("copies the rows as CSV and JSON", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult(SPAN_RESULT) })} open />);
    await user.click(screen.getByRole("button", { name: en.copyAsCsv }));
    expect(await navigator.clipboard.readText()).toBe('span_id,service,note\r\n4:a:1,api,\r\n4:a:2,db,""');
    await user.click(screen.getByRole("button", { name: en.copyAsJson }));
    expect(JSON.parse(await navigator.clipboard.readText())).toEqual(SPAN_RESULT.rows);
  });

  it("renders 50 of 10,000 rows, then pages of 100", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult({ rows: manyRows(10_000) }) })} open />);
    expect(trigger()).toHaveTextContent("10,000 rows");
    expect(bodyRows()).toHaveLength(50);
    expect(screen.getByText("Showing 50 of 10,000 rows.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show all 10,000 rows" }));
    const pages = screen.getByRole("navigation", { name: en.resultPages });
    expect(bodyRows()).toHaveLength(100);
    expect(pages).toHaveTextContent("Rows 1–100 of 10,000");
    expect(within(pages).getByRole("button", { name: en.previousPage })).toBeDisabled();

    await user.click(within(pages).getByRole("button", { name: en.nextPage }));
    expect(pages).toHaveTextContent("Rows 101–200 of 10,000");
    expect(bodyRows()).toHaveLength(100);
    expect(bodyRows()[0]).toHaveTextContent("4:abc:100");
    await user.click(within(pages).getByRole("button", { name: en.previousPage }));
    expect(bodyRows()[0]).toHaveTextContent("4:abc:0");
  });

  it("renders a bounded number of columns of a 5,000-column result, paging sideways", async () => {
    const user = userEvent.setup();
    const columns = Array.from({ length: 5_000 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 120 }, (_, r) => Object.fromEntries(columns.map((c, i) => [c, r * 10_000 + i])));
    render(<CypherCard tool={tool({ result: jsonResult({ columns, rows }) })} open />);
    const headers = () => card().querySelectorAll("thead th");
    const cells = () => card().querySelectorAll("tbody td").length;
    expect(headers()).toHaveLength(50);
    expect(cells()).toBe(50 * 50);
    const columnPages = screen.getByRole("navigation", { name: en.columnPages });
    expect(columnPages).toHaveTextContent("Columns 1–50 of 5,000");
    expect(headers()[0]).toHaveTextContent("c0");

    await user.click(within(columnPages).getByRole("button", { name: en.nextPage }));
    expect(columnPages).toHaveTextContent("Columns 51–100 of 5,000");
    expect(headers()[0]).toHaveTextContent("c50");
    expect(bodyRows()[1]?.querySelector("td")).toHaveTextContent("10050");

    await user.click(screen.getByRole("button", { name: "Show all 120 rows" }));
    expect(cells()).toBe(100 * 50);
    expect(headers()[0]).toHaveTextContent("c50");

    // Copy as CSV still takes every column.
    await user.click(screen.getByRole("button", { name: en.copyAsCsv }));
    expect((await navigator.clipboard.readText()).split("\r\n")[0]?.split(",")).toHaveLength(5_000);
  });

  it("shows no column pager for a result that fits", () => {
    render(<CypherCard tool={tool({ result: jsonResult(SPAN_RESULT) })} open />);
    expect(screen.queryByRole("navigation", { name: en.columnPages })).not.toBeInTheDocument();
  });

  it("stops at the last, partial page", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult(manyRows(250)) })} open />);
    await user.click(screen.getByRole("button", { name: "Show all 250 rows" }));
    const next = screen.getByRole("button", { name: en.nextPage });
    await user.click(next);
    await user.click(next);
    expect(screen.getByRole("navigation", { name: en.resultPages })).toHaveTextContent("Rows 201–250 of 250");
    expect(bodyRows()).toHaveLength(50);
    expect(next).toBeDisabled();
  });

  it("shows nested values compactly and expands them in full", async () => {
    const user = userEvent.setup();
    const attrs = {
      http: {
        method: "POST",
        route: "/checkout",
        headers: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`h${i}`, "v"])),
      },
    };
    render(<CypherCard tool={tool({ result: jsonResult({ rows: [{ attrs, tags: ["a", "b"] }] }) })} open />);
    expect(screen.getByText('["a","b"]')).toBeInTheDocument();
    const more = screen.getByRole("button", { name: /^\{"http":\{"method":"POST"/ });
    expect(more.textContent).toHaveLength(80);
    expect(more).toHaveAttribute("title", expect.stringContaining('"h19":"v"'));
    await user.click(more);
    expect(screen.getByText(/"h19": "v"/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: en.collapse }));
    expect(screen.queryByText(/"h19": "v"/)).not.toBeInTheDocument();
  });
});
