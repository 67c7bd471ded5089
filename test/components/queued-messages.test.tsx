import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

const box = () => screen.getByRole("textbox", { name: en.composerLabel });
const posted = (t: FakeTransport) =>
  t.sends
    .filter((s) => (s.events[0] as { type: string }).type === "user.message")
    .map((s) => (s.events[0] as { content: { text: string }[] }).content[0]?.text);

async function runningTurn() {
  const transport = new FakeTransport();
  transport.history.sesn_1 = [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("why?") },
    { type: "session.status_running", id: eventId("1:2") },
  ];
  render(<TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} />);
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  await screen.findByRole("button", { name: en.stop });
  return transport;
}

describe("messages sent while Tracy answers", () => {
  it("are shown queued, in order, each removable; they go when the turn ends", async () => {
    const transport = await runningTurn();
    const user = userEvent.setup();
    await user.type(box(), "second{Enter}");
    await user.type(box(), "third{Enter}");
    await user.type(box(), "fourth{Enter}");
    const queued = screen.getAllByText(en.queued).map((note) => note.closest(".tracy-message") as HTMLElement);
    expect(queued.map((m) => m.querySelector(".tracy-message-text")?.textContent)).toEqual([
      "second",
      "third",
      "fourth",
    ]);
    expect(box()).toHaveFocus();
    expect(screen.queryByText(/Not sent/)).toBeNull();
    await user.click(within(queued[1] as HTMLElement).getByRole("button", { name: en.removeQueued }));
    expect(screen.queryByText("third")).toBeNull();
    expect(box()).toHaveFocus();
    expect(posted(transport)).toEqual([]);
    act(() =>
      transport.lastStream().emit({
        type: "session.status_idle",
        id: eventId("1:3"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      }),
    );
    await waitFor(() => expect(posted(transport)).toEqual(["second"]));
    expect(screen.getAllByText(en.queued)).toHaveLength(1);
  });

  it("a queued message behind one that failed says it waits, and Edit takes it back", async () => {
    const transport = await runningTurn();
    const user = userEvent.setup();
    await user.type(box(), "second{Enter}");
    await user.type(box(), "third{Enter}");
    transport.sendFailures = [new Error("offline")];
    act(() =>
      transport.lastStream().emit({
        type: "session.status_idle",
        id: eventId("1:3"),
        stop_reason: { type: "end_turn" },
        stop_details: null,
      }),
    );
    expect(await screen.findByText(en.queuedBehindFailure)).toBeInTheDocument();
    expect(posted(transport)).toEqual(["second"]);
    const third = screen.getByText(en.queuedBehindFailure).closest(".tracy-message") as HTMLElement;
    await user.click(within(third).getByRole("button", { name: en.edit }));
    expect(box()).toHaveValue("third");
    expect(box()).toHaveFocus();
  });
});
