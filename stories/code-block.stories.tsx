import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { Markdown } from "../src/components/markdown";
import { inPanelShell } from "./card-frame";

const REPLY = `The slow query, and how to check it:

\`\`\`sql
SELECT customer_id, count(*) AS calls
FROM payment_methods
WHERE created_at > now() - interval '1 day' -- last day
GROUP BY customer_id;
\`\`\`

\`\`\`cypher
MATCH (s:Span {tenant_id: $tenant})-[:CHILD_OF]->(p:Span)
RETURN p.name, avg(s.duration_ms) AS avg_ms LIMIT 5
\`\`\`

\`\`\`yaml
indexes:
  - table: payment_methods
    columns: [customer_id] # new
\`\`\`

\`\`\`python
def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]
\`\`\`

\`\`\`rust
fn main() { println!("not highlighted: plain text"); }
\`\`\`

> The index cut the query from 1,690 ms to 12 ms in staging.

- [x] add the index
- [ ] run the fraud check in parallel`;

const meta = {
  title: "Markdown/Code blocks",
  component: Markdown,
  decorators: [inPanelShell],
} satisfies Meta<typeof Markdown>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Fenced code in the highlighted languages (colours from the panel's theme tokens), a plain one, a quote and a task list. */
export const Highlighted: Story = {
  args: { text: REPLY },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll("code[data-highlighted]")).toHaveLength(4));
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("region", { name: /rust/ }).querySelector("span")).toBeNull();
    await expect(canvas.getByRole("checkbox", { name: "Done" })).toBeDisabled();
  },
};

/** The last block while it streams: plain or coloured in place, never remounted. */
export const Streaming: Story = {
  args: { text: "Running:\n\n```cypher\nMATCH (s:Span {tenant_id: $tenant})\nWHERE s.duration_ms >", streaming: true },
};
