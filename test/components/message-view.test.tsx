import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MESSAGE_DISPLAY_LIMIT, MessageView } from "../../src/components/message-view";
import type { MessageItem } from "../../src/protocol/transcript";

const huge = (role: "user" | "agent"): MessageItem => ({
  kind: "message",
  id: "sevt_1_1",
  role,
  text: `start ${"x".repeat(1_000_000)} END-MARKER`,
  content: [],
  streaming: false,
});

describe("huge messages", () => {
  it.each(["agent", "user"] as const)("cuts a 1 MB %s message for display and shows it all on request", async (role) => {
    const { container } = render(<MessageView message={huge(role)} />);
    expect(container.textContent?.length).toBeLessThan(MESSAGE_DISPLAY_LIMIT + 500);
    expect(screen.queryByText(/END-MARKER/)).toBeNull();
    expect(screen.getByText(/Showing 20K of 1M characters/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Show full message" }));
    expect(container.textContent).toContain("END-MARKER");
  });
});
