import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { MESSAGE_DISPLAY_LIMIT, MESSAGE_SHOW_ALL_LIMIT, MessageView } from "../../src/components/message-view";
import type { MessageItem } from "../../src/protocol/transcript";
import { createOpaqueIds } from "../helpers/opaque-ids";
import { en } from "../helpers/labels";

const eventId = createOpaqueIds(2);

const huge = (role: "user" | "agent", size = 900_000): MessageItem => ({
  kind: "message",
  id: eventId("huge message"),
  role,
  text: `start ${"x".repeat(size)} END-MARKER`,
  content: [],
  streaming: false,
});

describe("huge messages", () => {
  it.each(["agent", "user"] as const)(
    "cuts a 900 kB %s message for display and shows it all on request",
    async (role) => {
      const { container } = render(<MessageView message={huge(role)} />);
      expect(container.textContent?.length).toBeLessThan(MESSAGE_DISPLAY_LIMIT + 500);
      expect(screen.queryByText(/END-MARKER/)).toBeNull();
      expect(screen.getByText(/Showing 20K of 900K characters/)).toBeInTheDocument();
      await userEvent.click(screen.getByRole("button", { name: en.showFullMessage }));
      await waitFor(() => expect(container.textContent).toContain("END-MARKER"));
    },
  );

  it("offers a copy instead of showing a message over 1M characters", async () => {
    const message = huge("agent", MESSAGE_SHOW_ALL_LIMIT + 10);
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<MessageView message={message} />);
    expect(screen.queryByRole("button", { name: en.showFullMessage })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: en.copyFullMessage }));
    expect(writeText).toHaveBeenCalledWith(message.text);
  });
});
