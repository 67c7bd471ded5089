import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

/** Holds sendEvents until released, so the stream can echo the message first. */
class SlowPostTransport extends FakeTransport {
  release: () => void = () => {};
  override async sendEvents(...args: Parameters<FakeTransport["sendEvents"]>) {
    await new Promise<void>((resolve) => (this.release = resolve));
    return super.sendEvents(...args);
  }
}

const userMessages = () => document.querySelectorAll('.tracy-message[data-role="user"]');

describe("a message echoed by the stream before its POST answers", () => {
  it("shows once, not twice", async () => {
    const transport = new SlowPostTransport();
    render(<TracyPanel tenantId="acme" transport={transport} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "why is checkout slow?{Enter}");
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    expect(userMessages()).toHaveLength(1);

    act(() =>
      transport.lastStream().emit({
        type: "user.message",
        id: eventId("1:101"),
        processed_at: PROCESSED_AT,
        content: text("why is checkout slow?"),
      }),
    );
    await waitFor(() => expect(document.querySelector('[data-pending="sending"]')).toBeNull());
    expect(userMessages()).toHaveLength(1);

    // A second, identical question is its own message: the echo of the first doesn't hide it.
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "why is checkout slow?{Enter}");
    expect(userMessages()).toHaveLength(2);

    await act(async () => transport.release());
    await waitFor(() => expect(userMessages()).toHaveLength(2));
  });
});
