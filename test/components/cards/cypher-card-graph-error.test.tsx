import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { jsonResult, result, tool } from "./tools";
import { en } from "../../helpers/labels";

const node = (id: number, service: string) => ({
  elementId: `4:g:${id}`,
  labels: ["Span"],
  properties: { tenant_id: "acme", service },
});
const rel = {
  elementId: "5:g:9",
  type: "CHILD_OF",
  startNodeElementId: "4:g:2",
  endNodeElementId: "4:g:1",
  properties: {},
};

const viewButtons = () => within(screen.getByRole("group", { name: en.resultView })).getAllByRole("button");

describe("<CypherCard> graph results", () => {
  it("offers Table / Graph / Raw JSON for rows holding nodes and relationships", async () => {
    const user = userEvent.setup();
    const rows = [{ child: node(2, "db"), r: rel, parent: node(1, "api") }];
    render(<CypherCard tool={tool({ result: jsonResult({ rows }) })} open />);
    expect(viewButtons().map((b) => [b.textContent, b.getAttribute("aria-pressed")])).toEqual([
      ["Table", "true"],
      ["Graph", "false"],
      ["Raw JSON", "false"],
    ]);
    expect(screen.getByRole("region", { name: en.queryResult })).toHaveTextContent('(:Span {service: "db"})');

    await user.click(screen.getByRole("button", { name: en.viewGraph }));
    expect(screen.getByRole("button", { name: en.viewGraph })).toHaveAttribute("aria-pressed", "true");
    expect(screen.queryByRole("region", { name: en.queryResult })).not.toBeInTheDocument();
    // The graph view is a lazy chunk: a drawing with one button per node.
    const canvas = await screen.findByRole("group", { name: "Graph: 2 nodes, 1 relationship" });
    const nodes = within(canvas).getAllByRole("button");
    expect(nodes.map((n) => n.getAttribute("aria-label"))).toEqual(["Span api", "Span db"]);
    expect(canvas).not.toHaveTextContent("tenant_id");
    await user.click(nodes[1] as HTMLElement);
    const details = screen.getByRole("region", { name: en.graphDetails });
    expect(details).toHaveTextContent("service");
    expect(details).not.toHaveTextContent("tenant_id");
    expect(details).toHaveTextContent("(Span db)-[:CHILD_OF]->(Span api)");

    await user.click(screen.getByRole("button", { name: en.viewRaw }));
    await waitFor(() =>
      expect(card().querySelector(".tracy-cypher-result pre")?.textContent).toContain('"elementId": "4:g:2"'),
    );
  });

  it("opens a top-level {nodes, relationships} on the graph, without a table", async () => {
    render(
      <CypherCard
        tool={tool({ result: jsonResult({ nodes: [node(1, "api"), node(2, "db")], relationships: [rel] }) })}
        open
      />,
    );
    expect(viewButtons().map((b) => b.textContent)).toEqual(["Graph", "Raw JSON"]);
    expect(screen.getByRole("button", { name: en.viewGraph })).toHaveAttribute("aria-pressed", "true");
    expect(trigger()).toHaveTextContent("2 nodes");
    expect(await screen.findByRole("group", { name: "Graph: 2 nodes, 1 relationship" })).toBeInTheDocument();
  });

  it("shows no graph toggle for plain rows", () => {
    render(<CypherCard tool={tool({ result: jsonResult({ rows: [{ a: 1 }] }) })} open />);
    expect(viewButtons().map((b) => b.textContent)).toEqual(["Table", "Raw JSON"]);
  });
});

const trigger = () => screen.getByRole("button", { name: /run_cypher/ });
const card = () => screen.getByRole("group", { name: "Tool call run_cypher" });

describe("<CypherCard> errors", () => {
  it("shows the whole message and the elementId hint for `v.id`", () => {
    const message =
      "Unknown property 'id' on vertex label 'Span' (line 2, column 7).\nVertices have no 'id' property: use elementId(v) to identify a vertex.";
    const query = "MATCH (v:Span {tenant_id: $tenant})\nWHERE v.id = $span_id\nRETURN v.service";
    render(<CypherCard tool={tool({ input: { query }, result: result(message, { isError: true }) })} />);
    expect(card()).toHaveAttribute("data-state", "error");
    expect(trigger()).toHaveTextContent(/error$/);
    expect(trigger()).toHaveAttribute("aria-expanded", "false");
  });

  it("lists the hint under the full error text", async () => {
    const user = userEvent.setup();
    const message = "Unknown property 'id' on vertex label 'Span' (line 2, column 7). Vertices have no 'id' property.";
    const query = "MATCH (v:Span {tenant_id: $tenant})\nWHERE v.id = $span_id\nRETURN v.service";
    render(<CypherCard tool={tool({ input: { query }, result: result(message, { isError: true }) })} />);
    await user.click(trigger());
    const error = screen.getByText(message);
    expect(error.tagName).toBe("PRE");
    expect(error).toHaveClass("tracy-code-error");
    // The hints come with the highlighter's lazy chunk.
    const hints = within(await screen.findByRole("list", { name: en.hints })).getAllByRole("listitem");
    expect(hints.map((h) => h.getAttribute("data-hint"))).toEqual(["element-id"]);
    expect(hints[0]).toHaveTextContent("Nodes have no id property in this graph. Use elementId(v) to identify a node.");
    expect(within(hints[0] as HTMLElement).getByText("elementId(v)").tagName).toBe("CODE");
  });

  it("explains a timed-out deep traversal", async () => {
    const query =
      "MATCH (r:Span {tenant_id: $tenant})<-[:CHILD_OF*1..6]-(l:Span {tenant_id: $tenant}) RETURN elementId(l)";
    const message = "Query timed out after 30000 ms (multi-hop traversal over 6 hops)";
    render(<CypherCard tool={tool({ input: { query }, result: result(message, { isError: true }) })} open />);
    expect(screen.getByText(message)).toBeInTheDocument();
    const hints = within(await screen.findByRole("list", { name: en.hints })).getAllByRole("listitem");
    expect(hints.map((h) => h.getAttribute("data-hint"))).toEqual(["deep-traversal"]);
  });

  it("explains a tenant-scope rejection", async () => {
    const query = "MATCH (s:Span) RETURN elementId(s)";
    render(
      <CypherCard
        tool={tool({ input: { query }, result: result("Rejected: unscoped query", { isError: true }) })}
        open
      />,
    );
    expect(await screen.findByRole("list", { name: en.hints })).toHaveTextContent("tenant_id = $tenant");
  });

  it("adds no hint when nothing is recognised", async () => {
    render(<CypherCard tool={tool({ result: result("Connection reset by peer", { isError: true }) })} open />);
    expect(screen.getByText("Connection reset by peer")).toBeInTheDocument();
    await within(card()).findByText("MATCH"); // the hints' chunk is in
    expect(screen.queryByRole("list", { name: en.hints })).not.toBeInTheDocument();
  });
});
