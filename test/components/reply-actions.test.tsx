import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

const MARKDOWN = "The **db** span is slow:\n\n```sql\nSELECT 1\n```";

function history(extra: unknown[] = []) {
  return [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("why?") },
    { type: "session.status_running", id: eventId("1:2") },
    { type: "agent.message", id: eventId("1:3"), content: text("Let me look.") },
    { type: "agent.tool_use", id: eventId("1:4"), name: "run_cypher", input: { query: "MATCH (s) RETURN s" } },
    { type: "agent.message", id: eventId("1:5"), content: text(MARKDOWN) },
    ...extra,
  ];
}
const idle = { type: "session.status_idle", id: eventId("1:6"), stop_reason: { type: "end_turn" }, stop_details: null };

async function open(events: unknown[], props: Partial<Parameters<typeof TracyPanel>[0]> = {}) {
  const transport = new FakeTransport();
  transport.history.sesn_1 = events;
  const onFeedback = vi.fn();
  const view = render(
    <TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} onFeedback={onFeedback} {...props} />,
  );
  await waitFor(() => expect(transport.streams).toHaveLength(1));
  act(() => transport.lastStream().open());
  await screen.findByText(/span is slow/);
  return { transport, onFeedback, view };
}
const groups = () => screen.queryAllByRole("group", { name: en.replyActions });

describe("reply actions", () => {
  it("show under the last reply of a finished turn only, not under steps nor while the turn runs", async () => {
    const { transport } = await open(history());
    expect(groups()).toHaveLength(0);
    act(() => transport.lastStream().emit(idle));
    await waitFor(() => expect(groups()).toHaveLength(1));
    expect(groups()[0]?.closest(".tracy-message")?.textContent).toContain("span is slow");
  });

  it("Copy copies the reply's markdown source and confirms", async () => {
    await open(history([idle]));
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    await user.click(within(groups()[0] as HTMLElement).getByRole("button", { name: en.copyReply }));
    expect(writeText).toHaveBeenCalledWith(MARKDOWN);
    expect(await within(groups()[0] as HTMLElement).findByText(en.copied)).toBeInTheDocument();
  });

  it("a thumb rates at once, then takes an optional comment, by keyboard; onFeedback fires once per change", async () => {
    const { onFeedback } = await open(history([idle]));
    const user = userEvent.setup();
    const down = screen.getByRole("button", { name: en.feedbackDown });
    down.focus();
    await user.keyboard("{Enter}");
    expect(down).toHaveAttribute("aria-pressed", "true");
    expect(onFeedback).toHaveBeenLastCalledWith({
      eventId: eventId("1:5"),
      sessionId: "sesn_1",
      tenant: "acme",
      rating: "down",
    });
    const comment = screen.getByRole("textbox", { name: en.feedbackComment });
    expect(comment).toHaveFocus();
    await user.keyboard("Wrong service");
    await user.click(screen.getByRole("button", { name: en.feedbackSubmit }));
    expect(onFeedback).toHaveBeenCalledTimes(2);
    expect(onFeedback).toHaveBeenLastCalledWith({
      eventId: eventId("1:5"),
      sessionId: "sesn_1",
      tenant: "acme",
      rating: "down",
      comment: "Wrong service",
    });
    expect(screen.queryByRole("textbox", { name: en.feedbackComment })).toBeNull();
    expect(down).toHaveFocus();
    expect(screen.getByText(en.feedbackThanks)).toBeInTheDocument();
    // Opened again: the comment is there; sending it unchanged is no change.
    await user.keyboard("{Enter}");
    expect(screen.getByRole("textbox", { name: en.feedbackComment })).toHaveValue("Wrong service");
    await user.click(screen.getByRole("button", { name: en.feedbackSubmit }));
    expect(onFeedback).toHaveBeenCalledTimes(2);
  });

  it("Escape closes the comment box, keeps the rating, and returns focus to the thumb", async () => {
    const { onFeedback } = await open(history([idle]));
    const user = userEvent.setup();
    const up = screen.getByRole("button", { name: en.feedbackUp });
    await user.click(up);
    await user.keyboard("half a thought{Escape}");
    expect(screen.queryByRole("textbox", { name: en.feedbackComment })).toBeNull();
    expect(up).toHaveFocus();
    expect(up).toHaveAttribute("aria-pressed", "true");
    expect(onFeedback).toHaveBeenCalledTimes(1);
  });

  it("the rating survives the reply re-rendering and the panel remounting its views", async () => {
    const { view, transport } = await open(history([idle]));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: en.feedbackUp }));
    act(() =>
      transport.lastStream().emit({ type: "agent.message", id: eventId("1:5"), content: text(`${MARKDOWN} `) }),
    );
    expect(screen.getByRole("button", { name: en.feedbackUp })).toHaveAttribute("aria-pressed", "true");
    view.rerender(
      <TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} theme="dark" onFeedback={() => {}} />,
    );
    expect(screen.getByRole("button", { name: en.feedbackUp })).toHaveAttribute("aria-pressed", "true");
  });
});

describe("a turn that ended in an error", () => {
  const failed = [
    { type: "user.message", id: eventId("1:1"), processed_at: PROCESSED_AT, content: text("why?") },
    { type: "session.status_running", id: eventId("1:2") },
    {
      type: "session.error",
      id: eventId("1:3"),
      error: { type: "model_overloaded_error", message: "Overloaded", retry_status: { type: "exhausted" } },
    },
    { type: "session.status_idle", id: eventId("1:4"), stop_reason: { type: "end_turn" }, stop_details: null },
  ];

  it("offers to ask again: one click sends the question once, as a new message; it never goes by itself", async () => {
    const transport = new FakeTransport();
    transport.history.sesn_1 = failed;
    render(<TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} />);
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    const again = await screen.findByRole("button", { name: en.retryTurn });
    expect(transport.sends).toEqual([]);
    const user = userEvent.setup();
    await user.dblClick(again);
    await waitFor(() => expect(transport.sends).toHaveLength(1));
    expect(transport.sends[0]?.events).toEqual([{ type: "user.message", content: text("why?") }]);
    expect(screen.queryByRole("button", { name: en.retryTurn })).toBeNull();
    expect(screen.getByRole("textbox", { name: en.composerLabel })).toHaveFocus();
  });
});
