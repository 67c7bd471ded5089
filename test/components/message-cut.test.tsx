import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MESSAGE_DISPLAY_LIMIT, MessageView } from "../../src/components/message-view";
import type { MessageItem } from "../../src/protocol/transcript";
import { en, enFormat } from "../helpers/labels";

/** The demo's span dump: every span of a trace as one markdown table, longer than a reply is shown at once. */
function spanDump(spans: number): MessageItem {
  const rows = Array.from(
    { length: spans },
    (_, i) => `| ${i + 1} | checkout-api | \`op_${String(i).padStart(4, "0")}\` | ${i} ms | OK |`,
  );
  const text = [
    "All spans, slowest first:",
    "",
    "| # | Service | Operation | Duration | Status |",
    "|---:|---|---|---:|---|",
    ...rows,
    "",
    "That is every span.",
  ].join("\n");
  return { kind: "message", id: "m1", role: "agent", text, content: [], streaming: false };
}

describe("a long table in a reply", () => {
  it("Show all 1,500 rows shows all 1,500, not the rows the first 20,000 characters hold", async () => {
    const message = spanDump(1_500);
    expect(message.text.length).toBeGreaterThan(MESSAGE_DISPLAY_LIMIT);
    render(<MessageView message={message} />);
    const table = screen.getByRole("region", { name: en.markdownTable });
    await userEvent.click(within(table).getByRole("button", { name: en.showAllRows(enFormat.count(1_500)) }));
    expect(within(table).getAllByRole("row")).toHaveLength(1_501);
    expect(within(table).getByText("op_1499")).toBeInTheDocument();
  });
});
