import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ToolCard, type ToolItem, type ToolResult } from "../src";
import { inPanelShell } from "./card-frame";
import { createOpaqueIds } from "./fixtures/opaque-ids";

const eventId = createOpaqueIds(31);

const STARTED_AT = "2026-03-02T14:05:10.000Z";
const SERVICES = ["checkout-api", "payments-svc", "payments-db", "fraud-check", "inventory-svc", "cart-cache"];

function serviceRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    service: SERVICES[i % SERVICES.length],
    p95_ms: Math.round(2930 / (i + 1)),
    error_rate: i === 2 ? 0.031 : 0,
    owner: i === 4 ? null : `team-${i % 3}`,
  }));
}

function tool(overrides: Partial<ToolItem> = {}): ToolItem {
  return {
    kind: "tool",
    id: eventId("tool use"),
    source: "mcp",
    name: "list_services",
    serverName: "clawtrace",
    input: { tenant_id: "acme-prod", window: "PT1H", order_by: "p95_ms" },
    permission: "allow",
    at: STARTED_AT,
    result: null,
    confirmation: null,
    ...overrides,
  };
}

function result(text: string, isError = false): ToolResult {
  return { id: eventId("tool result"), isError, content: [{ type: "text", text }], at: "2026-03-02T14:05:11.840Z" };
}

const meta = {
  title: "ToolCard",
  component: ToolCard,
  args: { tool: tool(), onOpenChange: fn() },
  parameters: { frame: "card", controls: { exclude: ["tool"] } },
  decorators: [inPanelShell],
} satisfies Meta<typeof ToolCard>;

export default meta;
type Story = StoryObj<typeof meta>;

function trigger(canvasElement: HTMLElement): HTMLElement {
  return within(canvasElement).getByRole("button", { name: /^list_services|^delete_saved_query/ });
}

/** Open while the call runs, so the user sees what Tracy asked for. */
export const Running: Story = {
  play: async ({ canvasElement }) => {
    await expect(trigger(canvasElement)).toHaveAttribute("aria-expanded", "true");
    await expect(trigger(canvasElement)).toHaveTextContent("running…");
    await expect(within(canvasElement).getByText(/"order_by": "p95_ms"/)).toBeVisible();
  },
};

/** Closed once done; opening it shows the input and the rows it returned. */
export const DoneWithRows: Story = {
  args: { tool: tool({ result: result(JSON.stringify({ rows: serviceRows(6) })) }) },
  play: async ({ canvasElement, args }) => {
    const button = trigger(canvasElement);
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toHaveTextContent("done · 1.8 s");
    await userEvent.click(button);
    await expect(args.onOpenChange).toHaveBeenCalledWith(true);
    const card = within(canvasElement);
    await expect(card.getByRole("button", { name: "Copy input" })).toBeVisible();
    await expect(card.getByRole("button", { name: "Copy output" })).toBeVisible();
    await expect(card.getByText(/"service": "inventory-svc"/)).toBeVisible();
  },
};

export const ErrorResult: Story = {
  args: {
    tool: tool({ result: result("Unknown time window 'PT1H0'. Use an ISO-8601 duration such as PT1H.", true) }),
    open: true,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("group", { name: "Tool call list_services" })).toHaveAttribute(
      "data-state",
      "error",
    );
    await expect(trigger(canvasElement)).toHaveTextContent("error");
    await expect(within(canvasElement).getByText(/Unknown time window/)).toHaveClass("tracy-code-error");
  },
};

/** A call the agent may only make once the user allows it. */
export const AwaitingApproval: Story = {
  args: {
    tool: tool({ name: "delete_saved_query", input: { name: "checkout-latency-debug" }, permission: "ask" }),
    open: true,
  },
  play: async ({ canvasElement }) => {
    await expect(trigger(canvasElement)).toHaveTextContent("awaiting approval");
    await expect(within(canvasElement).getByText("Waiting for your approval…")).toBeVisible();
  },
};

/** Huge output is cut for display, with a button for the rest. */
export const LongOutput: Story = {
  args: { tool: tool({ result: result(JSON.stringify({ rows: serviceRows(400) })) }), open: true },
  play: async ({ canvasElement }) => {
    const more = within(canvasElement).getByRole("button", { name: "Show full output" });
    await expect(within(canvasElement).getByText(/^Showing 20,000 of [\d,]+ characters\.$/)).toBeVisible();
    await userEvent.click(more);
    await expect(within(canvasElement).queryByRole("button", { name: "Show full output" })).not.toBeInTheDocument();
  },
};
