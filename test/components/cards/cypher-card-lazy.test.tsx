import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { jsonResult, tool } from "./tools";

/** Each lazy chunk loads only once the test opens its gate, so what shows meanwhile can be checked. */
const gates = vi.hoisted(() => {
  const gate = () => {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };
  return { syntax: gate(), graph: gate(), raw: gate() };
});
vi.mock("../../../src/components/cypher/cypher-syntax", async (importOriginal) => {
  await gates.syntax.opened;
  return importOriginal();
});
vi.mock("../../../src/components/cypher/graph-view", async (importOriginal) => {
  await gates.graph.opened;
  return importOriginal();
});
vi.mock("../../../src/components/cypher/raw-json", async (importOriginal) => {
  await gates.raw.opened;
  return importOriginal();
});

const card = () => screen.getByRole("region", { name: "Tool call run_cypher" });
const node = (id: number) => ({ elementId: `4:g:${id}`, labels: ["Span"], properties: { service: `svc-${id}` } });

// The gates open once per file: the tests showing a fallback come before anything else loads that chunk.
describe("<CypherCard> lazy parts", () => {
  it("shows the query plain in the same <pre> until the highlighter loads, then highlighted", async () => {
    const query = "MATCH (s:Span {tenant_id: $tenant}) RETURN count(s)";
    render(<CypherCard tool={tool({ input: { query } })} />);
    const plain = card().querySelector("pre.tracy-code.tracy-cy > code");
    expect(plain).toHaveTextContent(query, { normalizeWhitespace: false });
    expect(plain?.querySelector("span")).toBeNull();

    await act(async () => gates.syntax.open());
    expect(await within(card()).findByText("MATCH")).toHaveClass("tracy-cy-kw");
    expect(within(card()).getByText("count")).toHaveClass("tracy-cy-fn");
    const code = card().querySelectorAll("pre.tracy-cy > code");
    expect(code).toHaveLength(1);
    expect(code[0]?.textContent).toBe(query);
  });

  it('says "Loading graph…" where the graph goes, then shows it, and at once the next time', async () => {
    const user = userEvent.setup();
    const rows = [{ a: node(1), b: node(2) }];
    render(<CypherCard tool={tool({ result: jsonResult({ rows }) })} open />);
    await user.click(screen.getByRole("button", { name: "Graph" }));
    const loading = screen.getByText("Loading graph…");
    expect(loading.closest(".tracy-graph")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("group", { name: "Result view" })).toBeInTheDocument();

    await act(async () => gates.graph.open());
    expect(await screen.findByRole("list", { name: "Nodes (2)" })).toHaveTextContent("service: svc-1");
    expect(screen.queryByText("Loading graph…")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Table" }));
    await user.click(screen.getByRole("button", { name: "Graph" }));
    expect(screen.getByRole("list", { name: "Nodes (2)" })).toBeInTheDocument();
  });

  it('says "Loading JSON…" until the raw JSON view loads', async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult({ rows: [{ a: 1 }] }) })} open />);
    await user.click(screen.getByRole("button", { name: "Raw JSON" }));
    expect(screen.getByText("Loading JSON…").parentElement).toHaveAttribute("aria-busy", "true");

    await act(async () => gates.raw.open());
    expect(await screen.findByText(/"a": 1/)).toHaveClass("tracy-code");
  });
});
