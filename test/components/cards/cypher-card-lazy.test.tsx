import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResult, manyRows, tool } from "./tools";
import { en } from "../../helpers/labels";

type CardModule = typeof import("../../../src/components/cypher/cypher-card");
type ResultModule = typeof import("../../../src/components/cypher/cypher-result");

const CYPHER = "../../../src/components/cypher";

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Each lazy chunk loads only once the test opens its gate, so what shows meanwhile can be checked. */
let gates = { syntax: gate(), graph: gate(), raw: gate() };
let CypherCard: CardModule["CypherCard"];
let parseCypherResult: ResultModule["parseCypherResult"];
let peekCypherResult: ResultModule["peekCypherResult"];

// Each test gets closed gates and fresh modules: no chunk loaded, no result parsed, whatever ran before it.
beforeEach(async () => {
  const own = { syntax: gate(), graph: gate(), raw: gate() };
  gates = own;
  vi.resetModules();
  // The parser, wrapped so its calls can be counted; it still parses.
  vi.doMock(`${CYPHER}/cypher-result`, async (importOriginal) => {
    const actual = await importOriginal<ResultModule>();
    return { ...actual, parseCypherResult: vi.fn(actual.parseCypherResult) };
  });
  for (const [chunk, name] of [
    [own.syntax, "cypher-syntax"],
    [own.graph, "graph-view"],
    [own.raw, "raw-json"],
  ] as const) {
    vi.doMock(`${CYPHER}/${name}`, async (importOriginal) => {
      await chunk.opened;
      return importOriginal();
    });
  }
  ({ CypherCard } = await import("../../../src/components/cypher/cypher-card"));
  ({ parseCypherResult, peekCypherResult } = await import("../../../src/components/cypher/cypher-result"));
});

const trigger = () => screen.getByRole("button", { name: /run_cypher/ });
const card = () => screen.getByRole("group", { name: "Tool call run_cypher" });
const node = (id: number) => ({ elementId: `4:g:${id}`, labels: ["Span"], properties: { service: `svc-${id}` } });

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
    await user.click(screen.getByRole("button", { name: en.viewGraph }));
    const loading = screen.getByText(en.loadingGraph);
    expect(loading.closest(".tracy-graph")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("group", { name: en.resultView })).toBeInTheDocument();

    await act(async () => gates.graph.open());
    expect(await screen.findByRole("group", { name: "Graph: 2 nodes, 0 relationships" })).toHaveTextContent("svc-1");
    expect(screen.queryByText(en.loadingGraph)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Table" }));
    await user.click(screen.getByRole("button", { name: en.viewGraph }));
    expect(screen.getByRole("group", { name: "Graph: 2 nodes, 0 relationships" })).toBeInTheDocument();
  });

  it('says "Loading JSON…" until the raw JSON view loads', async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult({ rows: [{ a: 1 }] }) })} open />);
    await user.click(screen.getByRole("button", { name: en.viewRaw }));
    expect(screen.getByText(en.loadingJson).parentElement).toHaveAttribute("aria-busy", "true");

    await act(async () => gates.raw.open());
    expect(await screen.findByText(/"a": 1/)).toHaveClass("tracy-code");
  });
});

describe("<CypherCard> parsing on demand", () => {
  it("does not parse the result while closed, and parses it on opening", async () => {
    const user = userEvent.setup();
    const result = jsonResult({ rows: manyRows(10_000), elapsed_ms: 1840 });
    const { rerender } = render(<CypherCard tool={tool({ result })} />);
    rerender(<CypherCard tool={tool({ result })} />);
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
    expect(trigger()).toHaveTextContent("10,000 rows · 1.8 s");
    expect(parseCypherResult).not.toHaveBeenCalled();

    await user.click(trigger());
    expect(parseCypherResult).toHaveBeenCalledWith(result);
    expect(screen.getByText("Showing 50 of 10,000 rows.")).toBeInTheDocument();
    expect(trigger()).toHaveTextContent("10,000 rows · 1.8 s");

    await user.click(trigger());
    expect(trigger()).toHaveTextContent("10,000 rows · 1.8 s");
  });

  it("parses a closed card's result once the page is idle, so opening it needs no parse", async () => {
    const result = jsonResult({ rows: manyRows(100) });
    render(<CypherCard tool={tool({ result })} />);
    expect(parseCypherResult).not.toHaveBeenCalled();
    await waitFor(() => expect(parseCypherResult).toHaveBeenCalledWith(result), { timeout: 3_000 });
    expect(peekCypherResult(result)?.table?.rows).toHaveLength(100);
  });

  it("counts a graph-only result's nodes once it has been opened", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: jsonResult({ nodes: [node(1), node(2)], relationships: [] }) })} />);
    expect(trigger()).toHaveTextContent(/done$/);
    expect(parseCypherResult).not.toHaveBeenCalled();
    await user.click(trigger());
    await user.click(trigger());
    expect(trigger()).toHaveTextContent(/2 nodes$/);
  });
});
