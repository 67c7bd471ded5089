import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Profiler, createElement, memo, type ComponentProps } from "react";
import { describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { TRANSCRIPT_STEP, TRANSCRIPT_WINDOW } from "../../src/components/use-transcript-window";
import { FakeTransport, PROCESSED_AT, eventId, text } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

/** Commits per message id, from a React Profiler around each message. */
const commits = new Map<string, number>();
vi.mock(import("../../src/components/message-view"), async (importOriginal) => {
  const actual = await importOriginal();
  // Memoised like the real MessageView (same props), so the Profiler only commits when it would.
  const Profiled = memo(function Profiled(props: ComponentProps<typeof actual.MessageView>) {
    const id = props.message.id;
    return createElement(
      Profiler,
      { id, onRender: () => commits.set(id, (commits.get(id) ?? 0) + 1) },
      createElement(actual.MessageView, props),
    );
  });
  return { ...actual, MessageView: Profiled };
});

function history(messages: number): unknown[] {
  return Array.from({ length: messages }, (_, i) => ({
    type: i % 2 === 0 ? "user.message" : "agent.message",
    id: eventId(`1:${i + 1}`),
    ...(i % 2 === 0 ? { processed_at: PROCESSED_AT } : {}),
    content: text(i % 2 === 0 ? `Question ${i + 1}` : `**Answer** ${i + 1}`),
  }));
}

async function renderWithHistory(messages: number) {
  const transport = new FakeTransport();
  transport.history["sesn_h"] = history(messages);
  render(<TracyPanel tenantId="acme" sessionId="sesn_h" transport={transport} />);
  await openLatestStream(transport);
  await screen.findByText(`Question ${messages - 1}`);
  return transport;
}

/** History is listed once the stream is open. */
async function openLatestStream(transport: FakeTransport, streams = 1) {
  await waitFor(() => expect(transport.streams).toHaveLength(streams));
  act(() => transport.lastStream().open());
}

const mounted = () => document.querySelectorAll(".tracy-message").length;

describe("transcript windowing", () => {
  it("mounts only the last items of a long conversation, and earlier ones on request", async () => {
    await renderWithHistory(200);
    expect(mounted()).toBe(TRANSCRIPT_WINDOW);
    expect(screen.queryByText("Question 1")).toBeNull();

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: `Show earlier (${200 - TRANSCRIPT_WINDOW} more)` }));
    expect(mounted()).toBe(TRANSCRIPT_WINDOW + TRANSCRIPT_STEP);
    // Keyboard: the button keeps focus while there is more to show.
    const rest = 200 - TRANSCRIPT_WINDOW - TRANSCRIPT_STEP;
    expect(screen.getByRole("button", { name: `Show earlier (${rest} more)` })).toHaveFocus();
    for (let i = 0; i < Math.ceil(rest / TRANSCRIPT_STEP); i++) await user.keyboard("{Enter}");
    expect(mounted()).toBe(200);
    expect(screen.getByText("Question 1")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Show earlier/ })).toBeNull();
    expect(document.querySelector(".tracy-transcript")).toHaveFocus();
  });

  it("follows new items while the reader is at the bottom, so the DOM stays bounded", async () => {
    const transport = await renderWithHistory(100);
    const stream = transport.lastStream();
    for (let i = 0; i < 120; i++) {
      act(() => stream.emit({ type: "agent.message", id: eventId(`2:${i}`), content: text(`Live ${i}`) }));
    }
    await screen.findByText("Live 119");
    expect(mounted()).toBeLessThanOrEqual(TRANSCRIPT_WINDOW + 20);
    expect(mounted()).toBeGreaterThanOrEqual(TRANSCRIPT_WINDOW);
  });

  it("starts over when the conversation is replaced", async () => {
    const transport = new FakeTransport();
    transport.history["sesn_a"] = history(200);
    transport.history["sesn_b"] = history(3);
    const view = render(<TracyPanel tenantId="acme" sessionId="sesn_a" transport={transport} />);
    await openLatestStream(transport);
    await screen.findByText("Question 199");
    view.rerender(<TracyPanel tenantId="globex" sessionId="sesn_b" transport={transport} />);
    await openLatestStream(transport, 2);
    await screen.findByText("Question 3");
    expect(mounted()).toBe(3);
  });
});

describe("render counts (React Profiler)", () => {
  it("finished messages never re-render while a reply streams or the user types", async () => {
    commits.clear();
    const transport = await renderWithHistory(20);
    const finished = [...commits.keys()];
    expect(finished).toHaveLength(20);
    const before = new Map(commits);

    const stream = transport.lastStream();
    act(() => stream.emit({ type: "event_start", event: { id: eventId("1:90000"), type: "agent.message" } }));
    // Five frames of six tokens each: the streaming message commits per frame, the finished ones never.
    for (let frame = 0; frame < 5; frame++) {
      for (let i = frame * 6; i < frame * 6 + 6; i++) {
        act(() =>
          stream.emit({
            type: "event_delta",
            event_id: eventId("1:90000"),
            delta: { type: "text", content: { text: `tok${i} ` } },
          }),
        );
      }
      await screen.findByText(new RegExp(`tok${frame * 6 + 5}`));
    }
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "does typing re-render?");

    // The reply that ended the history commits once more, when its reply actions move to the new reply of the
    // same turn; no finished message commits per token or keystroke.
    const lastReply = eventId("1:20");
    for (const id of finished) expect(commits.get(id), id).toBe((before.get(id) ?? 0) + (id === lastReply ? 1 : 0));
    expect(commits.get(eventId("1:90000"))).toBeGreaterThanOrEqual(5);
  });
});
