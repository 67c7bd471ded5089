import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { jsonResult, result, tool } from "./tools";
import { en } from "../../helpers/labels";

// A host that cannot fetch the lazy chunks (offline, or a failed deploy): the cards still work without them.
vi.mock("../../../src/components/cypher/cypher-syntax", () => Promise.reject(new Error("chunk failed to load")));
vi.mock("../../../src/components/cypher/graph-view", () => Promise.reject(new Error("chunk failed to load")));

const card = () => screen.getByRole("group", { name: "Tool call run_cypher" });
/** Both lazy parts of an open card with a failed query (highlighter, hints) have failed to load: React reported each. */
const bothFailed = () => vi.waitFor(() => expect(vi.mocked(console.error).mock.calls.length).toBeGreaterThanOrEqual(2));

// React reports the caught load errors on the console.
beforeAll(() => void vi.spyOn(console, "error").mockImplementation(() => {}));
beforeEach(() => vi.mocked(console.error).mockClear());
afterAll(() => vi.mocked(console.error).mockRestore());

describe("<CypherCard> without its lazy chunks", () => {
  it("keeps the query readable, plain, and the error message without hints", async () => {
    const query = "MATCH (v:Span {tenant_id: $tenant}) WHERE v.id = $id RETURN v";
    render(
      <CypherCard tool={tool({ input: { query }, result: result("Unknown property 'id'", { isError: true }) })} open />,
    );
    await bothFailed();
    expect(card().querySelector("pre.tracy-cy > code")?.textContent).toBe(query);
    expect(within(card()).getByText("Unknown property 'id'")).toHaveClass("tracy-code-error");
    expect(screen.queryByRole("list", { name: en.hints })).not.toBeInTheDocument();
  });

  it("says the graph view could not be loaded, and the table still works", async () => {
    const user = userEvent.setup();
    const node = (id: number) => ({ elementId: `4:g:${id}`, labels: ["Span"], properties: {} });
    render(<CypherCard tool={tool({ result: jsonResult({ rows: [{ a: node(1) }] }) })} open />);
    await user.click(screen.getByRole("button", { name: en.viewGraph }));
    expect(await screen.findByText(/The graph view could not be loaded/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Table" }));
    expect(screen.getByRole("region", { name: en.queryResult })).toBeInTheDocument();
  });
});
