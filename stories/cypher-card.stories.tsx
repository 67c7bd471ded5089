import type { Meta, StoryObj } from "@storybook/react-vite";
import { traceTreeResult } from "../dev/scenarios/trace-tree";
import { expect, fn, userEvent, within } from "storybook/test";
import { CypherCard, type ToolItem, type ToolResult } from "../src";
import { inPanelShell } from "./card-frame";
import { createOpaqueIds } from "./fixtures/opaque-ids";

const eventId = createOpaqueIds(32);

const QUERY = `MATCH (s:Span {tenant_id: $tenant})-[:CHILD_OF*0..4]->(root:Span {tenant_id: $tenant})
WHERE s.trace_id = $trace AND root.parent_span_id IS NULL
RETURN elementId(s) AS span_id, s.service AS service, s.name AS operation, s.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 10`;

const SERVICES = ["checkout-api", "payments-svc", "payments-db", "fraud-check", "inventory-svc", "cart-cache"];

function spanRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    span_id: `4:7c1e52b0:${1041 + i}`,
    service: SERVICES[i % SERVICES.length],
    operation: i === 0 ? "POST /checkout" : `op_${i}`,
    duration_ms: Math.round(2930 / (i + 1)),
    status: i === 3 ? null : "OK",
  }));
}

function span(n: number, service: string, name: string): Record<string, unknown> {
  return { elementId: `4:7c1e52b0:${n}`, labels: ["Span"], properties: { tenant_id: "acme-prod", service, name } };
}

function childOf(n: number, from: number, to: number): Record<string, unknown> {
  return {
    elementId: `5:7c1e52b0:${n}`,
    type: "CHILD_OF",
    startNodeElementId: `4:7c1e52b0:${from}`,
    endNodeElementId: `4:7c1e52b0:${to}`,
    properties: {},
  };
}

function cypherTool(result: ToolResult | null, query = QUERY): ToolItem {
  return {
    kind: "tool",
    id: eventId("tool use"),
    source: "mcp",
    name: "run_cypher",
    serverName: "puppygraph",
    input: { query, params: { tenant: "acme-prod", trace: "4bf92f3577b34da6a3ce929d0e0e4736" } },
    permission: "allow",
    at: "2026-03-02T14:05:10.000Z",
    result,
    confirmation: null,
  };
}

function result(value: unknown, isError = false): ToolResult {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { id: eventId("tool result"), isError, content: [{ type: "text", text }], at: "2026-03-02T14:05:11.840Z" };
}

const meta = {
  title: "CypherCard",
  component: CypherCard,
  args: { tool: cypherTool(null), onOpenChange: fn() },
  parameters: { frame: "card", controls: { exclude: ["tool"] } },
  decorators: [inPanelShell],
} satisfies Meta<typeof CypherCard>;

export default meta;
type Story = StoryObj<typeof meta>;

function trigger(canvasElement: HTMLElement): HTMLElement {
  return within(canvasElement).getByRole("button", { name: /^run_cypher/ });
}

export const Running: Story = {
  play: async ({ canvasElement }) => {
    await expect(trigger(canvasElement)).toHaveAttribute("aria-expanded", "true");
    await expect(trigger(canvasElement)).toHaveTextContent("running…");
    await expect(within(canvasElement).getByRole("button", { name: "Copy query" })).toBeVisible();
  },
};

/** Closed once done, with the row count and query time; opening it shows the rows. */
export const Rows: Story = {
  args: { tool: cypherTool(result({ rows: spanRows(8), elapsed_ms: 1840 })) },
  play: async ({ canvasElement }) => {
    await expect(trigger(canvasElement)).toHaveTextContent("8 rows · 1.8 s");
    await userEvent.click(trigger(canvasElement));
    const table = within(canvasElement).getByRole("region", { name: "Query result" });
    await expect(within(table).getAllByRole("row")).toHaveLength(9);
  },
};

/** Only a preview of a long result reaches the DOM until asked for. */
export const ManyRows: Story = {
  args: { tool: cypherTool(result({ rows: spanRows(240), elapsed_ms: 310 })), open: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Showing 50 of 240 rows.")).toBeVisible();
    await expect(within(canvas.getByRole("region", { name: "Query result" })).getAllByRole("row")).toHaveLength(51);
    await userEvent.click(canvas.getByRole("button", { name: "Show all 240 rows" }));
    await expect(canvas.queryByText("Showing 50 of 240 rows.")).not.toBeInTheDocument();
  },
};

/** Nodes and relationships in the rows: a Graph view next to the table. */
export const Graph: Story = {
  args: {
    tool: cypherTool(
      result({
        rows: [
          {
            s: span(1043, "payments-db", "SELECT payment_methods"),
            r: childOf(1, 1043, 1042),
            p: span(1042, "payments-svc", "PaymentIntent.confirm"),
          },
          {
            s: span(1042, "payments-svc", "PaymentIntent.confirm"),
            r: childOf(2, 1042, 1041),
            p: span(1041, "checkout-api", "POST /checkout"),
          },
        ],
      }),
    ),
    open: true,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Graph" }));
    await expect(canvas.getByRole("button", { name: "Graph" })).toHaveAttribute("aria-pressed", "true");
    const graph = await canvas.findByRole("group", { name: "Graph: 3 nodes, 2 relationships" });
    await expect(within(graph).getAllByRole("button")).toHaveLength(3);
  },
};

/** A trace's span tree as graph JSON: drawn top-down; keyboard focus walks the tree and shows the span's properties. */
export const TraceTreeGraph: Story = {
  args: {
    tool: cypherTool(result(traceTreeResult("acme", "4bf92f3577b34da6a3ce929d0e0e4736"))),
    open: true,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const graph = await canvas.findByRole("group", { name: "Graph: 8 nodes, 7 relationships" });
    const root = within(graph).getByRole("button", { name: "Span POST /checkout" });
    root.focus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(within(graph).getByRole("button", { name: "Span PaymentIntent.confirm" })).toHaveFocus();
    await expect(canvas.getByRole("region", { name: "Selected node" })).toHaveTextContent("payments-svc");
  },
};

/** The hints shown under a failed query; a story per hint proves each one on its own. */
async function expectOnlyHint(canvasElement: HTMLElement, hint: RegExp): Promise<void> {
  const canvas = within(canvasElement);
  await expect(canvas.getByRole("group", { name: "Tool call run_cypher" })).toHaveAttribute("data-state", "error");
  // Hints may load after the card (they share the highlighter's code).
  const list = await canvas.findByRole("list", { name: "Hints" });
  const items = within(list).getAllByRole("listitem");
  await expect(items).toHaveLength(1);
  await expect(items[0]).toHaveTextContent(hint);
}

/** `v.id` where the graph has `elementId(v)`: the message as the agent saw it, and the hint. */
export const ErrorHintNodeIdentity: Story = {
  args: {
    tool: cypherTool(
      result("Unknown property 'id' on vertex label 'Span' (line 2, column 7).", true),
      "MATCH (v:Span {tenant_id: $tenant})\nWHERE v.id = $span_id\nRETURN v.service, v.name",
    ),
    open: true,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Unknown property 'id'/)).toHaveClass("tracy-code-error");
    await expectOnlyHint(
      canvasElement,
      /^Node identity\. Nodes have no id property in this graph\. Use elementId\(v\) to identify a node\.$/,
    );
  },
};

/** A MATCH that never names `tenant_id`, rejected by the graph's tenant guard. */
export const ErrorHintTenantScoping: Story = {
  args: {
    tool: cypherTool(
      result("Query rejected: every MATCH must filter on tenant_id.", true),
      "MATCH (s:Span)\nWHERE s.trace_id = $trace\nRETURN s.service, s.name, s.duration_ms\nORDER BY s.duration_ms DESC",
    ),
    open: true,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Query rejected/)).toHaveClass("tracy-code-error");
    await expectOnlyHint(
      canvasElement,
      /^Tenant scoping\. Every query must be scoped to one tenant: filter each matched node on tenant_id = \$tenant/,
    );
  },
};

/** Six hops over a week of traffic: the query times out. */
export const ErrorHintDeepTraversal: Story = {
  args: {
    tool: cypherTool(
      result("Query timed out after 30000 ms (multi-hop traversal over 6 hops)", true),
      "MATCH path = (root:Span {tenant_id: $tenant, name: 'POST /checkout'})<-[:CHILD_OF*1..6]-(leaf:Span {tenant_id: $tenant})\nWHERE root.start_time > datetime() - duration('P7D')\nRETURN elementId(leaf) AS span_id, leaf.duration_ms AS duration_ms\nORDER BY duration_ms DESC\nLIMIT 50",
    ),
    open: true,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Query timed out/)).toHaveClass("tracy-code-error");
    await expectOnlyHint(
      canvasElement,
      /^Deep traversal\. Variable-length paths grow very fast with each hop\. Narrow the range \(e\.g\. \*1\.\.3\)/,
    );
  },
};

function serverCypherTool(query: string, value: unknown, isError = false): ToolItem {
  return {
    ...cypherTool(result(value, isError), query),
    source: "custom",
    serverName: null,
    input: { query, params: { trace: "4bf92f3577b34da6a3ce929d0e0e4736" } },
  };
}

const WRITTEN_WITH_ID = `MATCH (v:Span {trace_id: $trace})
RETURN v.id AS id, v.name AS name, v.duration_ms AS duration_ms
ORDER BY duration_ms DESC`;

const RAN_WITH_ID = `MATCH (v:Span {trace_id: $trace})
WHERE v.tenant_id = $__tracy_tenant
RETURN id(v) AS id, v.name AS name, v.duration_ms AS duration_ms
ORDER BY duration_ms DESC
LIMIT 1000`;

/** tracy-server's guard scoped the query to the tenant, rewrote `v.id` and added a LIMIT: folded under the query. */
export const GuardRewritten: Story = {
  args: {
    tool: serverCypherTool(WRITTEN_WITH_ID, {
      columns: ["id", "name", "duration_ms"],
      rows: [
        ["0:12", "POST /checkout", 2410],
        ["0:13", "CreateOrder", 2320],
        ["0:15", "Authorize", 1840],
      ],
      elapsed_ms: 12,
      truncated: false,
      query: RAN_WITH_ID,
      guard: {
        rewritten: true,
        notes: [
          { code: "tenant-scoped", message: "Every node (v) is scoped to the session's tenant." },
          { code: "id-rewritten", message: "v.id was rewritten to id(v): nodes have no id property." },
          { code: "limit-added", message: "LIMIT 1000 was added: the query had none." },
        ],
      },
    }),
    open: true,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = canvas.getByRole("button", { name: "Rewritten by the guard" });
    await expect(section).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(section);
    await expect(await canvas.findByRole("list", { name: "What the guard changed" })).toBeVisible();
    await expect(canvas.getByText("Query that ran")).toBeVisible();
  },
};

/** An unbounded traversal, refused by tracy-server's guard: its reasons, in words the model (and user) can act on. */
export const GuardRejected: Story = {
  args: {
    tool: serverCypherTool(
      "MATCH path = (root:Span {name: 'POST /checkout'})<-[:CHILD_OF*]-(leaf:Span)\nRETURN leaf.name, length(path)",
      {
        error: {
          kind: "rejected",
          message: "The query was not run.",
          reasons: [
            {
              code: "unbounded-hops",
              message: "The variable-length relationship [:CHILD_OF*] has no upper bound: give it one, at most *1..6.",
            },
          ],
        },
        query:
          "MATCH path = (root:Span {name: 'POST /checkout'})<-[:CHILD_OF*]-(leaf:Span)\nRETURN leaf.name, length(path)",
      },
      true,
    ),
    open: true,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Refused by the guard")).toBeVisible();
    await expect(await canvas.findByRole("list", { name: "Why the guard refused the query" })).toBeVisible();
  },
};
